// Policies judge the pull request, not the other way round: a PR's plan is judged by the data policies
// of the base commit it targets, read through GitHub's contents API; a PR that edits them shows the
// change in its comment, and its own policies judge only once merged.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination } from "../support/lab.js";
import { POLICIES_CONFIG } from "../support/policies.js";
import { pullRequestEvent, sha } from "./events.js";
import { startActionLab, type ActionLab } from "./harness.js";

const BASE = sha("0"); // pullRequestEvent's base.sha
const CONFIG = "aep-gitops.config.yaml";
/** The README's policies without the one that keeps email addresses from Kinesis. */
const LOOSENED = POLICIES_CONFIG.replace(/ {2}- id: no-email-to-kinesis[\s\S]*?(?= {2}- id: no-c5)/, "");
const SECTION = "### ⚠️ This pull request changes data policies";
/** The line of the `attributes` a policy appended to POLICIES_CONFIG (`id`, `deny`, `attributes`) is on. */
const LAST_LINE = POLICIES_CONFIG.split("\n").length + 2;

let t: ActionLab;
beforeEach(async () => {
  t = await startActionLab();
  t.lab.write("destinations/account.yaml", kinesisAccount());
  // Exports personalEmail.address to a Kinesis stream, which no-email-to-kinesis denies.
  t.lab.write("destinations/promo.yaml", kinesisDestination("promo"));
});
afterEach(() => t.close());

const plan = (pr: number, head: string, inputs: Record<string, string> = {}) =>
  t.run({ command: "plan", eventName: "pull_request", payload: pullRequestEvent(pr, head), sha: head, inputs });
const contentReads = () => t.github.requests.filter((r) => r.method === "GET" && r.path.includes("/contents"));

describe("the base branch's policies judge a pull request", () => {
  it("a pull request that drops a policy is still judged by it, and the comment shows the change", async () => {
    expect(LOOSENED).not.toContain("no-email-to-kinesis");
    t.github.commitFile(BASE, CONFIG, POLICIES_CONFIG);
    t.lab.write(CONFIG, LOOSENED);
    const pr = t.github.openPullRequest("drop the email policy", sha("1"));
    const run = await plan(pr, sha("1"));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^::error file=destinations\/promo\.yaml,line=15,col=5,title=aep-gitops%3A policy::policy 'no-email-to-kinesis'/m,
    );
    expect(run.stdout).toMatch(/^::warning title=aep-gitops%3A data policies changed::/m);
    const [comment] = t.github.comments(pr);
    expect(comment!.body).toContain("destinations/promo.yaml:15:5 error policy:");
    expect(comment!.body).toContain(SECTION);
    expect(comment!.body).toContain(`(\`${CONFIG}\` at commit \`0000000\`)`);
    expect(comment!.body).toMatch(/```diff\n- no-email-to-kinesis: \{"message":"Email addresses never go to Kinesis/);
    expect(await t.lab.requests()).toEqual([]);
    // One read: the PR's config at the base commit.
    expect(contentReads().map((r) => `${r.path}?ref=${r.query.ref}`)).toEqual([
      `/repos/acme/aep-config/contents/${CONFIG}?ref=${BASE}`,
    ]);
  });

  it("a pull request that drops the credential variable prefixes is still judged by the base's", async () => {
    t.github.commitFile(
      BASE,
      CONFIG,
      "sandboxes:\n  prod: destinations\ncredentials:\n  variablePrefixes: [AEP_DEST_]\n",
    );
    t.lab.write(CONFIG, "sandboxes:\n  prod: destinations\n");
    const pr = t.github.openPullRequest("any variable will do", sha("1"));
    const run = await plan(pr, sha("1"));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error file=destinations\/account\.yaml,line=8,col=\d+,title=aep-gitops%3A env-name::'secretKey' refers to KINESIS_SECRET_KEY, which does not start with an allowed prefix \(AEP_DEST_\)/,
    );
    expect(t.github.comments(pr)[0]!.body).toContain("credentials.variablePrefixes");
    expect(await t.lab.requests()).toEqual([]);
  });

  it("a pull request that adds a policy is planned by the base's; its own judge once merged", async () => {
    t.github.commitFile(BASE, CONFIG, LOOSENED);
    t.lab.write(CONFIG, POLICIES_CONFIG);
    const pr = t.github.openPullRequest("add the email policy", sha("2"));
    const run = await plan(pr, sha("2"));
    expect(run.code, run.stdout.slice(-2000)).toBe(0);
    const [comment] = t.github.comments(pr);
    expect(comment!.body).toContain(SECTION);
    expect(comment!.body).toMatch(/^\+ no-email-to-kinesis: /m);
    expect(comment!.body).toContain(`Plan checksum: \`${run.outputs["plan-checksum"]}\``);
    // The plan comment's own policies, once merged, refuse it: the CLI judges by the working tree.
    expect((await t.lab.cli(["plan"])).code).toBe(1);
  });

  it("a pull request that leaves the policies as they are shows no section", async () => {
    t.github.commitFile(BASE, CONFIG, POLICIES_CONFIG);
    t.lab.write(CONFIG, POLICIES_CONFIG.replace("  prod: [destinations]", "  prod: destinations"));
    t.lab.write("destinations/promo.yaml", kinesisDestination("promo", { attributes: ["person.lastName"] }));
    const pr = t.github.openPullRequest("same policies", sha("3"));
    const run = await plan(pr, sha("3"));
    expect(run.code, run.stdout.slice(-2000)).toBe(0);
    expect(t.github.comments(pr)[0]!.body).not.toContain("changes data policies");
  });

  it("a base without a tool config judges by no policies, and the comment says so", async () => {
    t.lab.write(CONFIG, POLICIES_CONFIG);
    const pr = t.github.openPullRequest("first policies", sha("4"));
    const run = await plan(pr, sha("4"));
    expect(run.code, run.stdout.slice(-2000)).toBe(0);
    const [comment] = t.github.comments(pr);
    expect(comment!.body).toContain("commit `0000000`, which has no tool config: no policies");
    expect(comment!.body).toMatch(/^\+ no-email-to-kinesis: /m);
  });

  it("a config the pull request moved is read where it was", async () => {
    t.github.commitFile(BASE, "ci/aep-gitops.yaml", POLICIES_CONFIG);
    t.lab.remove?.(CONFIG);
    t.lab.write("config/aep-gitops.yaml", LOOSENED.replace("[destinations]", "[../destinations]"));
    const pr = t.github.openPullRequest("move and loosen the policies", sha("5"));
    t.github.renameInPullRequest(pr, "ci/aep-gitops.yaml", "config/aep-gitops.yaml");
    const run = await plan(pr, sha("5"), { config: "config/aep-gitops.yaml" });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/title=aep-gitops%3A policy::policy 'no-email-to-kinesis'/);
    expect(t.github.comments(pr)[0]!.body).toContain("(`ci/aep-gitops.yaml` at commit `0000000`)");
  });

  it("base policies that cannot be matched safely fail the plan: nothing unchecked judges", async () => {
    t.github.commitFile(
      BASE,
      CONFIG,
      `${POLICIES_CONFIG}  - id: hostile\n    deny:\n      attributes: ["${"*a".repeat(101)}"]\n`,
    );
    t.lab.write(CONFIG, POLICIES_CONFIG);
    const pr = t.github.openPullRequest("any change", sha("6"));
    const run = await plan(pr, sha("6"));
    expect(run.code).toBe(1);
    const [comment] = t.github.comments(pr);
    expect(comment!.body).toContain("**Plan failed: no plan is available for commit `6666666`.**");
    expect(comment!.body).toContain(
      `The data policies on the base branch (${CONFIG} at 0000000) are invalid:\n  ${CONFIG}:${LAST_LINE}:20  glob '*a*a`,
    );
    expect(await t.lab.requests()).toEqual([]);
  });

  it("a glob of the pull request's own config that cannot be matched safely is an annotation at its line", async () => {
    t.github.commitFile(BASE, CONFIG, POLICIES_CONFIG);
    t.lab.write(CONFIG, `${POLICIES_CONFIG}  - id: classes\n    deny:\n      attributes: ["person.[ab]*"]\n`);
    const pr = t.github.openPullRequest("a class", sha("7"));
    const run = await plan(pr, sha("7"));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(
        `^::error file=aep-gitops\\.config\\.yaml,line=${LAST_LINE},col=20,title=aep-gitops%3A tool-config::glob 'person\\.\\[ab\\]\\*': character classes`,
        "m",
      ),
    );
  });
});
