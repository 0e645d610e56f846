// One owner of the pull-request conversation: the Action edits and trusts only what its own identity
// wrote (the token's user; github-actions[bot] for the workflow's GITHUB_TOKEN), and apply reads the
// reviewed checksum only from the Action's plan comment for the commit that was merged, from the
// plan's own checksum line. A marked comment by anyone else, a checksum line in a code block, a plan
// of an older push and a fork's pull request all leave apply without a reviewed plan: 0 writes to Adobe.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DRIFT_LABEL } from "../../src/action/labels.js";
import { kinesisAccount, kinesisDestination, PROD_AUDIENCES } from "../support/lab.js";
import { pullRequestEvent, pushEvent, scheduleEvent, sha, workflowDispatchEvent } from "./events.js";
import { BOT } from "../support/fake-github.js";
import { startActionLab, type ActionLab } from "./harness.js";

let t: ActionLab;
beforeEach(async () => {
  t = await startActionLab();
  t.lab.write("destinations/account.yaml", kinesisAccount());
  t.lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign"));
});
afterEach(() => t.close());

const PLAN_MARKER = "<!-- aep-gitops:plan -->";
const plan = (pr: number, head: string) =>
  t.run({ command: "plan", eventName: "pull_request", payload: pullRequestEvent(pr, head), sha: head });
const apply = (after: string) => t.run({ command: "apply", eventName: "push", payload: pushEvent(after), sha: after });

/** The checksum a fresh plan of the current YAML has: what an imposter would copy into a comment. */
async function freshChecksum(): Promise<string> {
  const probe = t.github.openPullRequest("probe", sha("f"));
  const run = await plan(probe, sha("f"));
  expect(run.code, run.stdout).toBe(0);
  return run.outputs["plan-checksum"]!;
}

/** A plan comment as the Action writes it, posted by someone else. */
const forgedPlan = (checksum: string) =>
  `${PLAN_MARKER}\n## aep-gitops plan\n\n**Plan: 5 to add, 0 to change, 0 to destroy.**\n\nPlan checksum: \`${checksum}\`\n`;

describe("a marked comment by someone else", () => {
  it("is not edited: the Action posts its own plan comment, keeps it current, and its merge applies", async () => {
    const pr = t.github.openPullRequest("change", sha("1"));
    t.github.addComment(pr, `${PLAN_MARKER}\nI was here first`);
    expect((await plan(pr, sha("1"))).code).toBe(0);
    t.github.pushToPullRequest(pr, sha("2"));
    expect((await plan(pr, sha("2"))).code).toBe(0);

    const [person, action] = t.github.comments(pr);
    expect(person).toMatchObject({ body: `${PLAN_MARKER}\nI was here first`, user: { login: "octocat" } });
    expect(action!.user.login).toBe("github-actions[bot]");
    expect(action!.body).toContain("Planned for commit `2222222`");
    expect(t.github.comments(pr)).toHaveLength(2);

    t.github.mergePullRequest(pr, sha("3"));
    const run = await apply(sha("3"));
    expect(run.code, run.stdout).toBe(0);
    expect((await t.lab.writes()).length).toBeGreaterThan(0);
    expect(t.github.comments(pr)[0]!.body).toBe(`${PLAN_MARKER}\nI was here first`);
  });

  it("is not trusted on merge, even with the fresh plan's checksum: nothing is applied", async () => {
    const checksum = await freshChecksum();
    const pr = t.github.openPullRequest("change", sha("1"));
    t.github.addComment(pr, forgedPlan(checksum));
    t.github.mergePullRequest(pr, sha("2"));
    const run = await apply(sha("2"));
    expect(run.code).toBe(1);
    expect(await t.lab.writes()).toEqual([]);
    expect(run.stdout).toMatch(
      new RegExp(`No reviewed plan: pull request #${pr} has no aep-gitops plan comment by github-actions\\[bot\\]`),
    );
    // The refusal is the Action's own apply comment; the forged one is left as it was, and not quoted.
    const comments = t.github.comments(pr);
    expect(comments[0]!.body).toBe(forgedPlan(checksum));
    expect(comments[1]!.user.login).toBe("github-actions[bot]");
    expect(comments[1]!.body).not.toContain("octocat");
  });

  it("by another bot (an app) carrying a continuation line is not trusted either", async () => {
    const pr = t.github.openPullRequest("change", sha("1"));
    expect((await plan(pr, sha("1"))).code).toBe(0);
    // The merged YAML is not what was planned: the fresh plan differs from the reviewed one.
    t.lab.write("destinations/winter.yaml", kinesisDestination("winter-campaign"));
    const fresh = await freshChecksum();
    t.github.mergePullRequest(pr, sha("2"));
    t.github.addComment(
      pr,
      `<!-- aep-gitops:apply -->\n## aep-gitops apply\n\n<!-- aep-gitops:continue sha=${sha("2")} checksum=${fresh} -->\n`,
      { login: "helpful-app[bot]", type: "Bot" },
    );
    const run = await apply(sha("2"));
    expect(run.code).toBe(1);
    expect(await t.lab.writes()).toEqual([]);
    expect(run.stdout).toContain("The plan changed since it was reviewed");
  });

  it("an issue with the drift label and marker by someone else is neither updated nor closed", async () => {
    expect((await t.lab.cli(["apply", "--yes"])).code).toBe(0);
    const theirs = { title: "drift", body: "<!-- aep-gitops:drift -->\nnothing to see", labels: [DRIFT_LABEL] };
    const imposter = t.github.addIssue(theirs);
    const drift = () => t.run({ command: "drift", eventName: "schedule", payload: scheduleEvent(), sha: sha("1") });
    const flow = (await t.lab.ui("GET", "/flows?property=name==summer-campaign")).body.items[0].id;
    await t.lab.uiPatchFlow(flow, [
      {
        op: "add",
        path: "/transformations/0/params/profileSelectors/selectors/-",
        value: { type: "JSON_PATH", value: { path: "mobilePhone.number" } },
      },
    ]);
    expect((await drift()).outputs["drift-count"]).toBe("1");
    const own = t.github.issues(DRIFT_LABEL).find((i) => i.number !== imposter)!;
    expect(own.body).toContain("summer-campaign");

    expect((await t.lab.cli(["apply", "--yes"])).code).toBe(0);
    expect((await drift()).outputs["drift-count"]).toBe("0");
    expect(t.github.issues(DRIFT_LABEL).map((i) => [i.number, i.state])).toEqual([
      [imposter, "open"],
      [own.number, "closed"],
    ]);
    expect(t.github.issues(DRIFT_LABEL)[0]).toMatchObject(theirs);
    expect(t.github.comments(imposter)).toEqual([]);
  });
});

describe("the reviewed checksum", () => {
  it("is never read from a code block: a failed-validation comment quoting the line holds no plan", async () => {
    const checksum = await freshChecksum();
    const pr = t.github.openPullRequest("bad file name", sha("1"));
    // What the Action posted for a file whose name carries a checksum line, before file names were
    // shown on one line: the line sits in the fenced problem list of its own comment.
    const status = [
      PLAN_MARKER,
      "## aep-gitops plan",
      "",
      "**Validation failed: 1 error, 0 warnings.** Nothing was read from or sent to Adobe.",
      "",
      "```text",
      "destinations/x",
      `Plan checksum: \`${checksum}\``,
      "y.yaml:12:9 error audience-id: '72ddd79b-6b0a-4e97-a8d2' is not an audience id",
      "```",
      "",
    ].join("\n");
    t.github.addComment(pr, status, BOT);
    t.github.mergePullRequest(pr, sha("2"));
    const run = await apply(sha("2"));
    expect(run.code).toBe(1);
    expect(await t.lab.writes()).toEqual([]);
    expect(run.stdout).toContain(`No reviewed plan: the plan comment on pull request #${pr} holds no plan`);
  });

  it("of a failed validation is none, whatever a file name with line breaks carries", async () => {
    const checksum = await freshChecksum();
    const pr = t.github.openPullRequest("bad file name", sha("1"));
    const forged = `destinations/x\nPlan checksum: \`${checksum}\`\ny.yaml`;
    t.lab.write(forged, kinesisDestination("forged", { audiences: ["72ddd79b-6b0a-4e97-a8d2"] }));
    expect((await plan(pr, sha("1"))).code).toBe(1);
    expect(t.github.comments(pr)[0]!.body).toContain("**Validation failed");
    t.lab.remove(forged);
    t.github.mergePullRequest(pr, sha("2"));
    const run = await apply(sha("2"));
    expect(run.code).toBe(1);
    expect(await t.lab.writes()).toEqual([]);
    expect(run.stdout).toContain(`No reviewed plan: the plan comment on pull request #${pr} holds no plan`);
  });

  it("is not trusted when the plan comment is for an older push than the merged head", async () => {
    const pr = t.github.openPullRequest("change", sha("1"));
    expect((await plan(pr, sha("1"))).code).toBe(0);
    t.github.pushToPullRequest(pr, sha("2")); // merged before its plan ran
    t.github.mergePullRequest(pr, sha("3"));
    const run = await apply(sha("3"));
    expect(run.code).toBe(1);
    expect(await t.lab.writes()).toEqual([]);
    expect(run.stdout).toContain(
      `No reviewed plan: the plan comment on pull request #${pr} is for commit 1111111, not the pull request's head 2222222`,
    );
  });

  it("of a fork's pull request is not trusted: apply refuses, and applies only with force", async () => {
    const pr = t.github.openPullRequest("from a fork", sha("1"), { fork: "mallory/aep-config" });
    // Even the Action's own plan comment (here from an event that did not say fork) does not count:
    // apply asks the pulls API where the merged head came from.
    expect((await plan(pr, sha("1"))).code).toBe(0);
    expect(t.github.comments(pr)[0]!.body).toContain("Plan checksum:");
    t.github.mergePullRequest(pr, sha("2"));
    const run = await apply(sha("2"));
    expect(run.code).toBe(1);
    expect(await t.lab.writes()).toEqual([]);
    expect(run.stdout).toContain(`No reviewed plan: pull request #${pr} comes from a fork (mallory/aep-config)`);

    const forced = await t.run({
      command: "apply",
      eventName: "workflow_dispatch",
      payload: workflowDispatchEvent({ force: "true" }),
      sha: sha("2"),
      inputs: { force: "true" },
    });
    expect(forced.code, forced.stdout).toBe(0);
    expect((await t.lab.writes()).length).toBeGreaterThan(0);
  });

  it("of the Action's plan for the merged head is trusted: the normal path applies", async () => {
    t.lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign", { audiences: PROD_AUDIENCES }));
    const pr = t.github.openPullRequest("change", sha("1"));
    expect((await plan(pr, sha("1"))).code).toBe(0);
    t.github.mergePullRequest(pr, sha("2"));
    const run = await apply(sha("2"));
    expect(run.code, run.stdout).toBe(0);
    expect((await t.lab.writes()).length).toBeGreaterThan(0);
  });
});
