// Files → desired state for one sandbox: list the YAML files, read and parse them, check each document
// against the schema (layer 1), run the semantic rules over all of them (layer 2), and keep what is
// valid. Every problem is collected and returned at once; bad input never throws.
import path from "node:path";
import type { DesiredSandbox } from "../domain/desired.js";
import type { Problem } from "../domain/problem.js";
import { checkDocument, type CheckedDocument } from "./check-document.js";
import { listYamlFiles } from "./files.js";
import { sortProblems } from "./problems.js";
import { SEMANTIC_RULES } from "./rules/index.js";
import { toDesiredAccount, toDesiredDestination } from "./to-desired.js";
import { readYamlFile } from "./yaml-file.js";

export { hasErrors } from "./problems.js";

export interface LoadResult {
  desired: DesiredSandbox;
  problems: Problem[];
  /** Every file read (absolute, sorted). */
  files: string[];
}

export async function loadDesired(sandbox: string, paths: string[]): Promise<LoadResult> {
  const absolute = paths.map((p) => path.resolve(p));
  const listed = await listYamlFiles(absolute);
  const problems: Problem[] = [...listed.problems];

  // Read and layer 1, file by file, in file order.
  const yamlFiles = listed.files.map(readYamlFile);
  const documents: CheckedDocument[] = [];
  for (const yamlFile of yamlFiles) {
    problems.push(...yamlFile.problems);
    for (const doc of yamlFile.documents) {
      const checked = checkDocument(doc);
      problems.push(...checked.problems);
      if (checked.checked) documents.push(checked.checked);
    }
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
