// Golden files: the exact output a renderer must produce. `UPDATE_GOLDEN=1 npx vitest run test/report`
// rewrites them (review the diff before committing); otherwise a missing golden is a failure, so a
// test can never pass by having nothing to compare against.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "__golden__");

export function expectGolden(name: string, actual: string): void {
  const file = path.join(DIR, name);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) {
    expect.fail(`golden file test/report/__golden__/${name} is missing; create it with UPDATE_GOLDEN=1 and review it`);
  }
  expect(actual).toBe(readFileSync(file, "utf8"));
}
