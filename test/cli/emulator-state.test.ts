// --emulator keeps its state in .aep-gitops/ of the config repository: never committed by accident
// (the folder ignores itself), and never holding a credential value in clear.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, SECRETS, startLab, type Lab } from "../support/lab.js";

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  execFileSync("git", ["init", "-q"], { cwd: lab.dir });
  lab.write("destinations/account.yaml", kinesisAccount());
  lab.write("destinations/one.yaml", kinesisDestination("one"));
});
afterEach(() => lab.close());

describe("the embedded emulator's state", () => {
  it("is ignored by Git in a fresh repository, so git add -A cannot commit it", async () => {
    expect((await lab.cli(["apply", "--yes", "--emulator"])).code).toBe(0);
    const status = execFileSync("git", ["status", "--porcelain", "--untracked-files=all"], {
      cwd: lab.dir,
      encoding: "utf8",
    });
    expect(status).toContain("destinations/");
    expect(status).not.toContain(".aep-gitops");
    execFileSync("git", ["add", "-A"], { cwd: lab.dir });
    const staged = execFileSync("git", ["diff", "--cached", "--name-only"], { cwd: lab.dir, encoding: "utf8" });
    expect(staged).not.toContain(".aep-gitops");
  });

  it("holds no credential value in clear", async () => {
    expect((await lab.cli(["apply", "--yes", "--emulator"])).code).toBe(0);
    const state = readFileSync(path.join(lab.dir, ".aep-gitops/emulator-state.json"), "utf8");
    expect(state).toContain("kinesis-marketing");
    expect(state).not.toContain(SECRETS.KINESIS_SECRET_KEY);
  });
});
