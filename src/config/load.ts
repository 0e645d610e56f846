// Files → desired state for one sandbox: list the YAML files, read and parse them, check each document
// against the schema (layer 1), run the semantic rules over all of them (layer 2), and keep what is
// valid. Every problem is collected and returned at once; bad input never throws. checkSandboxes stops
// before the desired state, for a run that only reports problems.
import path from "node:path";
import type { DesiredSandbox } from "../domain/state/desired.js";
import type { Problem } from "../domain/checks/problem.js";
import type { CheckedDocument } from "./check-document.js";
import type { CheckCache } from "./check-cache.js";
import { checkFile, type FileCheck } from "./file-check.js";
import { listYamlFiles } from "./files.js";
import { sortProblems } from "../domain/checks/problems.js";
import { SEMANTIC_RULES } from "../domain/checks/rules/index.js";
import type { Repository } from "./repository.js";
import { toDesiredAccount, toDesiredDestination } from "./to-desired.js";

export { hasErrors } from "../domain/checks/problems.js";

/** What one sandbox's files hold that is wrong: every problem of both layers, sorted. */
export interface SandboxCheck {
  problems: Problem[];
  /** Every file read (absolute, sorted). */
  files: string[];
}

export interface LoadResult extends SandboxCheck {
  desired: DesiredSandbox;
}

/** How the semantic rules read the tool config: the prefixes credential variables must have. */
export interface LoadOptions {
  variablePrefixes?: readonly string[] | undefined;
  /** What may be read: every path and every link met must lead inside it (none: the demo's examples). */
  repository?: Repository | undefined;
  /** Checks of unchanged files are taken from here; the others are checked and stored in it. */
  cache?: CheckCache | undefined;
}

export interface SandboxRequest {
  sandbox: string;
  /** Its folders and files. */
  paths: string[];
}

/** One sandbox's desired state (a load of its own: see loadSandboxes for several). */
export async function loadDesired(sandbox: string, paths: string[], options: LoadOptions = {}): Promise<LoadResult> {
  return (await loadSandboxes([{ sandbox, paths }], options))[0]!;
}

/** Several sandboxes' desired states, their files read as one job: a file two sandboxes share is read once. */
export async function loadSandboxes(requests: SandboxRequest[], options: LoadOptions = {}): Promise<LoadResult[]> {
  return (await checkAll(requests, options)).map(({ sandbox, paths, check, documents }) => {
    const usable = documents.filter((doc) => doc.valid && !hasErrorWithin(doc, check.problems));
    const desired: DesiredSandbox = {
      sandbox,
      paths,
      accounts: usable.filter((d) => d.kind === "Account").map(toDesiredAccount),
      destinations: usable.filter((d) => d.kind === "Destination").map(toDesiredDestination),
    };
    return { ...check, desired };
  });
}

/**
 * The problems loadSandboxes finds, without the desired state: what validate reports. No desired state
 * asks where its items came from, so a document's positions are read only if a problem needs them.
 */
export async function checkSandboxes(requests: SandboxRequest[], options: LoadOptions = {}): Promise<SandboxCheck[]> {
  return (await checkAll(requests, options)).map((c) => c.check);
}

interface Checked {
  sandbox: string;
  paths: string[];
  check: SandboxCheck;
  documents: CheckedDocument[];
}

async function checkAll(
  requests: SandboxRequest[],
  { variablePrefixes, repository, cache }: LoadOptions,
): Promise<Checked[]> {
  const listed = await Promise.all(
    requests.map(async ({ sandbox, paths }) => {
      const absolute = paths.map((p) => path.resolve(p));
      return { sandbox, absolute, ...(await listYamlFiles(absolute, repository)) };
    }),
  );
  const files = [...new Set(listed.flatMap((l) => l.files))];
  // Read and layer 1, file by file.
  const checked = new Map(files.map((file) => [file, checkCached(file, cache)]));
  return listed.map((l) => ({
    sandbox: l.sandbox,
    paths: l.absolute,
    ...layer2(
      l.sandbox,
      l.absolute,
      l.files,
      l.files.map((file) => checked.get(file)!),
      l.problems,
      variablePrefixes,
      repository,
    ),
  }));
}

function checkCached(file: string, cache: CheckCache | undefined): FileCheck {
  const found = cache?.lookup(file);
  if (found) return found;
  const check = checkFile(file);
  cache?.store(file, check);
  return check;
}

/** Layer 2 over one sandbox's checked files. */
function layer2(
  sandbox: string,
  absolute: string[],
  files: string[],
  checks: FileCheck[],
  listing: Problem[],
  variablePrefixes: readonly string[] | undefined,
  repository: Repository | undefined,
): Pick<Checked, "check" | "documents"> {
  const problems: Problem[] = [...listing];
  const documents: CheckedDocument[] = [];
  for (const check of checks) {
    for (const p of check.problems) problems.push(p);
    for (const doc of check.documents) documents.push(doc);
  }
  const base = commonFolder(absolute);
  const context = {
    sandbox,
    documents,
    // Another file named in a message reads as every problem's file does: relative to the working
    // folder (`bad/acct.yaml`). Without a repository (the demo's examples, unit tests), to the inputs.
    display: (file: string) => (repository ? repository.show(file) : path.relative(base, file) || path.basename(file)),
    ...(variablePrefixes ? { variablePrefixes } : {}),
  };
  for (const rule of SEMANTIC_RULES) problems.push(...rule(context));
  return { check: { problems: sortProblems(problems), files }, documents };
}

/** A document is unusable when any error (from either layer) points inside its lines. */
function hasErrorWithin(doc: CheckedDocument, problems: Problem[]): boolean {
  const errors = problems.filter((p) => p.severity === "error" && p.file === doc.file);
  if (errors.length === 0) return false; // the document's range is not even needed
  const { start, end } = doc.locator.range;
  return errors.some((p) => p.line >= start.line && p.line <= end.line);
}

/** The deepest folder holding every input, to name other files briefly in messages. */
function commonFolder(paths: string[]): string {
  const folders = paths.map((p) => (path.extname(p) ? path.dirname(p) : p));
  return folders.reduce(
    (common, folder) => {
      while (common !== path.dirname(common) && path.relative(common, folder).startsWith(".."))
        common = path.dirname(common);
      return common;
    },
    folders[0] ?? path.resolve("."),
  );
}
