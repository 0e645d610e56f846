// A long apply asks V8 to grow its heap by 30 % at a time (src/app/use-cases.ts), and puts the setting back
// before the process exits, so the code cache written on exit (bin/code-cache.js) still matches the
// next start, which runs without the setting. Each case runs in a Node process of its own: the setting
// is process-wide.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "aep-gitops-heap-spec-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a code cache from an exit listener added first, as bin/code-cache.js does, after an apply of `calls` calls. */
function writeCacheAfterApply(calls: number): void {
  const script = path.join(dir, "writer.mts");
  writeFileSync(
    script,
    `import { writeFileSync } from "node:fs";
import vm from "node:vm";
import { keepHeapNearLive } from ${JSON.stringify(path.join(ROOT, "src/app/use-cases.ts"))};
const code = new vm.Script("function f() { return 1 + 2; } f();");
code.runInThisContext();
process.once("exit", () => writeFileSync(${JSON.stringify(path.join(dir, "cache"))}, code.createCachedData()));
const change = { calls: Array.from({ length: ${calls} }, () => ({})) };
keepHeapNearLive({ sandboxes: [{ changes: [change] }] } as never);
writeFileSync(${JSON.stringify(path.join(dir, "during"))}, code.createCachedData());
`,
  );
  const run = spawnSync(process.execPath, ["--import", "tsx", script], { cwd: ROOT, encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
}

/** Whether a fresh Node process, with V8's default settings, takes the cache written `when`. */
function nextStartAccepts(when: "during" | "cache"): boolean {
  const run = spawnSync(
    process.execPath,
    [
      "-e",
      `const s = new (require("node:vm").Script)("function f() { return 1 + 2; } f();", { cachedData: require("node:fs").readFileSync(${JSON.stringify(path.join(dir, when))}) }); process.stdout.write(String(!s.cachedDataRejected));`,
    ],
    { encoding: "utf8" },
  );
  return run.stdout === "true";
}

describe("the heap of a long apply", () => {
  it("grows by steps while it runs, and is set back before exit: the code cache it writes then is taken by the next start", () => {
    writeCacheAfterApply(600);
    expect(nextStartAccepts("during")).toBe(false); // V8 runs with another setting meanwhile
    expect(nextStartAccepts("cache")).toBe(true);
  });

  it("a short apply leaves V8's settings alone", () => {
    writeCacheAfterApply(10);
    expect(nextStartAccepts("during")).toBe(true);
    expect(nextStartAccepts("cache")).toBe(true);
  });
});
