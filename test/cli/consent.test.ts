// apply asks on a terminal and nowhere else: without --yes, a run whose input or output is not a
// terminal (a pipe to tee, input from /dev/null, CI) refuses before it reads Adobe, and changes nothing.
import { spawn } from "node:child_process";
import { openSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, startLab, type Lab } from "../support/lab.js";

const BIN = path.resolve(import.meta.dirname, "../../bin/aep-gitops.js");

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
  lab.write("destinations/one.yaml", kinesisDestination("one"));
});
afterEach(() => lab.close());

/** `aep-gitops apply < /dev/null | cat`: neither end is a terminal. */
function applyPiped(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, "apply", ...args], {
      cwd: lab.dir,
      env: lab.env,
      stdio: [openSync("/dev/null", "r"), "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("apply without --yes", () => {
  it("refuses when not on a terminal, before reading Adobe, and says to pass --yes", async () => {
    const run = await applyPiped([]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("--yes");
    expect(await lab.writes()).toEqual([]);
    // Not even a read: no token was asked for, no list was made.
    expect((await lab.requests()).length).toBe(0);
  });

  it("applies with --yes from a pipe, as CI does", async () => {
    const run = await applyPiped(["--yes"]);
    expect(run.code).toBe(0);
    expect((await lab.writes()).length).toBeGreaterThan(0);
  });
});
