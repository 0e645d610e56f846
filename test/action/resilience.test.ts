// The check always finishes with a clear status: GitHub's own failures are retried within bounds,
// and whatever still fails is said in an annotation and the job summary. Secrets never show.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, SECRETS } from "../support/lab.js";
import { pullRequestEvent, scheduleEvent, sha } from "./events.js";
import { startActionLab, type ActionLab } from "./harness.js";

let t: ActionLab;
beforeAll(async () => {
  t = await startActionLab();
  t.lab.write("destinations/account.yaml", kinesisAccount());
  t.lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign"));
});
afterAll(() => t.close());

const plan = (pr: number, env: Record<string, string | undefined> = {}) =>
  t.run({ command: "plan", eventName: "pull_request", payload: pullRequestEvent(pr, sha("a")), sha: sha("a"), env });

describe("GitHub's API failing", () => {
  it("a 500 and a secondary rate limit are retried, and the PR still gets exactly one comment", async () => {
    const pr = t.github.openPullRequest("flaky GitHub", sha("a"));
    t.github.fault({ method: "GET", path: /\/issues\/\d+\/comments$/, status: 500 });
    t.github.fault({
      method: "POST",
      path: /\/issues\/\d+\/comments$/,
      status: 403,
      headers: { "retry-after": "1" },
      message: "You have exceeded a secondary rate limit.",
    });
    const run = await plan(pr);
    expect(run.code, run.stdout).toBe(0);
    expect(t.github.comments(pr)).toHaveLength(1);
    const statuses = t.github.requests
      .filter((r) => r.path.endsWith(`/issues/${pr}/comments`))
      .map((r) => `${r.method} ${r.status}`);
    expect(statuses).toEqual(["GET 500", "GET 200", "POST 403", "POST 201"]);
    expect(run.stdout).toContain("secondary rate limit");
  });

  it("a refused token fails the job with an annotation that names the permission, before Adobe is read", async () => {
    const pr = t.github.openPullRequest("bad token", sha("a"));
    const before = (await t.lab.requests()).length;
    const run = await plan(pr, { "INPUT_GITHUB-TOKEN": "ghs_revoked" });
    expect(run.code).toBe(1);
    // The first call reads the base branch's data policies (where the search would find its config).
    expect(run.stdout).toMatch(
      /^::error title=aep-gitops plan failed::GitHub API: could not list the files of the repository's root at 0000000: 401 Bad credentials%0Ahint: Check the workflow's token and its permissions \(this call needs 'contents: read'\)/m,
    );
    expect(run.summary).toContain("### ❌ aep-gitops plan failed");
    expect((await t.lab.requests()).length).toBe(before);
    expect(t.github.comments(pr)).toEqual([]);
  });
});

describe("bad inputs", () => {
  it("an unknown command fails at once, with the reason in an annotation and the summary", async () => {
    const run = await t.run({
      command: "destroy" as "plan",
      eventName: "schedule",
      payload: scheduleEvent(),
      sha: sha("b"),
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "::error title=aep-gitops run failed::Input 'command' must be one of plan, apply, drift, not 'destroy'.",
    );
    expect(run.summary).toContain("Input 'command' must be one of plan, apply, drift");
  });

  it("a boolean input that is not true or false is an error, not a guess", async () => {
    const run = await t.run({
      command: "drift",
      eventName: "schedule",
      payload: scheduleEvent(),
      sha: sha("b"),
      inputs: { "fail-on-drift": "yes" },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Input 'fail-on-drift' must be true or false, not 'yes'.");
  });
});

describe("secrets", () => {
  it("are masked (::add-mask::) before anything else is printed, and appear nowhere else", async () => {
    const pr = t.github.openPullRequest("secrets", sha("a"));
    const run = await plan(pr);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    const firstOther = lines.findIndex((l) => !l.startsWith("::add-mask::"));
    const masks = lines.filter((l) => l.startsWith("::add-mask::"));
    expect(masks.sort()).toEqual(
      ["::add-mask::demo-secret", `::add-mask::${t.github.token}`, `::add-mask::${SECRETS.KINESIS_SECRET_KEY}`].sort(),
    );
    expect(lines.slice(0, firstOther)).toHaveLength(masks.length);
    const rest = lines.slice(firstOther).join("\n") + run.stderr + run.summary + JSON.stringify(t.github.requests);
    for (const secret of ["demo-secret", t.github.token, SECRETS.KINESIS_SECRET_KEY])
      expect(rest).not.toContain(secret);
  });
});

describe("Adobe refusing the job before there is a plan", () => {
  it("runs doctor and puts its verdicts, with what to fix, in the job summary beside the error", async () => {
    const pr = t.github.openPullRequest("wrong Adobe secret", sha("a"));
    const run = await plan(pr, { AEP_CLIENT_SECRET: "not-the-secret" });
    expect(run.code).toBe(1);
    expect(run.summary).toContain("### ❌ aep-gitops plan failed");
    expect(run.summary).toContain("### aep-gitops doctor");
    expect(run.summary).toMatch(/❌ .*IMS/);
    expect(run.summary).toContain("hint: Check AEP\\_CLIENT\\_ID, AEP\\_CLIENT\\_SECRET");
    const shown = run.stdout.replace(/^::add-mask::.*$/gm, "") + run.stderr + run.summary;
    expect(shown).not.toContain("not-the-secret");
  });

  it("does not run doctor when the job fails for a reason of its own", async () => {
    const run = await t.run({
      command: "drift",
      eventName: "schedule",
      payload: scheduleEvent(),
      sha: sha("b"),
      inputs: { "fail-on-drift": "yes" },
    });
    expect(run.code).toBe(1);
    expect(run.summary).not.toContain("doctor");
  });
});
