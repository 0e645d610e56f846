// `validate --cache`, as a pre-commit hook runs it: a file whose path and bytes are those the last --cache
// run checked, with the same build, is answered from the cache (kept per user in the OS temp folder,
// here each spec's own TMPDIR); anything changed is checked again, and a missing, foreign or corrupt
// cache only costs time. Whatever the cache holds, the output is the output of a fresh check.
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { freshTmp, ROOT, runWithTmp, userFolder } from "../support/tmp-cli.js";

let tmp: string;
let project: string;
let folder: string;
beforeEach(() => {
  tmp = freshTmp("validate-cache");
  project = path.join(tmp, "project");
  folder = userFolder(tmp, "aep-gitops-check-cache");
  cpSync(path.join(ROOT, "examples/destinations"), path.join(project, "destinations"), { recursive: true });
  // A file with a problem, so a cached check must give back problems too.
  writeFileSync(
    path.join(project, "destinations/broken.yaml"),
    "apiVersion: aep-gitops/v1\nkind: Destination\nname: broken\ntype: amazon-kinesis\n",
  );
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const validate = (...args: string[]) => runWithTmp(tmp, ["validate", "destinations", ...args], { cwd: project });

const cacheFile = () =>
  path.join(
    folder,
    readdirSync(folder).find((f) => f.endsWith(".v8"))!,
  );
type Stored = { build: string; entries: Array<[string, { check: { problems: Array<{ message: string }> } }]> };

/** Rewrites every cached problem's message, so a run that shows it can only have read it from the cache. */
function tamper(change: (stored: Stored) => void = () => {}): void {
  const stored = deserialize(readFileSync(cacheFile())) as Stored;
  for (const [, entry] of stored.entries) for (const p of entry.check.problems) p.message = `FROM CACHE ${p.message}`;
  change(stored);
  writeFileSync(cacheFile(), serialize(stored));
}

describe("validate --cache", () => {
  it("answers unchanged files from the cache, with the same output a fresh check gives", () => {
    const fresh = validate();
    expect(fresh.code).toBe(1);
    expect(fresh.stdout).toContain("broken.yaml");
    expect(existsSync(folder)).toBe(false); // without --cache, nothing is kept

    expect(validate("--cache")).toEqual(fresh);
    expect(validate("--cache")).toEqual(fresh);
    tamper();
    expect(validate("--cache").stdout).toContain("FROM CACHE");
  });

  it("checks a changed file again", () => {
    validate("--cache");
    tamper();
    const broken = path.join(project, "destinations/broken.yaml");
    writeFileSync(broken, readFileSync(broken, "utf8").replace("name: broken", "name: broken-too"));
    const run = validate("--cache");
    expect(run.stdout).toContain("broken.yaml");
    expect(run.stdout).not.toContain("FROM CACHE");
    expect(run).toEqual(validate());
  });

  it("does not take another build's checks", () => {
    validate("--cache");
    tamper((stored) => (stored.build = "0123456789abcdef"));
    expect(validate("--cache")).toEqual(validate());
  });

  it("a corrupt cache file changes nothing but the time, and is written anew", () => {
    validate("--cache");
    writeFileSync(cacheFile(), "not a cache");
    expect(validate("--cache")).toEqual(validate());
    expect(readFileSync(cacheFile(), "utf8")).not.toBe("not a cache");
  });

  it("is not kept in a folder others can write to: it says so and checks every file", () => {
    mkdirSync(folder);
    chmodSync(folder, 0o777);
    const run = validate("--cache");
    expect(run.stderr).toContain("not a folder of this user's own; checking every file");
    expect({ ...run, stderr: "" }).toEqual(validate());
    expect(readdirSync(folder)).toEqual([]);
  });
});
