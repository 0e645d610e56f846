// The two ways the Action keeps one voice on GitHub: the sticky comment (one per PR and purpose,
// found by its hidden marker) and the tracking issue (one open per label and marker).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOctokitGitHub } from "../../src/github/octokit-github.js";
import type { GitHubPort } from "../../src/github/port.js";
import { findStickyComment, upsertStickyComment } from "../../src/github/sticky-comment.js";
import { closeIssue, openOrUpdateIssue } from "../../src/github/tracking-issue.js";
import { startFakeGitHub, type FakeGitHub } from "../support/fake-github.js";

const MARKER = "<!-- aep-gitops:plan -->";
let fake: FakeGitHub;
let github: GitHubPort;
let pr: number;
beforeEach(async () => {
  fake = await startFakeGitHub();
  github = createOctokitGitHub({ token: fake.token, repo: { owner: fake.owner, repo: fake.repo }, baseUrl: fake.url });
  pr = fake.openPullRequest("change", "a".repeat(40));
});
afterEach(() => fake.close());

describe("the sticky comment", () => {
  it("is created once, then edited in place", async () => {
    const first = await upsertStickyComment(github, pr, MARKER, `${MARKER}\nv1`);
    const second = await upsertStickyComment(github, pr, MARKER, `${MARKER}\nv2`);
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, previousBody: `${MARKER}\nv1` });
    expect(fake.comments(pr).map((c) => c.body)).toEqual([`${MARKER}\nv2`]);
  });

  it("is not re-sent when nothing changed, so a re-run notifies no one", async () => {
    await upsertStickyComment(github, pr, MARKER, `${MARKER}\nsame`);
    await upsertStickyComment(github, pr, MARKER, `${MARKER}\nsame`);
    expect(fake.writes()).toHaveLength(1);
  });

  it("is found by the marker on its first line only: a person quoting the marker is left alone", async () => {
    fake.addComment(pr, `Why does the bot write ${MARKER}?`);
    fake.addComment(pr, "unrelated");
    expect(await findStickyComment(github, pr, MARKER)).toBeUndefined();
    await upsertStickyComment(github, pr, MARKER, `${MARKER}\nplan`);
    expect(fake.comments(pr).map((c) => c.body)).toEqual([
      `Why does the bot write ${MARKER}?`,
      "unrelated",
      `${MARKER}\nplan`,
    ]);
  });

  it("prefers the bot's comment when a person pasted a whole marked comment", async () => {
    fake.addComment(pr, `${MARKER}\ncopied by a person`);
    await github.createComment(pr, `${MARKER}\nthe bot's`);
    expect((await findStickyComment(github, pr, MARKER))!.body).toBe(`${MARKER}\nthe bot's`);
  });

  it("keeps comments of different markers (one per sandbox) apart", async () => {
    await upsertStickyComment(
      github,
      pr,
      "<!-- aep-gitops:plan sandbox=prod -->",
      "<!-- aep-gitops:plan sandbox=prod -->\nprod",
    );
    await upsertStickyComment(
      github,
      pr,
      "<!-- aep-gitops:plan sandbox=dev -->",
      "<!-- aep-gitops:plan sandbox=dev -->\ndev",
    );
    expect(fake.comments(pr)).toHaveLength(2);
  });

  it("refuses a body that does not start with its marker, which could never be found again", async () => {
    await expect(upsertStickyComment(github, pr, MARKER, "no marker")).rejects.toThrow(/must start with the marker/);
  });
});

describe("the tracking issue", () => {
  const key = { label: "aep-drift", marker: "<!-- aep-gitops:drift -->" };
  const body = (text: string) => `${key.marker}\n${text}`;

  it("is opened once, updated while the condition lasts, and closed with a comment", async () => {
    expect((await openOrUpdateIssue(github, key, { title: "drift (1)", body: body("one") })).action).toBe("opened");
    expect((await openOrUpdateIssue(github, key, { title: "drift (1)", body: body("one") })).action).toBe("unchanged");
    expect((await openOrUpdateIssue(github, key, { title: "drift (2)", body: body("two") })).action).toBe("updated");
    const [issue] = fake.issues("aep-drift");
    expect(issue).toMatchObject({ title: "drift (2)", body: body("two"), state: "open" });
    await closeIssue(github, key, "gone");
    expect(fake.issues("aep-drift")[0]).toMatchObject({ state: "closed", stateReason: "completed" });
    expect(fake.comments(issue!.number).map((c) => c.body)).toEqual(["gone"]);
  });

  it("gets a comment when it already exists and a comment is given (a recurrence notifies watchers)", async () => {
    await openOrUpdateIssue(github, key, { title: "t", body: body("b"), comment: "again" });
    await openOrUpdateIssue(github, key, { title: "t", body: body("b"), comment: "again" });
    expect(fake.comments(fake.issues()[0]!.number).map((c) => c.body)).toEqual(["again"]);
  });

  it("opens a new one after the last was closed", async () => {
    await openOrUpdateIssue(github, key, { title: "t", body: body("b") });
    await closeIssue(github, key, "gone");
    await openOrUpdateIssue(github, key, { title: "t", body: body("b") });
    expect(fake.issues("aep-drift").map((i) => i.state)).toEqual(["closed", "open"]);
  });

  it("closing when nothing is open does nothing", async () => {
    expect(await closeIssue(github, key, "gone")).toBeUndefined();
    expect(fake.writes()).toEqual([]);
  });
});
