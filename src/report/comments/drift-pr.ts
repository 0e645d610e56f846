// The drift job's pull request, in words: one per sandbox, from the fixed branch aep-gitops/drift/<sandbox>.
// Its body says what was changed in Adobe, by whom and when (the audit trail where the report read one,
// else the object's last writer), and what each of the reader's two choices does: merging keeps the
// change (Git then says what Adobe does; nothing is written to Adobe), closing leaves it reported, and
// the next apply reverts it. Every name, path and writer comes from YAML or Adobe: escaped for markdown.
import type { AuditTrails } from "../../domain/operate/audit-trail.js";
import { atText, writerText } from "../plan/attribution.js";
import { trailFor, type DriftItem } from "../operate/drift.js";
import { code, link, md } from "../escape/markdown.js";
import { isoTime } from "../plan/values.js";
import { visible } from "../escape/visible.js";

export const DRIFT_BRANCH_PREFIX = "aep-gitops/drift/";

/** The branch of a sandbox's drift pull request; undefined for a name git or a reader could misread. */
export function driftBranch(sandbox: string): string | undefined {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(sandbox) && !sandbox.includes("..")
    ? `${DRIFT_BRANCH_PREFIX}${sandbox}`
    : undefined;
}

export function driftPrMarker(sandbox: string): string {
  return `<!-- aep-gitops:drift-pr sandbox=${encodeURIComponent(sandbox)} -->`;
}

/** A title is plain text, yet people read it: what they cannot see is spelled out. */
export function driftPrTitle(sandbox: string): string {
  return `aep-gitops: keep the changes made in Adobe to sandbox ${visible(sandbox)}`;
}

export interface DriftPrFile {
  /** Relative to the repository's root. */
  path: string;
  /** Per object written: its name, the plan refs of its Adobe objects, the fields written. */
  changes: { kind: string; name: string; refs: readonly string[]; fields: readonly string[] }[];
}

export interface DriftPrContext {
  sandbox: string;
  defaultBranch: string;
  /** The default branch's commit the branch was written on. */
  baseSha: string;
  files: readonly DriftPrFile[];
  /** The sandbox's drift items: who changed what, and when. */
  items: readonly DriftItem[];
  trails?: AuditTrails | undefined;
  /** Other open pull requests that touch a file this one rewrites. */
  overlaps: readonly { number: number; path: string }[];
  /** What the rewrite left out (a credential, an object made in the UI): plain sentences. */
  notes: readonly string[];
}

export function driftPrBody(ctx: DriftPrContext): string {
  const lines = [
    driftPrMarker(ctx.sandbox),
    `## ${md(driftPrTitle(ctx.sandbox))}`,
    "",
    `These objects of sandbox ${code(ctx.sandbox)} were changed in Adobe Experience Platform after aep-gitops last applied the YAML. This pull request writes those changes into the YAML, and nothing else.`,
    "",
    "### What changed in Adobe",
    "",
  ];
  for (const file of ctx.files) {
    lines.push(`- ${code(file.path)}`);
    for (const change of file.changes) {
      const items = ctx.items.filter((i) => change.refs.includes(i.ref));
      const fields = change.fields.length ? `: ${change.fields.map((f) => code(f)).join(", ")}` : "";
      lines.push(
        `  - ${md(change.kind)} **${md(change.name)}**${fields}`,
        ...items.flatMap((item) => whoAndWhen(item, ctx.trails)),
      );
    }
  }
  lines.push(
    "",
    "### If you merge",
    "",
    "Git now says what Adobe does: the plan of this pull request shows no change against Adobe, and merging writes **nothing** to Adobe.",
    "",
    "### If you close it",
    "",
    `The drift stays reported in the drift issue, and the next apply reverts Adobe to what ${code(ctx.defaultBranch)} says.`,
  );
  if (ctx.overlaps.length > 0)
    lines.push(
      "",
      "> [!WARNING]",
      "> Other open pull requests change the same files; whichever merges second needs a rebase:",
      ...ctx.overlaps.map((o) => `> - #${o.number} changes ${code(o.path)}`),
    );
  if (ctx.notes.length > 0) lines.push("", "**Not written to the YAML:**", "", ...ctx.notes.map((n) => `- ${md(n)}`));
  lines.push(
    "",
    "---",
    // No link to the workflow run: the body then changes only when the drift does, and a re-run of the job edits nothing.
    `Opened by aep-gitops' drift job on commit ${code(ctx.baseSha.slice(0, 7))} of ${code(ctx.defaultBranch)}. The next check rewrites this branch from ${code(ctx.defaultBranch)}'s head, and closes this pull request if the change is undone in Adobe: push nothing to it.`,
    "",
  );
  return lines.join("\n");
}

/** The audit trail where the report read one, else the object's last writer. */
function whoAndWhen(item: DriftItem, trails: AuditTrails | undefined): string[] {
  const trail = trailFor(trails, item);
  if (trail && trail.length > 0)
    return trail.map(
      (e) =>
        `    - ${code(isoTime(e.at) ?? "unknown time")} ${code(e.who)} ${md(e.action)}${e.detail ? ` (${md(e.detail)})` : ""}`,
    );
  if (!item.attribution) return ["    - by an unknown writer"];
  const when = atText(item.attribution).replace(/^ at /, "");
  return [`    - by ${code(writerText(item.attribution))}${when ? ` at ${code(when)}` : ""}`];
}

export function driftPrClosedComment(workflowRunUrl: string | undefined): string {
  return `The changes this pull request kept are no longer in Adobe: the sandbox matches the YAML again (checked${workflowRunUrl ? ` by ${link("this workflow run", workflowRunUrl)}` : ""}). Nothing is left to keep. Closing.`;
}

/** The drift job's own pull request, as the plan job recognises it. */
export function isDriftBranch(headRef: string | undefined): boolean {
  return headRef !== undefined && headRef.startsWith(DRIFT_BRANCH_PREFIX);
}
