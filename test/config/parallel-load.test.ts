// Loading with worker threads gives exactly what loading on one thread gives: the same desired state and
// the same problems in the same order, whichever thread read which file and whichever finished first;
// and a worker that fails to start, throws, exits or hangs loses no problem and holds nothing up.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { checkSandboxes, loadDesired, type LoadResult } from "../../src/config/load.js";
import { closeReadPool, type ReadOptions } from "../../src/config/read-pool.js";
import { kinesisAccount, kinesisDestination, writeTree } from "./builders.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURES = path.join(ROOT, "test/fixtures/config");
const CROSS_FILE = path.join(FIXTURES, "cross-file");

/** A tree large enough to be shared out, with a few errors of its own among valid destinations. */
function largeTree(count: number): string {
  const files: Record<string, string> = { "accounts.yaml": kinesisAccount() };
  for (let i = 0; i < count; i++) {
    const name = `campaign-${String(i).padStart(4, "0")}`;
    let text = kinesisDestination(name);
    if (i % 97 === 5) text = text.replace("kind: Destination", "kind: Destinaton");
    if (i % 89 === 7) text += "audiences:\n  - id: not-a-uuid\n";
    if (i % 83 === 11) text = text.replace("apiVersion", "apiVersion: [");
    files[`${name}.yaml`] = text;
  }
  return writeTree(files);
}

const TREES: Array<[string, string[]]> = [
  // Every rule's broken files in one sandbox: errors of every kind, and the cross-file rules between them.
  ["every broken fixture", [path.join(FIXTURES, "invalid")]],
  ...readdirSync(CROSS_FILE).map((name): [string, string[]] => [`cross-file ${name}`, [path.join(CROSS_FILE, name)]]),
  ["the examples", [path.join(ROOT, "examples")]],
  ["a large generated tree", [largeTree(320)]],
];

const ONE_THREAD: ReadOptions = { workers: 0 };

function load(paths: string[], options: ReadOptions): Promise<LoadResult> {
  return loadDesired("prod", paths, options);
}

/** Equal as data and in every key's order (toStrictEqual ignores the order of object keys). */
function expectSame(actual: LoadResult, expected: LoadResult): void {
  expect(actual).toStrictEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

afterAll(closeReadPool);

describe("loading with worker threads", () => {
  it.each(TREES)("%s: the same desired state and problems with and without workers", async (_, paths) => {
    const expected = await load(paths, ONE_THREAD);
    expect(expected.files.length).toBeGreaterThan(0);
    // Workers only (this thread reads nothing), and workers alongside this thread, a file per claim.
    expectSame(await load(paths, { workers: 2, inThread: false, batch: 1 }), expected);
    expectSame(await load(paths, { workers: 2, batch: 1 }), expected);
  });

  it.each(TREES)(
    "%s: validate's check (positions on demand) finds the same problems through workers",
    async (_, paths) => {
      const expected = await load(paths, ONE_THREAD);
      const check = (options: ReadOptions) => checkSandboxes([{ sandbox: "prod", paths }], options);
      // The workers send documents whose positions nobody asked for yet as their text; the problems'
      // positions are read wherever the problem was found.
      for (const options of [ONE_THREAD, { workers: 2, inThread: false, batch: 1 }, { workers: 2, batch: 1 }]) {
        expect(await check(options)).toStrictEqual([{ problems: expected.problems, files: expected.files }]);
      }
    },
  );

  it("keeps the order whichever thread finishes first", async () => {
    const [paths] = [TREES[0]![1]];
    const expected = await load(paths, ONE_THREAD);
    for (const batch of [1, 2, 5]) expectSame(await load(paths, { workers: 2, inThread: false, batch }), expected);
  });

  it("gives the same result to sandboxes loading at the same time", async () => {
    const trees = TREES.map(([, paths]) => paths);
    const expected = await Promise.all(trees.map((paths) => load(paths, ONE_THREAD)));
    const actual = await Promise.all(trees.map((paths) => load(paths, { workers: 2, batch: 3 })));
    actual.forEach((result, i) => expectSame(result, expected[i]!));
  });

  it("shares a large tree out by default, with the same result", async () => {
    const paths = TREES[TREES.length - 1]![1];
    expectSame(await loadDesired("prod", paths), await load(paths, ONE_THREAD));
  });
});

describe("a worker that fails", () => {
  const paths = [path.join(FIXTURES, "invalid")];

  it.each([
    ["fails to start", { fault: "start" }],
    ["throws while holding files", { fault: "throw" }],
    ["exits while holding files", { fault: "exit" }],
    ["hangs while holding files", { fault: "hang", stallMs: 1500 }],
    ["cannot be found", { script: new URL("file:///nonexistent/read-worker.js") }],
  ] as Array<[string, ReadOptions]>)("%s: every problem is still reported, and loading ends", async (_, fault) => {
    const expected = await load(paths, ONE_THREAD);
    const started = Date.now();
    expectSame(await load(paths, { workers: 2, inThread: false, batch: 1, ...fault }), expected);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe("the bundled CLI", () => {
  // A worker is started only where there is a second core.
  it.runIf(availableParallelism() > 1)("has the worker as its own entry, and starts it for a large tree", () => {
    expect(existsSync(path.join(ROOT, "dist/cli/read-worker.js"))).toBe(true);
    // validate reads files without their positions, cheaply enough that a worker pays from 1,500 files.
    const tree = largeTree(1600);
    // One CPU profile per thread is the observable sign that a worker ran.
    const profiles = mkdtempSync(path.join(tmpdir(), "aep-gitops-profiles-"));
    const run = (args: string[]) =>
      spawnSync(
        process.execPath,
        [
          ...args,
          // Workers start only on cores the load average says are idle; a busy test run must not decide.
          "--import",
          path.join(ROOT, "test/support/idle-machine.mjs"),
          path.join(ROOT, "bin/aep-gitops.js"),
          "validate",
          "--format",
          "json",
          ".",
        ],
        // In the tree: the CLI reads nothing outside the folder (the repository) it runs in.
        { cwd: tree, encoding: "utf8" },
      );
    const profiled = run(["--cpu-prof", `--cpu-prof-dir=${profiles}`]);
    expect(readdirSync(profiles).filter((f) => f.endsWith(".cpuprofile")).length).toBeGreaterThanOrEqual(2);
    const plain = run([]);
    expect(plain.stdout).toBe(profiled.stdout);
    expect(plain.status).toBe(1);
    expect(JSON.parse(plain.stdout).problems.length).toBeGreaterThan(5);
  });
});
