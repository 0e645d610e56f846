// The plan job runs on whatever a pull request holds, with an Adobe credential in its environment
// (issue 21): a link out of the checkout, a `config` input outside it and a JavaScript config are each
// refused before anything is read or run, and nothing of what lies outside the checkout reaches the PR
// comment, the job summary or the log. Adobe is never called.
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination } from "../support/lab.js";
import { pullRequestEvent, sha } from "./events.js";
import { startActionLab, type ActionLab, type ActionRun } from "./harness.js";

let t: ActionLab;
let outside: string;
let secret: string;
beforeEach(async () => {
  t = await startActionLab();
  t.lab.write("destinations/account.yaml", kinesisAccount());
  t.lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign"));
  outside = mkdtempSync(path.join(tmpdir(), "aep-gitops-elsewhere-"));
  secret = `OUTSIDE-${randomUUID()}`;
  writeFileSync(path.join(outside, "hostname"), `${secret}\n`);
  writeFileSync(path.join(outside, "secret.yaml"), `apiVersion: aep-gitops/v1\nkind: ${secret}\nname: ${secret}\n`);
  writeFileSync(path.join(outside, "aep.yaml"), `sandboxes:\n  ${secret}: destinations\n`);
});
afterEach(async () => {
  await t.close();
  rmSync(outside, { recursive: true, force: true });
});

const plan = (pr: number, inputs: Record<string, string> = {}) =>
  t.run({ command: "plan", eventName: "pull_request", payload: pullRequestEvent(pr, sha("1")), sha: sha("1"), inputs });

/** Failed, saying why in the comment, with nothing of the outside anywhere, and nothing asked of Adobe. */
async function expectRefused(run: ActionRun, pr: number, shown: string): Promise<void> {
  expect(run.code).toBe(1);
  const [comment] = t.github.comments(pr);
  expect(comment!.body).toContain(shown);
  for (const text of [comment!.body, run.summary, run.stdout, run.stderr]) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(path.basename(outside));
  }
  expect(await t.lab.requests()).toEqual([]);
}

describe("the plan job at the repository's boundary", () => {
  it("refuses a destination file linked to a file outside the checkout", async () => {
    symlinkSync(path.join(outside, "hostname"), path.join(t.lab.dir, "destinations/hostname.yaml"));
    const pr = t.github.openPullRequest("a link out", sha("1"));
    const run = await plan(pr);
    await expectRefused(run, pr, "destinations/hostname.yaml");
    expect(run.stdout).toMatch(/::error title=aep-gitops plan failed::.*outside the repository/);
  });

  it("refuses a destination folder linked outside the checkout", async () => {
    symlinkSync(outside, path.join(t.lab.dir, "destinations/team"));
    const pr = t.github.openPullRequest("a folder out", sha("1"));
    await expectRefused(await plan(pr), pr, "destinations/team");
  });

  it("refuses a config input outside the checkout", async () => {
    const pr = t.github.openPullRequest("a config out", sha("1"));
    const input = `../${path.basename(outside)}/aep.yaml`;
    const run = await plan(pr, { config: input });
    expect(run.code).toBe(1);
    const [comment] = t.github.comments(pr);
    expect(comment!.body).toContain("outside the repository");
    for (const text of [comment!.body, run.summary, run.stdout, run.stderr]) expect(text).not.toContain(secret);
    expect(await t.lab.requests()).toEqual([]);
  });

  it("refuses a sandbox folder of the config outside the checkout, at its line", async () => {
    t.lab.write("aep-gitops.config.yaml", `sandboxes:\n  prod: ${outside}\n`);
    const pr = t.github.openPullRequest("a sandbox out", sha("1"));
    const run = await plan(pr);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error file=aep-gitops\.config\.yaml,line=2,col=9,.*outside the repository/);
    for (const text of [t.github.comments(pr)[0]!.body, run.summary, run.stdout]) expect(text).not.toContain(secret);
    expect(await t.lab.requests()).toEqual([]);
  });

  it("never runs a JavaScript config from the pull request", async () => {
    const marker = path.join(outside, "ran");
    t.lab.write(
      "aep-gitops.config.js",
      `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "ran");\nconsole.log("CONFIG RAN");\nmodule.exports = {};\n`,
    );
    const pr = t.github.openPullRequest("a script", sha("1"));
    const run = await plan(pr);
    expect(run.code).toBe(1);
    expect(t.github.comments(pr)[0]!.body).toContain("YAML or JSON only");
    expect(run.stdout).not.toContain("CONFIG RAN");
    expect(existsSync(marker)).toBe(false);
    expect(await t.lab.requests()).toEqual([]);
  });

  it("never runs a JavaScript config named by the config input", async () => {
    const marker = path.join(outside, "ran");
    mkdirSync(path.join(t.lab.dir, "ci"));
    t.lab.write(
      "ci/aep.mjs",
      `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "ran");\nexport default {};\n`,
    );
    const pr = t.github.openPullRequest("a script input", sha("1"));
    const run = await plan(pr, { config: "ci/aep.mjs" });
    expect(run.code).toBe(1);
    expect(t.github.comments(pr)[0]!.body).toContain("YAML or JSON only");
    expect(existsSync(marker)).toBe(false);
  });
});
