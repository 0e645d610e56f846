// Golden files for problem output: the exact text `validate` prints, kept beside each fixture.
// Run with UPDATE_GOLDEN=1 to rewrite them after an intended change, then review the diff.
import { readFileSync, writeFileSync } from "node:fs";
import { formatProblemsText } from "../../src/report/problems/problems.js";
import type { LoadResult } from "../../src/config/load.js";

export function renderGolden(result: LoadResult, cwd: string): string {
  return formatProblemsText(result.problems, cwd, { files: result.files });
}

export function readGolden(file: string, actual: string): string {
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
  return readFileSync(file, "utf8");
}
