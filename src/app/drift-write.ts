// `drift --write` and the Action's drift pull request share this: the YAML rewritten to describe what
// Adobe holds, for the objects changed outside Git. It reads the YAML files and nothing from Adobe (the
// drift command already read the live state) and writes nothing: the CLI writes the files (writeDriftFiles),
// the Action makes them a commit. Only files inside the configured sandbox folders, inside the
// repository, are ever rewritten.
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readBounded } from "../config/repository.js";
import { spliceDriftEdits } from "../config/drift-splice.js";
import { Repository } from "../config/repository.js";
import { AppError } from "../errors.js";
import { driftEdits, type DocumentEdits } from "../domain/operate/drift-edits.js";
import type { PlanResult } from "../reconcile/reconcile.js";
import type { DriftItem } from "../report/operate/drift.js";
import type { Workspace } from "./workspace.js";

export interface DriftWrite {
  /** The file, absolute. */
  path: string;
  /** Its text as read, and as rewritten: the same except the drifted lines. */
  before: string;
  after: string;
  /** What was written in it, per object: its refs and the fields (as the plan names them). */
  changes: { sandbox: string; kind: "Destination" | "Account"; name: string; refs: string[]; fields: string[] }[];
}

export async function driftRewrite(
  ws: Workspace,
  drifted: PlanResult & { items: DriftItem[] },
): Promise<{ files: DriftWrite[]; notes: string[] }> {
  const { documents, notes } = driftEdits(drifted.items, drifted.resolved);
  notes.push(...unseenAccountChanges(ws, drifted));
  const repository = Repository.around(ws.configuration.tool.root);
  const byFile = new Map<string, DocumentEdits[]>();
  for (const doc of documents) byFile.set(doc.file, [...(byFile.get(doc.file) ?? []), doc]);
  const files: DriftWrite[] = [];
  for (const [file, docs] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    const folders = drifted.resolved.find((d) => d.sandbox === docs[0]!.sandbox)?.paths ?? [];
    if (!folders.some((f) => within(f, file)) || repository.locate(file) !== "inside") {
      notes.push(`${repository.show(file)}: outside the configured folders of the repository; not written.`);
      continue;
    }
    const read = readBounded(file);
    if (!("bytes" in read)) {
      notes.push(`${repository.show(file)}: could not be read again; not written.`);
      continue;
    }
    const before = Buffer.from(read.bytes).toString("utf8");
    const spliced = spliceDriftEdits(before, docs);
    notes.push(...spliced.notes.map((n) => `${repository.show(file)}: ${n}`));
    if (spliced.text === before) continue;
    files.push({
      path: file,
      before,
      after: spliced.text,
      changes: docs.map((d) => ({ sandbox: d.sandbox, kind: d.kind, name: d.name, refs: d.refs, fields: d.fields })),
    });
  }
  return { files, notes };
}

function within(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/**
 * An account last written by someone else with nothing in the plan to show for it: what Adobe masks
 * changed (its credentials, rotated in the UI). Said, never written: Git holds only `${env:NAME}`.
 */
function unseenAccountChanges(ws: Workspace, drifted: PlanResult & { items: DriftItem[] }): string[] {
  const self = ws.adobe.settings.clientId;
  const notes: string[] = [];
  for (const desired of drifted.resolved) {
    const live = drifted.lives.find((l) => l.sandbox === desired.sandbox);
    for (const account of desired.accounts) {
      const connection = live?.connections.find((c) => c.owner?.kind === "account" && c.owner.name === account.name);
      if (!connection?.meta.updatedClient || connection.meta.updatedClient === self) continue;
      if (drifted.items.some((i) => i.sandbox === desired.sandbox && i.ref === `account/${account.name}`)) continue;
      notes.push(
        `account ${account.name} (${desired.sandbox}): changed in Adobe by ${connection.meta.updatedBy ?? connection.meta.updatedClient} in what Adobe masks (its credentials?); not written: Git keeps the \${env:NAME} references, so set the new values where the runs read them.`,
      );
    }
  }
  return notes;
}

/** Writes each file whole or not at all: a temporary file beside it, renamed over it. */
export function writeDriftFiles(files: DriftWrite[]): void {
  for (const file of files) {
    // Unchanged since it was read: a file edited meanwhile is not overwritten with stale content.
    if (readFileSync(file.path, "utf8") !== file.before) {
      throw new AppError("refused", `${file.path} changed while drift ran; nothing more was written.`, {
        hint: "Run drift --write again once the file is saved.",
      });
    }
    const temporary = path.join(path.dirname(file.path), `.${path.basename(file.path)}.${process.pid}.tmp`);
    try {
      // Beside the file, so the rename stays on one file system and is atomic. The file keeps its permissions (an executable bit, a group's write).
      writeFileSync(temporary, file.after, { flag: "wx", mode: statSync(file.path).mode & 0o777 });
      renameSync(temporary, file.path);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
  }
}
