// Files → desired state for one sandbox: list the YAML files, read and parse them, check each document
// against the schema (layer 1), run the semantic rules over all of them (layer 2), and keep what is
// valid. Every problem is collected and returned at once; bad input never throws. Reading and layer 1
// are per file, so a large tree shares them out to worker threads (read-pool.ts).
import path from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { DesiredSandbox } from "../domain/desired.js";
import type { Problem } from "../domain/problem.js";
import type { CheckedDocument } from "./check-document.js";
import { listYamlFiles } from "./files.js";
import { sortProblems } from "./problems.js";
import { SEMANTIC_RULES } from "./rules/index.js";
import { checkFiles, workersFor, type ReadOptions } from "./read-pool.js";
import { toDesiredAccount, toDesiredDestination } from "./to-desired.js";

export { hasErrors } from "./problems.js";

export interface LoadResult {
  desired: DesiredSandbox;
  problems: Problem[];
  /** Every file read (absolute, sorted). */
  files: string[];
}

/** Files listed by loads running at the same time (sandboxes load concurrently) and not yet read. */
let listedElsewhere = 0;

export async function loadDesired(sandbox: string, paths: string[], options: ReadOptions = {}): Promise<LoadResult> {
  const absolute = paths.map((p) => path.resolve(p));
  const listed = await listYamlFiles(absolute);
  const problems: Problem[] = [...listed.problems];

  // One turn of the event loop lets the other sandboxes' listings finish, so that ten sandboxes of a
  // hundred files start workers as one tree of a thousand would.
  listedElsewhere += listed.files.length;
  await nextTurn();
  const workers = options.workers ?? workersFor(listed.files.length, listedElsewhere);
  listedElsewhere -= listed.files.length;

  // Read and layer 1, file by file; the results come back in file order whichever thread read them.
  const checks = await checkFiles(listed.files, { ...options, workers });
  const documents: CheckedDocument[] = [];
  for (const check of checks) {
    for (const p of check.problems) problems.push(p);
    for (const doc of check.documents) documents.push(doc);
  }

  // Layer 2, across every document of the sandbox.
  const base = commonFolder(absolute);
  const context = { sandbox, documents, display: (file: string) => path.relative(base, file) || path.basename(file) };
  for (const rule of SEMANTIC_RULES) problems.push(...rule(context));

  const sorted = sortProblems(problems);
  const usable = documents.filter((doc) => doc.valid && !hasErrorWithin(doc, sorted));
  const desired: DesiredSandbox = {
    sandbox,
    paths: absolute,
    accounts: usable.filter((d) => d.kind === "Account").map(toDesiredAccount),
    destinations: usable.filter((d) => d.kind === "Destination").map(toDesiredDestination),
  };
  return { desired, problems: sorted, files: listed.files };
}

/** A document is unusable when any error (from either layer) points inside its lines. */
function hasErrorWithin(doc: CheckedDocument, problems: Problem[]): boolean {
  const { start, end } = doc.locator.range;
  return problems.some(
    (p) => p.severity === "error" && p.file === doc.file && p.line >= start.line && p.line <= end.line,
  );
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
