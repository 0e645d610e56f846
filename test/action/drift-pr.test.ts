// `drift-pr: true`: the drift job proposes keeping what was changed in Adobe, as one pull request per
// sandbox from aep-gitops/drift/<sandbox>, through the built Action against the emulator and the fake
// GitHub (a real loopback server that keeps branches, commits with their files, and pull requests).
// The steps build on each other like the repository they describe: a UI edit opens the PR, a second
// one updates it, undoing it in Adobe closes it; and the safety rules hold on the way.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DRIFT_LABEL } from "../../src/action/labels.js";
import { BOT } from "../support/fake-github.js";
import { kinesisAccount, kinesisDestination } from "../support/lab.js";
import { pullRequestEvent, scheduleEvent } from "./events.js";
import { startActionLab, type ActionLab } from "./harness.js";

const CONFIG = "aep-gitops.config.yaml";
const PROD_BRANCH = "aep-gitops/drift/prod";
const DEV_BRANCH = "aep-gitops/drift/dev";
const BOT_COMMITTER = { name: BOT.login, email: "41898282+github-actions[bot]@users.noreply.github.com" };

let t: ActionLab;
/** The repository's files on main, as the checkout holds them. */
const main: Record<string, string> = {
  [CONFIG]: "sandboxes:\n  prod: prod\n  dev: dev\n",
  "prod/account.yaml": kinesisAccount(),
  "prod/summer.yaml": `# The summer campaign: owned by the CRM team.\n${kinesisDestination("summer-campaign")}`,
  "dev/account.yaml": kinesisAccount(),
  "dev/winter.yaml": kinesisDestination("winter-campaign", { audiences: [] }),
};
let mainSha = "";

beforeAll(async () => {
  t = await startActionLab();
  checkout(main);
  const applied = await t.lab.cli(["apply", "--yes"]);
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  mainSha = t.github.git.push("main", main, { message: "The configuration" });
});
afterAll(() => t?.close());

function checkout(files: Record<string, string>) {
  for (const [file, text] of Object.entries(files)) t.lab.write(file, text);
}
const drift = (sha = mainSha, inputs: Record<string, string> = {}) =>
  t.run({
    command: "drift",
    eventName: "schedule",
    payload: scheduleEvent(),
    sha,
    inputs: { "drift-pr": "true", ...inputs },
  });
const flowId = async (name: string, sandbox: string) =>
  (await t.lab.ui("GET", `/flows?property=name==${name}`, { sandbox })).body.items[0].id as string;
const addSelector = async (name: string, sandbox: string, attribute: string) =>
  t.lab.uiPatchFlow(
    await flowId(name, sandbox),
    [
      {
        op: "add",
        path: "/transformations/0/params/profileSelectors/selectors/-",
        value: { type: "JSON_PATH", value: { path: attribute } },
      },
    ],
    sandbox,
  );
const removeSelector = async (name: string, sandbox: string, index: number) =>
  t.lab.uiPatchFlow(
    await flowId(name, sandbox),
    [{ op: "remove", path: `/transformations/0/params/profileSelectors/selectors/${index}` }],
    sandbox,
  );
const openPulls = (branch: string) => t.github.pulls().filter((p) => p.pull?.headRef === branch && p.state === "open");
/** What `aep-gitops drift --write` makes of the checkout: the same driftRewrite, through the CLI. */
async function cliRewrite(file: string): Promise<string> {
  const run = await t.lab.cli(["drift", "--write"]);
  expect(run.code, run.stdout + run.stderr).not.toBeNull();
  const text = readFileSync(path.join(t.lab.dir, file), "utf8");
  checkout(main);
  return text;
}

describe("drift-pr: the drift job's pull request", () => {
  let prodPr = 0;
  let humanPr = 0;

  it("a UI edit in each sandbox opens one pull request per sandbox, whose branch holds the rewritten YAML", async () => {
    humanPr = t.github.openPullRequest("Narrow the summer campaign", "e".repeat(40), { files: ["prod/summer.yaml"] });
    await addSelector("summer-campaign", "prod", "mobilePhone.number");
    await removeSelector("winter-campaign", "dev", 0);
    const run = await drift();
    expect(run.code, run.stdout + run.stderr).toBe(0);

    const prod = openPulls(PROD_BRANCH);
    const dev = openPulls(DEV_BRANCH);
    expect(prod).toHaveLength(1);
    expect(dev).toHaveLength(1);
    prodPr = prod[0]!.number;
    expect(prod[0]!.user).toEqual(BOT);
    expect(prod[0]!.title).toBe("aep-gitops: keep the changes made in Adobe to sandbox prod");

    // The branch is one commit on main's head, by the Action, changing only the drifted file.
    const head = t.github.git.commit(t.github.git.branchHead(PROD_BRANCH)!)!;
    expect(head.parents).toEqual([mainSha]);
    expect({ name: head.author.name, email: head.author.email }).toEqual(BOT_COMMITTER);
    const files = t.github.git.files(PROD_BRANCH);
    expect(files["prod/summer.yaml"]).toBe(await cliRewrite("prod/summer.yaml"));
    expect(files["prod/summer.yaml"]).toContain("mobilePhone.number");
    expect(files["prod/summer.yaml"]).toMatch(/^# The summer campaign: owned by the CRM team\.\n/);
    expect(files["dev/winter.yaml"]).toBe(main["dev/winter.yaml"]);
    expect(t.github.git.files(DEV_BRANCH)["dev/winter.yaml"]).not.toBe(main["dev/winter.yaml"]);

    const body = prod[0]!.body;
    expect(body).toContain("`prod/summer.yaml`");
    expect(body).toMatch(/`ui-editor@example\.com`/);
    expect(body).toContain("### If you merge");
    expect(body).toContain("merging writes **nothing** to Adobe");
    expect(body).toContain("the next apply reverts Adobe");
    // A person's pull request changes the same file: the Action opens its own anyway, and says so.
    expect(body).toContain(`> - #${humanPr} changes \`prod/summer.yaml\``);
  });

  it("the drift issue links the pull request", () => {
    const [issue] = t.github.issues(DRIFT_LABEL);
    expect(issue!.body).toContain("### Keep the changes in Git instead");
    expect(issue!.body).toContain(
      `- Sandbox \`prod\`: #${prodPr} keeps these changes in Git (branch \`${PROD_BRANCH}\`).`,
    );
  });

  it("the plan job recognises the drift pull request, and its plan shows no change against Adobe", async () => {
    const headSha = t.github.git.branchHead(PROD_BRANCH)!;
    checkout(t.github.git.files(PROD_BRANCH));
    const payload = pullRequestEvent(prodPr, headSha);
    payload.pull_request.head.ref = PROD_BRANCH;
    payload.pull_request.user = { login: BOT.login };
    const run = await t.run({
      command: "plan",
      eventName: "pull_request",
      payload,
      sha: headSha,
      inputs: { sandbox: "prod" },
    });
    checkout(main);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs["has-changes"]).toBe("false");
    const comment = t.github.comments(prodPr).find((c) => c.body.startsWith("<!-- aep-gitops:plan"))!.body;
    expect(comment).toContain("This pull request was opened by aep-gitops' drift job");
    expect(comment).toContain("As expected, the plan shows no change against Adobe");
  });

  it("a person's pull request from a branch named alike is not taken for the drift job's", async () => {
    const pr = t.github.openPullRequest("Mine", "f".repeat(40), { headRef: "aep-gitops/drift/prod-copy" });
    const payload = pullRequestEvent(pr, "f".repeat(40));
    payload.pull_request.head.ref = "aep-gitops/drift/prod-copy";
    const run = await t.run({
      command: "plan",
      eventName: "pull_request",
      payload,
      sha: "f".repeat(40),
      inputs: { sandbox: "prod" },
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(t.github.comments(pr)[0]!.body).not.toContain("drift job");
  });

  it("a second UI edit updates the same pull request: the branch is rewritten from main's head", async () => {
    const before = t.github.git.branchHead(PROD_BRANCH);
    await addSelector("summer-campaign", "prod", "homeAddress.city");
    expect((await drift()).code).toBe(0);
    const prod = openPulls(PROD_BRANCH);
    expect(prod.map((p) => p.number)).toEqual([prodPr]);
    const head = t.github.git.commit(t.github.git.branchHead(PROD_BRANCH)!)!;
    expect(head.sha).not.toBe(before);
    expect(head.parents).toEqual([mainSha]);
    expect(t.github.git.files(PROD_BRANCH)["prod/summer.yaml"]).toContain("homeAddress.city");
    expect(prod[0]!.body).toContain("homeAddress.city");
    expect(t.github.writes().filter((w) => w.startsWith("POST /repos/acme/aep-config/pulls "))).toHaveLength(2);
  });

  it("an unchanged drift rewrites nothing", async () => {
    const before = t.github.git.branchHead(PROD_BRANCH);
    const writes = t.github.writes().length;
    expect((await drift()).code).toBe(0);
    expect(t.github.git.branchHead(PROD_BRANCH)).toBe(before);
    expect(
      t.github
        .writes()
        .slice(writes)
        .filter((w) => /\/git\/|\/pulls/.test(w)),
    ).toEqual([]);
  });

  it("never force-pushes over a branch holding someone else's commit", async () => {
    const foreign = t.github.git.push(DEV_BRANCH, { "dev/notes.md": "mine\n" }, { message: "A person's commit" });
    await addSelector("winter-campaign", "dev", "homeAddress.city");
    const run = await drift();
    expect(t.github.git.branchHead(DEV_BRANCH)).toBe(foreign);
    expect(run.stdout).toMatch(/The branch aep-gitops\/drift\/dev has commits aep-gitops did not make/);
    expect(t.github.issues(DRIFT_LABEL)[0]!.body).toContain(
      "the branch `aep-gitops/drift/dev` has commits aep-gitops did not make",
    );
  });

  it("refuses when the checkout is not the default branch's head", async () => {
    const moved = t.github.git.push("main", { "README.md": "a change\n" }, { message: "Someone merged" });
    const writes = t.github.writes().length;
    await addSelector("summer-campaign", "prod", "personalEmail.type");
    const run = await drift(mainSha);
    expect(run.stdout).toMatch(/Refused: the checkout \(\w{7}\) is not the head of main/);
    expect(
      t.github
        .writes()
        .slice(writes)
        .filter((w) => /\/git\/|\/pulls/.test(w)),
    ).toEqual([]);
    expect(t.github.issues(DRIFT_LABEL)[0]!.body).toContain("No pull request: refused");
    mainSha = moved;
    await removeSelector("summer-campaign", "prod", 4);
  });

  it("undoing the change in Adobe closes the pull request with a comment", async () => {
    await removeSelector("summer-campaign", "prod", 3);
    await removeSelector("summer-campaign", "prod", 2);
    const run = await drift();
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(openPulls(PROD_BRANCH)).toEqual([]);
    const closing = t.github.comments(prodPr).at(-1)!;
    expect(closing.user).toEqual(BOT);
    expect(closing.body).toContain("no longer in Adobe");
  });
});
