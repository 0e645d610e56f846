// `command: apply` beyond the golden sequence: what it refuses, and how a failure is tracked.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { INCIDENT_LABEL } from "../../src/action/labels.js";
import { kinesisAccount, kinesisDestination } from "../support/lab.js";
import { pullRequestEvent, pushEvent, sha } from "./events.js";
import { startActionLab, type ActionLab } from "./harness.js";

let t: ActionLab;
beforeEach(async () => {
  t = await startActionLab();
  t.lab.write("destinations/account.yaml", kinesisAccount());
  t.lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign"));
  t.lab.write("destinations/winter.yaml", kinesisDestination("winter-campaign"));
});
afterEach(() => t.close());

const apply = (after: string, opts: { ref?: string; inputs?: Record<string, string> } = {}) =>
  t.run({
    command: "apply",
    eventName: "push",
    payload: pushEvent(after, opts.ref ? { ref: opts.ref } : {}),
    sha: after,
    ...(opts.inputs ? { inputs: opts.inputs } : {}),
  });

/** Opens a PR, plans it, merges it as `merge`: the reviewed history of a merge commit. */
async function reviewedMerge(head: string, merge: string): Promise<number> {
  const pr = t.github.openPullRequest("change", head);
  expect(
    (await t.run({ command: "plan", eventName: "pull_request", payload: pullRequestEvent(pr, head), sha: head })).code,
  ).toBe(0);
  t.github.mergePullRequest(pr, merge);
  return pr;
}

describe("what apply refuses", () => {
  it("a commit pushed without a reviewed pull request: nothing is applied, an incident says why", async () => {
    const run = await apply(sha("1"));
    expect(run.code).toBe(1);
    expect(await t.lab.writes()).toEqual([]);
    expect(run.stdout).toMatch(
      /::error title=aep-gitops apply failed::No reviewed plan: commit 1111111 is not the merge of a pull request/,
    );
    const [incident] = t.github.issues(INCIDENT_LABEL);
    expect(incident!.body).toContain("is not the merge of a pull request");
    expect(incident!.body).toContain("re-run the apply workflow with force: true");
    expect(run.summary).toContain("## aep-gitops plan"); // the fresh plan, for whoever decides to force
  });

  it("a push to a branch other than the default one", async () => {
    const run = await apply(sha("2"), { ref: "refs/heads/feature" });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("apply runs on pushes to the default branch (main), not refs/heads/feature.");
    expect(await t.lab.requests()).toEqual([]);
  });
});

describe("a failing apply", () => {
  it("reports each object on the PR, opens one incident, updates it on the next failure, and a re-run that succeeds closes it", async () => {
    await t.lab.faults({
      scripted: [
        {
          method: "POST",
          route: "/flows",
          from: true,
          action: { type: "status", status: 400, body: { code: "FLOW-1400-400", message: "Invalid flow spec" } },
        },
      ],
    });
    const pr = await reviewedMerge(sha("3"), sha("4"));
    const first = await apply(sha("4"));
    expect(first.code).toBe(1);
    const result = t.github.comments(pr)[1]!.body;
    expect(result).toContain("❌ failed to create flow summer-campaign");
    expect(result).toContain("✅ created target-connection summer-campaign");
    const [incident] = t.github.issues(INCIDENT_LABEL);
    expect(incident!.body).toContain("2 item(s) did not complete; the others were applied.");
    expect(incident!.body).toContain("### What was applied");

    // The re-run applies what the first one left (not refused as a changed plan), and fails the same way.
    const second = await apply(sha("4"));
    expect(second.code).toBe(1);
    expect(second.stdout).toContain("2 item(s) did not complete");
    expect(t.github.issues(INCIDENT_LABEL)).toHaveLength(1);
    expect(t.github.comments(incident!.number).map((c) => c.body)).toEqual([
      expect.stringMatching(/^Failed again for merge commit `4444444`/),
    ]);

    await t.lab.faults({});
    // Half of the reviewed plan ran: a re-run may apply exactly what is left of it, without force.
    const third = await apply(sha("4"));
    expect(third.code, third.stdout).toBe(0);
    expect(t.github.comments(pr)[1]!.body).toContain("✅ created flow summer-campaign");
    expect(t.github.issues(INCIDENT_LABEL)[0]!.state).toBe("closed");
    expect((await t.lab.cli(["plan"])).code).toBe(0);
  });
});
