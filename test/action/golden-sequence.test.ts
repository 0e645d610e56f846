// The scripted life of a config repository, end to end with the built Action, the Flow Service
// emulator and the fake GitHub: every comment, issue and summary it produces is a golden file.
//   open PR → plan comment; push → the same comment updated; merge → apply + result comment;
//   edit in Adobe's UI → drift issue; a second PR whose plan goes stale before merge → refusal +
//   incident; forced apply → incident closed; next drift check → drift issue closed.
// The steps run in order and build on each other, like the repository they describe.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DRIFT_LABEL, INCIDENT_LABEL } from "../../src/action/labels.js";
import { kinesisAccount, kinesisDestination, PROD_AUDIENCES, SECRETS } from "../support/lab.js";
import { pullRequestEvent, pushEvent, scheduleEvent, sha, workflowDispatchEvent } from "./events.js";
import { expectGolden, issueText } from "./golden.js";
import { startActionLab, type ActionLab } from "./harness.js";

let t: ActionLab;
beforeAll(async () => {
  t = await startActionLab();
  t.lab.write("destinations/account.yaml", kinesisAccount());
  t.lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign"));
});
afterAll(() => t?.close());

const flowId = async (name: string): Promise<string> =>
  (await t.lab.ui("GET", `/flows?property=name==${name}`)).body.items[0].id;
const onlyIssue = (label: string) => {
  const issues = t.github.issues(label);
  expect(issues).toHaveLength(1);
  return issues[0]!;
};

describe("a config repository's life with the aep-gitops Action", () => {
  let firstPr = 0;
  let secondPr = 0;

  it("opening a pull request posts one plan comment and changes nothing in Adobe", async () => {
    firstPr = t.github.openPullRequest("Add the summer campaign", sha("1"));
    const run = await t.run({
      command: "plan",
      eventName: "pull_request",
      payload: pullRequestEvent(firstPr, sha("1")),
      sha: sha("1"),
    });
    expect(run.code).toBe(0);
    expect(run.outputs["has-changes"]).toBe("true");
    expect(run.outputs["plan-checksum"]).toMatch(/^[0-9a-f]{64}$/);
    expect(t.github.comments(firstPr)).toHaveLength(1);
    expectGolden("01-pr-opened.plan-comment.md", t.github.comments(firstPr)[0]!.body);
    // The picture of what leaves where, and the destination's sample record, collapsed.
    expect(t.github.comments(firstPr)[0]!.body).toContain("```mermaid\nflowchart LR\n");
    expect(t.github.comments(firstPr)[0]!.body).toMatch(
      /<details>\n<summary>Sample record of summer-campaign \(Amazon Kinesis, sandbox prod\): the record it starts sending<\/summary>/,
    );
    expectGolden("01-pr-opened.job-summary.md", run.summary);
    expect(await t.lab.writes()).toEqual([]);
  });

  it("another push updates the same comment in place, never a second one", async () => {
    const [before] = t.github.comments(firstPr);
    t.lab.write(
      "destinations/winter.yaml",
      kinesisDestination("winter-campaign", { audiences: PROD_AUDIENCES.slice(1, 3) }),
    );
    t.github.pushToPullRequest(firstPr, sha("2"));
    const run = await t.run({
      command: "plan",
      eventName: "pull_request",
      payload: pullRequestEvent(firstPr, sha("2"), { action: "synchronize" }),
      sha: sha("2"),
    });
    expect(run.code).toBe(0);
    const comments = t.github.comments(firstPr);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.id).toBe(before!.id);
    expect(t.github.writes().filter((w) => w.startsWith("PATCH /repos/acme/aep-config/issues/comments/"))).toHaveLength(
      1,
    );
    expectGolden("02-pr-pushed.plan-comment.md", comments[0]!.body);
  });

  it("the merge applies exactly the reviewed plan and comments the result on the PR", async () => {
    const planComment = t.github.comments(firstPr)[0]!.body;
    t.github.mergePullRequest(firstPr, sha("3"));
    const run = await t.run({ command: "apply", eventName: "push", payload: pushEvent(sha("3")), sha: sha("3") });
    expect(run.code, run.stdout).toBe(0);
    const creates = (await t.lab.writes()).filter((w) => w.method === "POST").map((w) => w.route);
    expect(creates.sort()).toEqual([
      "/connections",
      "/connections",
      "/flows",
      "/flows",
      "/sourceConnections",
      "/targetConnections",
      "/targetConnections",
    ]);
    const [plan, result] = t.github.comments(firstPr);
    expect(plan!.body).toBe(planComment);
    expectGolden("03-merged.apply-comment.md", result!.body);
    expectGolden("03-merged.job-summary.md", run.summary);
    expect(t.github.issues()).toEqual([]);
  });

  it("an edit in Adobe's UI opens a drift issue that says who changed what", async () => {
    const edit = await t.lab.uiPatchFlow(await flowId("summer-campaign"), [
      {
        op: "add",
        path: "/transformations/0/params/profileSelectors/selectors/-",
        value: { type: "JSON_PATH", value: { path: "mobilePhone.number" } },
      },
    ]);
    expect(edit.status).toBeLessThan(300);
    const run = await t.run({
      command: "drift",
      eventName: "schedule",
      payload: scheduleEvent(),
      sha: sha("3"),
      inputs: { "fail-on-drift": "true" },
    });
    expect(run.code).toBe(1);
    expect(run.outputs["drift-count"]).toBe("1");
    expectGolden("04-ui-edit.drift-issue.md", issueText(onlyIssue(DRIFT_LABEL)));
  });

  it("a plan that changed after review is refused on merge: explained on the PR, tracked by an incident", async () => {
    secondPr = t.github.openPullRequest("More audiences for winter", sha("4"));
    t.lab.write(
      "destinations/winter.yaml",
      kinesisDestination("winter-campaign", { audiences: PROD_AUDIENCES.slice(1, 5) }),
    );
    const plan = await t.run({
      command: "plan",
      eventName: "pull_request",
      payload: pullRequestEvent(secondPr, sha("4")),
      sha: sha("4"),
    });
    expect(plan.code).toBe(0);
    expectGolden("05-second-pr.plan-comment.md", t.github.comments(secondPr)[0]!.body);

    // Between review and merge, someone disables the winter flow's email attribute in the UI.
    await t.lab.uiPatchFlow(await flowId("winter-campaign"), [
      { op: "remove", path: "/transformations/0/params/profileSelectors/selectors/1" },
    ]);
    const writesBefore = (await t.lab.writes()).length;
    t.github.mergePullRequest(secondPr, sha("5"));
    const run = await t.run({ command: "apply", eventName: "push", payload: pushEvent(sha("5")), sha: sha("5") });
    expect(run.code).toBe(1);
    expect((await t.lab.writes()).length).toBe(writesBefore);
    const [, refusal] = t.github.comments(secondPr);
    expectGolden("06-stale-plan.refusal-comment.md", refusal!.body);
    expectGolden("06-stale-plan.incident-issue.md", issueText(onlyIssue(INCIDENT_LABEL)));
  });

  it("a forced apply restores the configuration, reports on the PR and closes the incident", async () => {
    const run = await t.run({
      command: "apply",
      eventName: "workflow_dispatch",
      payload: workflowDispatchEvent({ force: "true" }),
      sha: sha("5"),
      inputs: { force: "true" },
    });
    expect(run.code, run.stdout).toBe(0);
    const incident = t.github.issues(INCIDENT_LABEL)[0]!;
    expect(incident.state).toBe("closed");
    expectGolden("07-forced.incident-closed-comment.md", t.github.comments(incident.number).at(-1)!.body);
    expectGolden("07-forced.apply-comment.md", t.github.comments(secondPr)[1]!.body);
  });

  it("the next drift check finds none and closes the drift issue with a comment", async () => {
    const run = await t.run({
      command: "drift",
      eventName: "schedule",
      payload: scheduleEvent(),
      sha: sha("5"),
      inputs: { "fail-on-drift": "true" },
    });
    expect(run.code).toBe(0);
    expect(run.outputs["drift-count"]).toBe("0");
    const issue = onlyIssue(DRIFT_LABEL);
    expect(issue.state).toBe("closed");
    expectGolden("08-restored.drift-closed-comment.md", t.github.comments(issue.number).at(-1)!.body);
  });

  it("never posted a secret anywhere, and masked each one in the log first", async () => {
    const posted = JSON.stringify(t.github.requests);
    for (const secret of [...Object.values(SECRETS), "demo-secret", t.github.token])
      expect(posted).not.toContain(secret);
  });
});
