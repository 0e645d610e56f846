// What a reviewer must not have to dig out of annotations (issue 27): the plan's warnings (the secrets
// apply will need, from a plan made without them) are in the PR comment and the job summary; and a
// missing Adobe setting says which secret or variable to add, where, and how it reaches the step.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination } from "../support/lab.js";
import { pullRequestEvent, sha } from "./events.js";
import { PLAN_ENV, startActionLab, type ActionLab } from "./harness.js";

let t: ActionLab;
beforeEach(async () => {
  t = await startActionLab();
  t.lab.write("destinations/account.yaml", kinesisAccount());
  t.lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign"));
});
afterEach(() => t.close());

const plan = (pr: number, head: string, env: Record<string, string | undefined>) =>
  t.run({ command: "plan", eventName: "pull_request", payload: pullRequestEvent(pr, head), sha: head, env });

describe("a pull request's plan comment", () => {
  it("lists the plan's warnings, with their hints: what apply will need", async () => {
    const pr = t.github.openPullRequest("summer", sha("1"));
    const run = await plan(pr, sha("1"), PLAN_ENV);
    expect(run.code, run.stdout).toBe(0);
    const [comment] = t.github.comments(pr);
    const warning =
      "> - `destinations/account.yaml:8:14` `env-not-set`: KINESIS\\_SECRET\\_KEY is not set: apply needs it to write the secretKey of account 'kinesis-marketing'";
    for (const body of [comment!.body, run.summary]) {
      expect(body).toContain("> [!WARNING]\n> **1 warning** (each is also annotated at its line in the workflow run):");
      expect(body).toContain(warning);
      expect(body).toContain("Hint: Set KINESIS\\_SECRET\\_KEY where apply runs");
    }
    // Above the plan, where a reviewer starts reading; the plan itself is still whole.
    expect(comment!.body.indexOf(warning)).toBeLessThan(comment!.body.indexOf("### Data leaving the company"));
    expect(comment!.body).toMatch(/Plan checksum: `[0-9a-f]{64}`\s*$/);
  });

  it("has no warnings section when there is none", async () => {
    const pr = t.github.openPullRequest("summer", sha("2"));
    const run = await plan(pr, sha("2"), {});
    expect(run.code, run.stdout).toBe(0);
    expect(t.github.comments(pr)[0]!.body).not.toContain("[!WARNING]");
  });
});

describe("a missing Adobe setting in the Action", () => {
  it("names the variable, where to add it, and how the step gets it", async () => {
    const pr = t.github.openPullRequest("summer", sha("3"));
    const run = await plan(pr, sha("3"), { ...PLAN_ENV, AEP_ORG_ID: undefined });
    expect(run.code).toBe(1);
    // The log's annotation as it is; the summary and the comment as GitHub renders them (escapes read).
    const rendered = (markdown: string) => markdown.replace(/\\([_$])/g, "$1");
    const told = [run.stdout, rendered(run.summary), rendered(t.github.comments(pr)[0]!.body)];
    for (const text of told) {
      expect(text).toContain("AEP_ORG_ID is not set for this step");
      expect(text).toMatch(/add AEP_ORG_ID as a variable \(Settings → Secrets and variables → Actions → Variables/);
      expect(text).toContain("AEP_ORG_ID: ${{ vars.AEP_ORG_ID }}");
      expect(text).not.toContain("--emulator");
    }
    expect(await t.lab.requests()).toEqual([]);
  });
});
