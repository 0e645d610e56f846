// The corpus of broken files: one case per file, named <rule-id>--<case>.yaml, with the exact expected
// output (rule, line:column, message, hint) in <name>.expected.txt beside it.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkSandboxes, loadDesired } from "../../src/config/load.js";
import { readGolden, renderGolden } from "./golden.js";

const DIR = fileURLToPath(new URL("../fixtures/config/invalid/", import.meta.url));
const CASES = readdirSync(DIR)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort();

async function load(name: string) {
  return loadDesired("prod", [path.join(DIR, name)]);
}

describe("the corpus of broken destination files", () => {
  it("has at least 30 cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES)("%s prints exactly its expected problems", async (name) => {
    const actual = renderGolden(await load(name), DIR);
    expect(actual).toBe(readGolden(path.join(DIR, name.replace(/\.ya?ml$/, ".expected.txt")), actual));
  });

  it.each(CASES)("%s: validate's check, positions read only for problems, finds exactly the same", async (name) => {
    const [checked] = await checkSandboxes([{ sandbox: "prod", paths: [path.join(DIR, name)] }]);
    const { problems, files } = await load(name);
    expect(checked).toEqual({ problems, files });
  });

  it.each(CASES)("%s is caught by the rule its name starts with", async (name) => {
    const rule = name.split("--")[0];
    expect((await load(name)).problems.map((p) => p.rule)).toContain(rule);
  });

  it.each(CASES.filter((name) => !/^(guardrail-|shared-target-|yaml-syntax--unknown-tag)/.test(name)))(
    "%s keeps the documents with errors out of the desired state",
    async (name) => {
      const { desired, problems } = await load(name);
      const separators = readFileSync(path.join(DIR, name), "utf8")
        .split("\n")
        .flatMap((line, index) => (line.startsWith("---") ? [index + 1] : []));
      const documentOf = (line: number) => separators.filter((separator) => separator < line).length;
      const broken = new Set(problems.filter((p) => p.severity === "error").map((p) => documentOf(p.line)));
      const kept = [...desired.accounts, ...desired.destinations].map((item) => documentOf(item.source.line));
      expect(broken.size).toBeGreaterThan(0);
      expect(kept.filter((doc) => broken.has(doc))).toEqual([]);
    },
  );

  it("treats the soft guardrails and unknown tags as warnings that keep the file usable", async () => {
    for (const name of CASES.filter((n) => n.startsWith("guardrail-") || n.startsWith("yaml-syntax--unknown-tag"))) {
      const { desired, problems } = await load(name);
      expect(problems.every((p) => p.severity === "warning")).toBe(true);
      expect(desired.destinations).toHaveLength(1);
    }
  });
});
