// Papercuts of plan and import (issue 27), through the built CLI against the emulator: import's "Next:"
// line carries the flags the next command needs, and is left out when nothing was imported; a plan
// shows Adobe's name for an audience the YAML names by id only, even once the YAML lists none; a new
// destination created disabled is described as what it is.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, MEN_OVER_50, startLab, type Lab } from "../support/lab.js";
import { freshTmp, runWithTmp } from "../support/tmp-cli.js";
import { clickTogether } from "../support/ui-made.js";

describe("import --emulator", () => {
  let tmp: string;
  beforeEach(() => {
    tmp = freshTmp("import-emulator");
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it("says Next: with --emulator, and nothing of the kind once there is nothing left to import", async () => {
    // A sandbox with a destination clicked together in Adobe's UI, kept where --emulator keeps its state.
    const state = path.join(tmp, "state.json");
    const lab = await startLab({ statePath: state });
    await clickTogether(lab, "Summer Campaign (EU)", "Marketing AWS");
    await lab.close();
    const repo = path.join(tmp, "repo");
    mkdirSync(path.join(repo, ".aep-gitops"), { recursive: true });
    copyFileSync(state, path.join(repo, ".aep-gitops/emulator-state.json"));
    const run = (...args: string[]) => runWithTmp(tmp, ["import", "--emulator", ...args], { cwd: repo });

    const imported = run("--sandbox", "prod", "--out", "destinations");
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("Next: aep-gitops plan destinations --sandbox prod --emulator");

    const nothing = run("--sandbox", "prod", "--out", "elsewhere", "--match", "winter*");
    expect(nothing.code, nothing.stderr).toBe(0);
    expect(nothing.stdout).toContain(
      "Nothing was imported from sandbox 'prod': it has no destination matching 'winter*' that aep-gitops does not manage already.",
    );
    expect(nothing.stdout).not.toContain("Next:");
    expect(nothing.stdout).not.toContain("Imported 0");
  });
});

describe("plan", () => {
  let lab: Lab;
  beforeEach(async () => {
    lab = await startLab();
    lab.write("destinations/account.yaml", kinesisAccount());
  });
  afterEach(() => lab.close());

  it("shows Adobe's name for an audience listed by id only, also when the YAML then lists none", async () => {
    lab.write("destinations/one.yaml", kinesisDestination("one", { audiences: [MEN_OVER_50] }));
    const created = await lab.cli(["plan"]);
    expect(created.stdout).toContain(`+ audience ${MEN_OVER_50} (Men over 50)`);
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    lab.write("destinations/one.yaml", kinesisDestination("one", { audiences: [] }));
    const emptied = await lab.cli(["plan"]);
    expect(emptied.code, emptied.stderr).toBe(0);
    // In the changes and in "Data leaving the company".
    const removed = emptied.stdout.split("\n").filter((line) => line.includes(`- audience ${MEN_OVER_50}`));
    expect(removed).toHaveLength(2);
    for (const line of removed) expect(line).toContain(`${MEN_OVER_50} (Men over 50)`);
    const markdown = await lab.cli(["plan", "--format", "markdown"]);
    expect(markdown.stdout).toContain(`➖ audience **Men over 50** \`${MEN_OVER_50}\``);
  });

  it("describes a new destination created disabled as created, disabled: exporting nothing", async () => {
    lab.write("destinations/one.yaml", kinesisDestination("one", { state: "disabled" }));
    const run = await lab.cli(["plan"]);
    expect(run.stdout).toContain("one (Amazon Kinesis): created, disabled: exports nothing until it is enabled");
    expect(run.stdout).not.toContain("changes what it exports");
    const markdown = await lab.cli(["plan", "--format", "markdown"]);
    expect(markdown.stdout).toContain("**created, disabled: exports nothing until it is enabled**");
  });
});
