// The CLI's start on Node 20 (bin/code-cache.js): V8's code cache for the bundle, kept per user in the
// OS temp folder (here each spec's own TMPDIR), written only by a run that succeeded, never read from a
// folder someone else can write to, and never able to change what the CLI does. On Node 22.1 and later
// Node's own compile cache does this instead, and these specs skip.
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import nodeModule from "node:module";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { freshTmp, ROOT, runWithTmp, userFolder } from "../support/tmp-cli.js";

const BUILT_IN = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === "function";
if (BUILT_IN) console.warn(`code-cache specs skipped: Node ${process.version} keeps its own compile cache`);

let tmp: string;
let dir: string;
beforeEach(() => {
  tmp = freshTmp("code-cache");
  dir = userFolder(tmp, "aep-gitops-code-cache");
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string> = {}, cwd = ROOT) {
  const run = runWithTmp(tmp, args, { cwd, env });
  return { code: run.code, out: run.stdout + run.stderr };
}

const id = () => readFileSync(path.join(ROOT, "dist/cli/index.cjs.id"), "utf8").trim();
const cacheOf = (command: string) => path.join(dir, `${id()}-${process.version}-${process.arch}-${command}.v8`);
const validate = ["validate", "examples/destinations"];

describe.skipIf(BUILT_IN)("the code cache (Node 20)", () => {
  it("is written by a run that succeeds, in a folder of the user's own, and read by the next start", () => {
    const first = cli(validate);
    expect(first.code, first.out).toBe(0);
    const file = cacheOf("validate");
    expect(existsSync(file)).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const written = statSync(file, { bigint: true });

    const second = cli(validate);
    expect(second).toEqual(first);
    // V8 accepted it: a refused cache is written again, so the file would have changed.
    const after = statSync(file, { bigint: true });
    expect([after.ino, after.mtimeNs]).toEqual([written.ino, written.mtimeNs]);
  });

  it("keeps one file per command, so each holds the code its command runs", () => {
    expect(cli(validate).code).toBe(0);
    expect(cli(["--version"]).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(
      [path.basename(cacheOf("other")), path.basename(cacheOf("validate"))].sort(),
    );
  });

  it("a command's cache holds both files of the bundle; --version's only index.cjs, which never requires handlers.cjs", () => {
    expect(cli(validate).code).toBe(0);
    expect(cli(["--version"]).code).toBe(0);
    const parts = (command: string) => {
      const data = readFileSync(cacheOf(command));
      const names: string[] = [];
      for (let at = 0; at < data.length;) {
        const [name, length] = [data.readUInt16LE(at), data.readUInt32LE(at + 2)];
        names.push(data.toString("latin1", at + 6, at + 6 + name));
        at += 6 + name + length;
      }
      return names.sort();
    };
    expect(parts("validate")).toEqual(["handlers.cjs", "index.cjs"]);
    expect(parts("other")).toEqual(["index.cjs"]);
  });

  it("is not written by a run that fails", () => {
    const run = cli(["validate", "no-such-folder"]);
    expect(run.code).not.toBe(0);
    expect(existsSync(cacheOf("validate"))).toBe(false);
  });

  it("a cache V8 refuses (here: garbage) changes nothing the CLI does, and is replaced", () => {
    const expected = cli(validate);
    writeFileSync(cacheOf("validate"), Buffer.alloc(4096, 0x5a), { mode: 0o600 });
    const run = cli(validate);
    expect(run).toEqual(expected);
    expect(readFileSync(cacheOf("validate")).equals(Buffer.alloc(4096, 0x5a))).toBe(false);
  });

  it("other builds' caches are kept for a week (two installs used in turn), then removed when one is written", () => {
    mkdirSync(dir, { mode: 0o700 });
    const other = (id: string) => path.join(dir, `${id}-${process.version}-${process.arch}-validate.v8`);
    writeFileSync(other("0123456789abcdef"), "another install's", { mode: 0o600 });
    writeFileSync(other("fedcba9876543210"), "a build unused for 8 days", { mode: 0o600 });
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    utimesSync(other("fedcba9876543210"), eightDaysAgo, eightDaysAgo);
    expect(cli(validate).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(
      [path.basename(other("0123456789abcdef")), path.basename(cacheOf("validate"))].sort(),
    );
  });

  it("is neither read nor written in a folder others can write to, or one that is a link", () => {
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    const planted = cacheOf("validate");
    writeFileSync(planted, Buffer.alloc(4096, 0x5a));
    const run = cli(validate);
    expect(run.code, run.out).toBe(0);
    expect(readFileSync(planted).equals(Buffer.alloc(4096, 0x5a))).toBe(true);

    rmSync(dir, { recursive: true });
    const elsewhere = mkdtempSync(path.join(tmp, "elsewhere-"));
    symlinkSync(elsewhere, dir);
    expect(cli(validate).code).toBe(0);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it("a tool config (YAML or JSON) is read the same from the cache as without it", () => {
    const policy = {
      id: "no-names",
      message: "No names",
      severity: "warning",
      deny: { attributes: ["person.name.*"] },
    };
    const yaml = `policies:\n  - ${JSON.stringify(policy)}\n`;
    for (const [name, config] of [
      ["aep-gitops.config.yaml", yaml],
      ["aep-gitops.config.json", `${JSON.stringify({ policies: [policy] })}\n`],
    ] as const) {
      const project = mkdtempSync(path.join(tmp, "project-"));
      mkdirSync(path.join(project, ".git"));
      cpSync(path.join(ROOT, "examples/destinations"), path.join(project, "destinations"), { recursive: true });
      writeFileSync(path.join(project, name), config);
      const runs = [cli(["validate"], {}, project), cli(["validate"], {}, project)];
      const uncached = cli(["validate"], { NODE_DISABLE_COMPILE_CACHE: "1" }, project);
      expect(uncached.code, uncached.out).toBe(0);
      expect(uncached.out).toContain("policy 'no-names'");
      expect(runs).toEqual([uncached, uncached]);
    }
  });

  it("NODE_DISABLE_COMPILE_CACHE=1 (Node's own switch) turns it off", () => {
    expect(cli(validate, { NODE_DISABLE_COMPILE_CACHE: "1" }).code).toBe(0);
    expect(existsSync(dir)).toBe(false);
  });
});
