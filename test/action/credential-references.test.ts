// Through the Action: `${env:…}` outside credentials and a credential naming the runner's secrets fail
// the pull request's plan at their lines, with nothing read from Adobe; and a pull request that switches
// a credential to another variable shows it in its comment and binds it by the checksum, so a merge
// whose reviewed plan did not show the switch applies nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination } from "../support/lab.js";
import { pullRequestEvent, pushEvent, sha } from "./events.js";
import { APPLY_ENV, PLAN_ENV, startActionLab, type ActionLab } from "./harness.js";

let t: ActionLab;
beforeEach(async () => {
  t = await startActionLab();
  t.lab.write("destinations/account.yaml", kinesisAccount());
  t.lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign"));
});
afterEach(() => t.close());

const plan = (pr: number, head: string) =>
  t.run({ command: "plan", eventName: "pull_request", payload: pullRequestEvent(pr, head), sha: head, env: PLAN_ENV });
const apply = (after: string, env: Record<string, string | undefined> = {}) =>
  t.run({ command: "apply", eventName: "push", payload: pushEvent(after), sha: after, env: { ...APPLY_ENV, ...env } });

describe("the plan job", () => {
  it("fails a display name that refers to the apply job's secret, at its line, reading nothing from Adobe", async () => {
    t.lab.write(
      "destinations/summer.yaml",
      kinesisDestination("summer-campaign").replace(
        "type: amazon-kinesis\n",
        "type: amazon-kinesis\ndisplayName: ${env:AEP_CLIENT_SECRET}\n",
      ),
    );
    const pr = t.github.openPullRequest("exfiltrate", sha("1"));
    const run = await plan(pr, sha("1"));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error file=destinations\/summer\.yaml,line=5,col=\d+,title=aep-gitops%3A env-ref::'displayName' holds an environment reference/,
    );
    expect((await t.lab.requests()).filter((r) => !r.path.startsWith("/ims/"))).toEqual([]);
    expect(t.github.comments(pr)[0]!.body).not.toContain(t.lab.env.AEP_CLIENT_SECRET);
  });

  it("fails a credential that names the runner's token", async () => {
    t.lab.write(
      "destinations/account.yaml",
      kinesisAccount().replace("KINESIS_SECRET_KEY", "ACTIONS_ID_TOKEN_REQUEST_TOKEN"),
    );
    const pr = t.github.openPullRequest("exfiltrate", sha("1"));
    const run = await plan(pr, sha("1"));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error file=destinations\/account\.yaml,line=8,col=\d+,title=aep-gitops%3A env-name::'secretKey' may not refer to ACTIONS_ID_TOKEN_REQUEST_TOKEN/,
    );
  });
});

describe("a pull request that switches a credential's variable", () => {
  beforeEach(async () => {
    const pr = t.github.openPullRequest("first", sha("1"));
    expect((await plan(pr, sha("1"))).code).toBe(0);
    t.github.mergePullRequest(pr, sha("2"));
    expect((await apply(sha("2"))).code).toBe(0);
  });

  it("shows the switch in its comment, and apply of the reviewed plan writes it", async () => {
    t.lab.write("destinations/account.yaml", kinesisAccount().replace("KINESIS_SECRET_KEY", "KINESIS_NEXT_KEY"));
    const pr = t.github.openPullRequest("switch", sha("3"));
    const run = await plan(pr, sha("3"));
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs["has-changes"]).toBe("true");
    const comment = t.github.comments(pr)[0]!.body;
    expect(comment).toContain("credential secretKey: ${env:KINESIS_SECRET_KEY} → ${env:KINESIS_NEXT_KEY}");
    t.github.mergePullRequest(pr, sha("4"));
    const applied = await apply(sha("4"), { KINESIS_NEXT_KEY: "the-next-kinesis-secret" });
    expect(applied.code, applied.stdout).toBe(0);
    expect(applied.outputs["plan-checksum"]).toBe(run.outputs["plan-checksum"]);
  });

  it("is refused at merge with zero writes when the reviewed plan did not show it", async () => {
    const pr = t.github.openPullRequest("harmless-looking", sha("3"));
    const reviewed = await plan(pr, sha("3"));
    expect(reviewed.outputs["has-changes"]).toBe("false");
    // A later push switches the variable; the comment still shows the plan reviewed before it.
    t.lab.write("destinations/account.yaml", kinesisAccount().replace("KINESIS_SECRET_KEY", "KINESIS_NEXT_KEY"));
    t.github.mergePullRequest(pr, sha("4"));
    const before = (await t.lab.dataWrites()).length;
    const applied = await apply(sha("4"), { KINESIS_NEXT_KEY: "the-next-kinesis-secret" });
    expect(applied.code).toBe(1);
    expect(await t.lab.dataWrites()).toHaveLength(before);
  });
});
