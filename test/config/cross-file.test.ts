// Problems that only exist across files: each folder under fixtures/config/cross-file is one sandbox,
// with the exact expected output in expected.txt.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadDesired } from "../../src/config/load.js";
import { readGolden, renderGolden } from "./golden.js";

const DIR = fileURLToPath(new URL("../fixtures/config/cross-file/", import.meta.url));
const CASES = readdirSync(DIR).sort();

describe("validating a folder as one sandbox", () => {
  it.each(CASES)("%s prints exactly its expected problems", async (name) => {
    const folder = path.join(DIR, name);
    const actual = renderGolden(await loadDesired("prod", [folder]), folder);
    expect(actual).toBe(readGolden(path.join(folder, "expected.txt"), actual));
  });

  it("points at both files when two destinations share a name", async () => {
    const folder = path.join(DIR, "duplicate-destination");
    const { problems } = await loadDesired("prod", [folder]);
    const duplicates = problems.filter((p) => p.rule === "duplicate-name");
    expect(duplicates.map((p) => path.relative(folder, p.file))).toEqual([
      "summer-us.yaml",
      path.join("team-b", "summer-eu.yaml"),
    ]);
    expect(duplicates[0]!.message).toContain("team-b/summer-eu.yaml:4:7");
    expect(duplicates[1]!.message).toContain("summer-us.yaml:3:7");
  });

  it("does not report an account as unknown when it only failed the schema", async () => {
    const { problems } = await loadDesired("prod", [path.join(DIR, "unknown-account-after-schema-error")]);
    expect(problems.map((p) => p.rule)).toEqual(["schema"]);
  });

  it("finds accounts declared in another file of the sandbox", async () => {
    const examples = fileURLToPath(new URL("../../examples/destinations/", import.meta.url));
    const { desired, problems } = await loadDesired("prod", [examples]);
    expect(problems).toEqual([]);
    expect(desired.destinations.find((d) => d.name === "loyalty-winback")?.account).toBe("kinesis-marketing");
  });

  it("checks names per sandbox, so the same files in two sandboxes do not clash", async () => {
    const folder = path.join(DIR, "duplicate-destination");
    const prod = await loadDesired("prod", [path.join(folder, "accounts.yaml"), path.join(folder, "summer-us.yaml")]);
    const dev = await loadDesired("dev", [path.join(folder, "accounts.yaml"), path.join(folder, "team-b")]);
    expect([...prod.problems, ...dev.problems]).toEqual([]);
  });
});
