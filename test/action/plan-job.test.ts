// `command: plan` on pull requests, beyond the golden sequence: invalid YAML, forks, a push that
// removes every change, a run that fails, and a plan too long for one comment.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, MEN_OVER_50, PROD_AUDIENCES } from "../support/lab.js";
import { HIGH_VALUE_C5, POLICIES_CONFIG } from "../support/policies.js";
import { pullRequestEvent, sha } from "./events.js";
import { startActionLab, type ActionLab } from "./harness.js";

let t: ActionLab;
beforeEach(async () => {
  t = await startActionLab();
  t.lab.write("destinations/account.yaml", kinesisAccount());
  t.lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign"));
});
afterEach(() => t.close());

const plan = (pr: number, head: string, opts: { fork?: string; env?: Record<string, string | undefined> } = {}) =>
  t.run({
    command: "plan",
    eventName: "pull_request",
    payload: pullRequestEvent(pr, head, opts.fork ? { fork: opts.fork } : {}),
    sha: head,
    ...(opts.env ? { env: opts.env } : {}),
  });

describe("validation", () => {
  it("annotates every problem at file:line:col, lists them in the comment, and fails without calling Adobe", async () => {
    t.lab.write(
      "destinations/winter.yaml",
      kinesisDestination("winter-campaign", { audiences: ["72ddd79b-6b0a-4e97-a8d2"] }),
    );
    const pr = t.github.openPullRequest("bad id", sha("1"));
    const run = await plan(pr, sha("1"));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^::error file=destinations\/winter\.yaml,line=12,col=9,title=aep-gitops%3A audience-id::'72ddd79b-6b0a-4e97-a8d2' is not an audience id/m,
    );
    const [comment] = t.github.comments(pr);
    expect(comment!.body).toContain("**Validation failed: 1 error, 0 warnings.**");
    expect(comment!.body).toContain("destinations/winter.yaml:12:9 error audience-id:");
    expect(comment!.body).not.toContain("Plan checksum");
    expect(run.outputs["has-changes"]).toBe("false");
    expect(await t.lab.requests()).toEqual([]);
  });
});

describe("pull requests without secrets", () => {
  it("a fork's PR is validated only, and the comment says why", async () => {
    const pr = t.github.openPullRequest("from a fork", sha("2"));
    const run = await plan(pr, sha("2"), {
      fork: "mallory/aep-config",
      env: { AEP_CLIENT_SECRET: undefined, KINESIS_SECRET_KEY: undefined },
    });
    expect(run.code).toBe(0);
    const [comment] = t.github.comments(pr);
    expect(comment!.body).toContain("**Validated only: 2 files checked, no errors. No plan was made.**");
    expect(comment!.body).toContain("comes from a fork");
    expect(run.stdout).toContain("::notice title=aep-gitops%3A validated only::");
    expect(await t.lab.requests()).toEqual([]);
  });

  it("a fork's PR whose token may not comment still ends green, with the reason in the summary", async () => {
    const pr = t.github.openPullRequest("from a fork", sha("2"));
    t.github.fault({ method: "POST", status: 403, message: "Resource not accessible by integration" });
    const run = await plan(pr, sha("2"), { fork: "mallory/aep-config", env: { AEP_CLIENT_SECRET: undefined } });
    expect(run.code).toBe(0);
    expect(run.summary).toContain("comes from a fork");
    expect(run.stdout).toMatch(/::warning::Could not comment on the pull request/);
  });

  it("a same-repository PR without AEP_CLIENT_SECRET is validated only, naming the missing secret", async () => {
    const pr = t.github.openPullRequest("no secret", sha("3"));
    const run = await plan(pr, sha("3"), { env: { AEP_CLIENT_SECRET: undefined } });
    expect(run.code).toBe(0);
    expect(t.github.comments(pr)[0]!.body).toContain("`AEP_CLIENT_SECRET` is not set");
  });
});

describe("the sticky comment over time", () => {
  it("says so when a push removes all changes", async () => {
    expect((await t.lab.cli(["apply", "--yes"])).code).toBe(0);
    const pr = t.github.openPullRequest("more audiences", sha("4"));
    t.lab.write(
      "destinations/summer.yaml",
      kinesisDestination("summer-campaign", { audiences: PROD_AUDIENCES.slice(0, 2) }),
    );
    expect((await plan(pr, sha("4"))).outputs["has-changes"]).toBe("true");
    t.lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign"));
    const run = await plan(pr, sha("5"));
    expect(run.outputs["has-changes"]).toBe("false");
    const comments = t.github.comments(pr);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("No changes. Live destinations match the configuration.");
    expect(comments[0]!.body).toContain(
      "The latest push removed all changes: merging this pull request applies nothing.",
    );
  });

  it("is replaced by a clear failure when a later run fails, so no stale plan (or checksum) is left", async () => {
    const pr = t.github.openPullRequest("x", sha("6"));
    expect((await plan(pr, sha("6"))).code).toBe(0);
    const run = await plan(pr, sha("7"), { env: { AEP_CLIENT_SECRET: "wrong-secret-123" } });
    expect(run.code).toBe(1);
    const [comment] = t.github.comments(pr);
    expect(comment!.body).toContain("**Plan failed: no plan is available for commit `7777777`.**");
    expect(comment!.body).not.toContain("Plan checksum");
    expect(comment!.body).not.toContain("wrong-secret-123");
    expect(run.stdout).toMatch(/^::error title=aep-gitops plan failed::/m);
    expect(run.summary).toContain("### ❌ aep-gitops plan failed");
  });
});

describe("GitHub's comment limit", () => {
  it("a plan too long for one comment is cut explicitly, keeps its checksum, and is whole in the job summary", async () => {
    for (let i = 0; i < 150; i++)
      t.lab.write(
        `destinations/d${i}.yaml`,
        kinesisDestination(`destination-${String(i).padStart(3, "0")}`, { audiences: PROD_AUDIENCES }),
      );
    const pr = t.github.openPullRequest("many", sha("8"));
    const run = await plan(pr, sha("8"));
    expect(run.code, run.stdout.slice(-2000)).toBe(0);
    const [comment] = t.github.comments(pr);
    expect(comment!.body.length).toBeLessThanOrEqual(65_536);
    expect(comment!.body).toMatch(
      /plan truncated: \d+ characters omitted\. The full plan is in the job summary: \[workflow run summary\]\(https:\/\/github\.com\/acme\/aep-config\/actions\/runs\/\d+\)/,
    );
    expect(comment!.body.trimEnd().split("\n").at(-1)).toBe(`Plan checksum: \`${run.outputs["plan-checksum"]}\``);
    expect(run.summary.length).toBeGreaterThan(65_536);
    expect(run.summary).toContain("destination-149");
  });
});

describe("data policies", () => {
  // The policies that judge a pull request are its base commit's (test/action/policies-from-base.test.ts).
  beforeEach(() => {
    t.lab.write("aep-gitops.config.yaml", POLICIES_CONFIG);
    t.github.commitFile(sha("0"), "aep-gitops.config.yaml", POLICIES_CONFIG);
  });

  it("a denied attribute is an annotation at its line with the policy's id, before Adobe is called", async () => {
    t.lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign", { attributes: ["person.lastName"] }));
    t.lab.write("destinations/promo.yaml", kinesisDestination("promo"));
    const pr = t.github.openPullRequest("email to kinesis", sha("2"));
    const run = await plan(pr, sha("2"));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^::error file=destinations\/promo\.yaml,line=15,col=5,title=aep-gitops%3A policy::policy 'no-email-to-kinesis': Email addresses never go to Kinesis streams/m,
    );
    expect(t.github.comments(pr)[0]!.body).toContain("destinations/promo.yaml:15:5 error policy:");
    expect(await t.lab.requests()).toEqual([]);
  });

  it("an audience with a denied label is an annotation at its line, and the job says a policy refused it", async () => {
    t.lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign", { attributes: ["person.lastName"] }));
    t.lab.write(
      "destinations/partner.yaml",
      kinesisDestination("partner-acme", { audiences: [MEN_OVER_50, HIGH_VALUE_C5], attributes: ["person.lastName"] }),
    );
    const pr = t.github.openPullRequest("c5 to a partner", sha("3"));
    const run = await plan(pr, sha("3"));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^::error file=destinations\/partner\.yaml,line=13,col=5,title=aep-gitops%3A policy::policy 'no-c5-to-partners': Audiences labelled C5 stay in-house/m,
    );
    expect(run.stdout).toMatch(/^::error::Data policies refuse this configuration \(see the annotations\)/m);
    expect(run.outputs["has-changes"]).toBe("false");
    expect(await t.lab.writes()).toEqual([]);
  });
});
