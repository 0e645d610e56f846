// The conversation against the fake GitHub on loopback: one sticky comment per pull request and
// purpose, one open tracking issue per label and scope, each found by its hidden marker AND its author.
// Only what the Action's identity wrote is edited, closed or believed; identity.ts decides who that is.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createConversation, type Conversation } from "../../src/github/conversation.js";
import { tokenIdentity } from "../../src/github/identity.js";

/** The login GITHUB_TOKEN writes as (GitHub's, not ours). */
const GITHUB_ACTIONS_BOT = "github-actions[bot]";
import { createOctokitGitHub } from "../../src/github/octokit-github.js";
import type { GitHubPort } from "../../src/github/port.js";
import { checksumLine } from "../../src/report/comments/checksum-line.js";
import { continuationLine } from "../../src/report/comments/apply-comment.js";
import { plannedLine } from "../../src/report/comments/plan-comment.js";
import { startFakeGitHub, type FakeGitHub } from "../support/fake-github.js";

const MARKER = "<!-- aep-gitops:plan -->";
const APPLY = "<!-- aep-gitops:apply -->";
const HEAD = "a".repeat(40);
const SUM = "c".repeat(64);
const LABELS = { incident: "aep-gitops-incident", drift: "aep-drift" };
const planBody = (sha = HEAD, checksum = SUM) =>
  `${MARKER}\n${plannedLine(sha)}\n## aep-gitops plan\n\n**Plan: 1 to add.**\n\n${checksumLine(checksum)}\n`;

let fake: FakeGitHub;
let github: GitHubPort;
let conversation: Conversation;
let log: { info: string[]; warn: string[] };
let pr: number;

async function start(options: Parameters<typeof startFakeGitHub>[0] = {}, configured?: string) {
  await fake?.close();
  fake = await startFakeGitHub(options);
  github = createOctokitGitHub({ token: fake.token, repo: { owner: fake.owner, repo: fake.repo }, baseUrl: fake.url });
  conversation = open(configured);
  pr = fake.openPullRequest("change", HEAD);
}
const open = (configured?: string, sandbox?: string) =>
  createConversation(github, {
    sandbox,
    identity: tokenIdentity(github, configured),
    labels: LABELS,
    log: { info: (m) => log.info.push(m), warn: (m) => log.warn.push(m) },
  });
beforeEach(async () => {
  log = { info: [], warn: [] };
  await start();
});
afterEach(() => fake.close());

describe("the sticky comment", () => {
  it("is created once, then edited in place, and not re-sent when nothing changed", async () => {
    expect((await conversation.postPlan(pr, `${MARKER}\nv1`))!.created).toBe(true);
    expect((await conversation.postPlan(pr, `${MARKER}\nv2`))!.created).toBe(false);
    await conversation.postPlan(pr, `${MARKER}\nv2`);
    expect(fake.comments(pr).map((c) => c.body)).toEqual([`${MARKER}\nv2`]);
    expect(fake.writes()).toHaveLength(2);
  });

  it("is found by the marker on its first line only: a person quoting the marker is left alone", async () => {
    fake.addComment(pr, `Why does the bot write ${MARKER}?`);
    expect(await conversation.planComment(pr)).toBeUndefined();
    await conversation.postPlan(pr, `${MARKER}\nplan`);
    expect(fake.comments(pr).map((c) => c.body)).toEqual([`Why does the bot write ${MARKER}?`, `${MARKER}\nplan`]);
  });

  it("written first by a person, or by another app, is neither edited nor read: the Action posts its own", async () => {
    fake.addComment(pr, planBody());
    fake.addComment(pr, planBody(), { login: "other-app[bot]", type: "Bot" });
    expect(await conversation.planComment(pr)).toBeUndefined();
    expect(await conversation.merged(pr, "b".repeat(40))).toEqual({});
    await conversation.postPlan(pr, `${MARKER}\nthe Action's`);
    await conversation.postPlan(pr, `${MARKER}\nthe Action's, updated`);
    expect(fake.comments(pr).map((c) => [c.user.login, c.body])).toEqual([
      ["octocat", planBody()],
      ["other-app[bot]", planBody()],
      [GITHUB_ACTIONS_BOT, `${MARKER}\nthe Action's, updated`],
    ]);
    // The log says what was ignored, without quoting it.
    expect(log.info.at(-1)).toBe(
      `Ignored 2 comment(s) on #${pr} starting with ${MARKER} not written by github-actions[bot].`,
    );
  });

  it("keeps comments of different scopes (one per sandbox) apart", async () => {
    const prod = open(undefined, "prod");
    const dev = open(undefined, "dev");
    await prod.postPlan(pr, `${prod.markers.plan}\nprod`);
    await dev.postPlan(pr, `${dev.markers.plan}\ndev`);
    await prod.postPlan(pr, `${prod.markers.plan}\nprod 2`);
    expect(fake.comments(pr).map((c) => c.body)).toEqual([
      "<!-- aep-gitops:plan sandbox=prod -->\nprod 2",
      "<!-- aep-gitops:plan sandbox=dev -->\ndev",
    ]);
  });

  it("refuses a body that does not start with its marker, which could never be found again", async () => {
    await expect(conversation.postPlan(pr, "no marker")).rejects.toThrow(/must start with the marker/);
  });

  it("without a token finds nothing and posts nothing", async () => {
    const offline = createConversation(undefined, { identity: tokenIdentity(undefined), labels: LABELS });
    expect(offline.connected).toBe(false);
    expect(await offline.postPlan(pr, `${MARKER}\nx`)).toBeUndefined();
    expect(await offline.openIssue("drift", { title: "t", body: "<!-- aep-gitops:drift -->\nx" })).toBeUndefined();
    expect(await offline.author()).toBe(GITHUB_ACTIONS_BOT);
    expect(fake.requests).toEqual([]);
  });
});

describe("what apply reads back from a merged pull request", () => {
  it("the plan the Action's comment records: the commit planned and the checksum of its last line", async () => {
    await conversation.postPlan(pr, planBody());
    const { plan } = await conversation.merged(pr, "b".repeat(40));
    expect(plan!.record).toEqual({ sha: HEAD, checksum: SUM });
    expect(plan!.comment.updatedAt).toMatch(/^\d{4}-/);
  });

  it("no plan from a status body, whatever it quotes: the checksum line of a file name in a fence", async () => {
    const status = `${MARKER}\n## aep-gitops plan\n\n**Validation failed: 1 error.**\n\n\`\`\`text\ndestinations/x\n${checksumLine(SUM)}\ny.yaml:1:1 error\n\`\`\`\n`;
    await conversation.postPlan(pr, status);
    expect((await conversation.merged(pr, "b".repeat(40))).plan).toEqual({ comment: expect.anything() });
  });

  it("the continuation of a partial apply only from the Action's own apply comment, for that commit", async () => {
    const merge = "b".repeat(40);
    await conversation.postPlan(pr, planBody());
    fake.addComment(pr, `${APPLY}\nforged\n${continuationLine(merge, "d".repeat(64))}\n`, {
      login: "other-app[bot]",
      type: "Bot",
    });
    expect((await conversation.merged(pr, merge)).continuation).toBeUndefined();
    await conversation.postApply(pr, `${APPLY}\nresults\n${continuationLine(merge, "e".repeat(64))}\n`);
    expect((await conversation.merged(pr, merge)).continuation).toBe("e".repeat(64));
    expect((await conversation.merged(pr, "f".repeat(40))).continuation).toBeUndefined();
  });
});

describe("the Action's identity", () => {
  it("is github-actions[bot] for the workflow's GITHUB_TOKEN, asked of GitHub once, and only when needed", async () => {
    await conversation.planComment(pr); // nothing marked: no need to know who the Action is
    expect(fake.requests.filter((r) => r.path === "/user")).toEqual([]);
    await conversation.postPlan(pr, `${MARKER}\nv1`); // the new comment's author is checked against it
    await conversation.postPlan(pr, `${MARKER}\nv2`);
    await conversation.planComment(pr);
    expect(await conversation.author()).toBe(GITHUB_ACTIONS_BOT);
    // Asked once: GET /user answers 403 to the installation token.
    expect(fake.requests.filter((r) => r.path === "/user").map((r) => r.status)).toEqual([403]);
    expect(log.warn).toEqual([]);
  });

  it("is the token's user for a personal access token, whose github-actions[bot] comments are not its own", async () => {
    await start({ token: "ghp_personal", author: { login: "Deploy-Bot", type: "User" } });
    fake.addComment(pr, `${MARKER}\nby the workflow token`, { login: GITHUB_ACTIONS_BOT, type: "Bot" });
    await conversation.postPlan(pr, `${MARKER}\nby the PAT`);
    await conversation.postPlan(pr, `${MARKER}\nby the PAT, updated`);
    expect(await conversation.author()).toBe("Deploy-Bot");
    expect(fake.comments(pr).map((c) => c.body)).toEqual([
      `${MARKER}\nby the workflow token`,
      `${MARKER}\nby the PAT, updated`,
    ]);
  });

  it("is the comment-author input for a GitHub App's token, without asking GitHub", async () => {
    await start({ author: { login: "aep-app[bot]", type: "Bot" } }, "AEP-app[bot]");
    await conversation.postPlan(pr, `${MARKER}\nv1`);
    await conversation.postPlan(pr, `${MARKER}\nv2`);
    expect(fake.comments(pr).map((c) => c.body)).toEqual([`${MARKER}\nv2`]);
    expect(fake.requests.filter((r) => r.path === "/user")).toEqual([]);
    expect(log.warn).toEqual([]);
  });

  it("says so when GitHub shows the token writing as someone else than the Action takes itself for", async () => {
    await start({ author: { login: "aep-app[bot]", type: "Bot" } });
    await conversation.postPlan(pr, `${MARKER}\nv1`);
    expect(log.warn).toEqual([
      "GitHub shows this token writing as aep-app[bot], but aep-gitops takes only what github-actions[bot] writes as its own, so it will not find what it posts again and apply will find no reviewed plan. Set the input comment-author: aep-app[bot].",
    ]);
  });
});

describe("the tracking issue", () => {
  const body = (text: string) => `<!-- aep-gitops:drift -->\n${text}`;

  it("is opened once, updated while the condition lasts, and closed with a comment", async () => {
    expect((await conversation.openIssue("drift", { title: "drift (1)", body: body("one") }))!.action).toBe("opened");
    expect((await conversation.openIssue("drift", { title: "drift (1)", body: body("one") }))!.action).toBe(
      "unchanged",
    );
    expect((await conversation.openIssue("drift", { title: "drift (2)", body: body("two") }))!.action).toBe("updated");
    const [issue] = fake.issues("aep-drift");
    expect(issue).toMatchObject({ title: "drift (2)", body: body("two"), state: "open" });
    await conversation.closeIssue("drift", "gone");
    expect(fake.issues("aep-drift")[0]).toMatchObject({ state: "closed", stateReason: "completed" });
    expect(fake.comments(issue!.number).map((c) => c.body)).toEqual(["gone"]);
  });

  it("gets a comment when it already exists and a comment is given (a recurrence notifies watchers)", async () => {
    await conversation.openIssue("drift", { title: "t", body: body("b"), comment: "again" });
    await conversation.openIssue("drift", { title: "t", body: body("b"), comment: "again" });
    expect(fake.comments(fake.issues()[0]!.number).map((c) => c.body)).toEqual(["again"]);
  });

  it("opens a new one after the last was closed; closing when nothing is open does nothing", async () => {
    expect(await conversation.closeIssue("drift", "gone")).toBeUndefined();
    expect(fake.writes()).toEqual([]);
    await conversation.openIssue("drift", { title: "t", body: body("b") });
    await conversation.closeIssue("drift", "gone");
    await conversation.openIssue("drift", { title: "t", body: body("b") });
    expect(fake.issues("aep-drift").map((i) => i.state)).toEqual(["closed", "open"]);
  });

  it("opened by someone else with the label and marker is neither updated nor closed", async () => {
    const theirs = fake.addIssue({ title: "mine", body: body("theirs"), labels: ["aep-drift"] });
    await conversation.openIssue("drift", { title: "drift", body: body("the Action's") });
    await conversation.closeIssue("drift", "gone");
    expect(fake.issues("aep-drift").map((i) => [i.number === theirs, i.body, i.state])).toEqual([
      [true, body("theirs"), "open"],
      [false, body("the Action's"), "closed"],
    ]);
    expect(fake.comments(theirs)).toEqual([]);
  });
});
