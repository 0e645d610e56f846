// What a terminal gets and a pipe does not: colour (unless NO_COLOR or --no-color; FORCE_COLOR forces it
// anywhere), and apply's live progress: `[n/N]` lines with their time, and a status line rewritten in
// place while a slow item runs. In CI (no TTY) the same progress comes as plain lines.
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, startLab, type Lab } from "../support/lab.js";
import { onPty, PTY_AVAILABLE } from "../support/pty.js";

const BIN = path.resolve(import.meta.dirname, "../../bin/aep-gitops.js");
const ESC = "\u001b[";

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
  lab.write("destinations/a.yaml", kinesisDestination("dest-a"));
  lab.write("destinations/b.yaml", kinesisDestination("dest-b"));
});
afterEach(() => lab.close());

const pty = (args: string[], env: Record<string, string | undefined> = {}) =>
  onPty([process.execPath, BIN, ...args], { cwd: lab.dir, env: { ...lab.env, ...env } });

describe.skipIf(!PTY_AVAILABLE)("colour", () => {
  it("is on at a terminal", async () => {
    const run = await pty(["plan"]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain(ESC);
  });

  it("is off at a terminal with NO_COLOR=1, and with --no-color", async () => {
    for (const run of [await pty(["plan"], { NO_COLOR: "1" }), await pty(["plan", "--no-color"])]) {
      expect(run.code, run.output).toBe(0);
      expect(run.output).toContain("Plan: ");
      expect(run.output).not.toContain(ESC);
    }
  });

  it("--no-color wins over FORCE_COLOR", async () => {
    const run = await pty(["plan", "--no-color"], { FORCE_COLOR: "1" });
    expect(run.output).not.toContain(ESC);
  });
});

describe("colour in a pipe or a file", () => {
  it("is off by default, on with FORCE_COLOR=1", async () => {
    expect((await lab.cli(["plan"])).stdout).not.toContain(ESC);
    expect((await lab.cli(["plan"], { env: { FORCE_COLOR: "1" } })).stdout).toContain(ESC);
  });

  it("is off in the demo with NO_COLOR=1, even though its headings are bold elsewhere", async () => {
    const forced = await lab.cli(["demo", "--no-color"], { env: { FORCE_COLOR: "1" } });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).not.toContain(ESC);
    expect((await lab.cli(["demo"], { env: { FORCE_COLOR: "1" } })).stdout).toContain(`${ESC}1m━━ 1. Validate`);
    expect((await lab.cli(["demo"], { env: { NO_COLOR: "1" } })).stdout).not.toContain(ESC);
  });
});

describe("apply's progress", () => {
  // Every answer takes 400 ms; an item running longer than 0.3 s is reported as still running.
  const SLOW = { AEP_GITOPS_PROGRESS_SECONDS: "0.3" };
  beforeEach(() => lab.faults({ latencyMs: 400 }));

  it("in CI: one [n/N] line per item with its time, and plain 'still creating' lines for slow ones", async () => {
    const run = await lab.cli(["apply", "--yes"], { env: SLOW });
    expect(run.code, run.stderr).toBe(0);
    const done = run.stdout.split("\n").filter((l) => /^\[\d+\/\d+\] /.test(l));
    expect(done.length).toBeGreaterThanOrEqual(5);
    done.forEach((line, i) =>
      expect(line).toMatch(new RegExp(`^\\[${i + 1}/${done.length}\\] \\[prod\\] ✓ .* \\(\\d+\\.\\d s\\)$`)),
    );
    expect(run.stdout).toMatch(/^\[prod\] still creating flow dest-a \(\d+\.\d s\)$/m);
    expect(run.stdout).not.toContain("\r");
  });

  it("at a terminal: the same lines, and the 'still' line rewritten in place", async () => {
    if (!PTY_AVAILABLE) return;
    const run = await pty(["apply", "--yes"], SLOW);
    expect(run.code, run.output).toBe(0);
    // eslint-disable-next-line no-control-regex -- the terminal control sequence is the point
    expect(run.output).toMatch(/\r\u001b\[K\[prod\] still creating flow dest-/);
    expect(run.output).toMatch(/\[1\/\d+\] \[prod\] ✓ created/);
  });
});
