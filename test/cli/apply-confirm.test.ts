// On a terminal, apply shows the plan and asks; only "yes" goes ahead. util-linux `script` gives the
// CLI a real pseudo-terminal, as a person's shell would.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, startLab, type Lab } from "../support/lab.js";

const SCRIPT = "/usr/bin/script";
const BIN = path.resolve(import.meta.dirname, "../../bin/aep-gitops.js");

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
  lab.write("destinations/one.yaml", kinesisDestination("one"));
});
afterEach(() => lab.close());

/** Runs `apply` on a pseudo-terminal and types `answer` once the question is on screen. */
function applyOnTerminal(answer: string): Promise<{ code: number | null; screen: string }> {
  return new Promise((resolve) => {
    const child = spawn(SCRIPT, ["-qec", `${process.execPath} ${BIN} apply`, "/dev/null"], {
      cwd: lab.dir,
      env: lab.env,
    });
    let screen = "";
    child.stdout.on("data", (chunk: Buffer) => {
      screen += chunk.toString();
      if (screen.includes("Only 'yes' is accepted") && !screen.includes("answered")) {
        screen += "answered";
        // A control key (Ctrl-C, Ctrl-D) is typed alone, as a person presses it; words end with Enter.
        child.stdin.write(answer === "\u0003" || answer === "\u0004" ? answer : `${answer}\n`);
      }
    });
    child.on("close", (code) => resolve({ code, screen }));
  });
}

describe.skipIf(!existsSync(SCRIPT))("apply on a terminal", () => {
  it("changes nothing unless the answer is exactly yes", async () => {
    const declined = await applyOnTerminal("y");
    expect(declined.screen).toContain("Apply cancelled; nothing was changed.");
    expect(declined.code).toBe(1);
    expect(await lab.writes()).toEqual([]);
  });

  it("applies the plan it showed once the answer is yes", async () => {
    const accepted = await applyOnTerminal("yes");
    expect(accepted.screen).toContain("Apply complete: 5 succeeded, 0 failed, 0 skipped.");
    expect(accepted.code).toBe(0);
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  });

  it.each([
    ["Ctrl-C", "\u0003"],
    ["Ctrl-D", "\u0004"],
  ])("takes %s at the question as a no: nothing changed, no stack trace", async (_, key) => {
    const cancelled = await applyOnTerminal(key);
    expect(cancelled.screen).toContain("Apply cancelled; nothing was changed.");
    expect(cancelled.screen).not.toContain("internal error");
    expect(cancelled.screen).not.toMatch(/\n\s+at /);
    expect(cancelled.code).toBe(1);
    expect(await lab.writes()).toEqual([]);
  });
});
