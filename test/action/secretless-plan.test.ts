// A pull request's plan needs no destination secrets: it plans with the read-only IMS credential only,
// says what apply will need, and its checksum is the one apply (which has the secrets) finds. A rotated
// secret is found and written by apply, and said in its result comment, without breaking the binding.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, SECRETS } from "../support/lab.js";
import { pullRequestEvent, pushEvent, sha } from "./events.js";
import { APPLY_ENV, PLAN_ENV, startActionLab, type ActionLab } from "./harness.js";

let t: ActionLab;
beforeEach(async () => {
  t = await startActionLab();
  t.lab.write("destinations/account.yaml", kinesisAccount());
  t.lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign"));
});
afterEach(() => t.close());

async function planAndMerge(head: string, merge: string): Promise<{ pr: number; comment: string; stdout: string }> {
  const pr = t.github.openPullRequest("change", head);
  const run = await t.run({
    command: "plan",
    eventName: "pull_request",
    payload: pullRequestEvent(pr, head),
    sha: head,
    env: PLAN_ENV,
  });
  expect(run.code, run.stdout).toBe(0);
  t.github.mergePullRequest(pr, merge);
  return { pr, comment: t.github.comments(pr)[0]!.body, stdout: run.stdout };
}

const apply = (after: string, env: Record<string, string | undefined> = {}) =>
  t.run({ command: "apply", eventName: "push", payload: pushEvent(after), sha: after, env: { ...APPLY_ENV, ...env } });

describe("a pull request's plan without destination secrets", () => {
  it("plans, says what apply will need, and apply (with the secrets) runs the reviewed plan", async () => {
    const planned = await planAndMerge(sha("1"), sha("2"));
    expect(planned.comment).toContain("credentials: not compared");
    expect(planned.stdout).toMatch(
      /::warning file=destinations\/account\.yaml,line=\d+,col=\d+,title=aep-gitops%3A env-not-set::KINESIS_SECRET_KEY is not set: apply needs it/,
    );
    const applied = await apply(sha("2"));
    expect(applied.code, applied.stdout).toBe(0);
    expect((await t.lab.writes()).length).toBeGreaterThan(0);
  });

  it("keeps the binding when apply finds a rotated secret, and the result comment says it rotated it", async () => {
    await planAndMerge(sha("1"), sha("2"));
    expect((await apply(sha("2"))).code).toBe(0);
    t.lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign", { description: "Summer, extended" }));
    const { pr } = await planAndMerge(sha("3"), sha("4"));
    const applied = await apply(sha("4"), { KINESIS_SECRET_KEY: `${SECRETS.KINESIS_SECRET_KEY}-rotated` });
    expect(applied.code, applied.stdout).toBe(0);
    const result = t.github.comments(pr).at(-1)!.body;
    expect(result).toMatch(/updated account kinesis-marketing \(credentials rotated\)/);
    expect(result).not.toContain(SECRETS.KINESIS_SECRET_KEY);
  });
});
