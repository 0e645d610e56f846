// The octokit GitHubPort against the fake GitHub on loopback: real HTTP, real retry and throttling
// plugins, injected faults. Waits are shrunk (retryBaseMs) so the suite stays fast.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../src/errors.js";
import { createOctokitGitHub } from "../../src/github/octokit-github.js";
import type { GitHubPort } from "../../src/github/port.js";
import { startFakeGitHub, type FakeGitHub } from "../support/fake-github.js";

let fake: FakeGitHub;
let github: GitHubPort;
let warnings: string[];
beforeEach(async () => {
  fake = await startFakeGitHub();
  warnings = [];
  github = createOctokitGitHub({
    token: fake.token,
    repo: { owner: fake.owner, repo: fake.repo },
    baseUrl: fake.url,
    retryBaseMs: 5,
    log: { warn: (m) => warnings.push(m), info: () => {} },
  });
});
afterEach(() => fake.close());

describe("reading and writing", () => {
  it("reads every page of a long comment thread", async () => {
    const pr = fake.openPullRequest("busy", "a".repeat(40));
    for (let i = 0; i < 230; i++) fake.addComment(pr, `comment ${i}`);
    const comments = await github.listComments(pr);
    expect(comments).toHaveLength(230);
    expect(comments.at(-1)!.body).toBe("comment 229");
    expect(fake.requests.filter((r) => r.path.endsWith("/comments"))).toHaveLength(3);
  });

  it("finds the merged pull request of a merge commit", async () => {
    const pr = fake.openPullRequest("feature", "a".repeat(40));
    fake.mergePullRequest(pr, "b".repeat(40));
    expect(await github.pullRequestsOfCommit("b".repeat(40))).toEqual([
      {
        number: pr,
        state: "closed",
        mergedAt: "2025-06-02T10:00:00Z",
        mergeCommitSha: "b".repeat(40),
        headSha: "a".repeat(40),
        headRepo: "acme/aep-config",
        baseRepo: "acme/aep-config",
        htmlUrl: `https://github.com/acme/aep-config/pull/${pr}`,
      },
    ]);
  });

  it("says where a pull request's head comes from: a fork, or a fork since deleted (null)", async () => {
    const fork = fake.openPullRequest("from a fork", "a".repeat(40), { fork: "mallory/aep-config" });
    const gone = fake.openPullRequest("from a deleted fork", "a".repeat(40), { fork: null });
    const prs = await github.pullRequestsOfCommit("a".repeat(40));
    expect(prs.map((p) => [p.number, p.headRepo, p.baseRepo])).toEqual([
      [fork, "mallory/aep-config", "acme/aep-config"],
      [gone, null, "acme/aep-config"],
    ]);
  });

  it("reads the token's user, and none for an installation token, which GitHub refuses GET /user", async () => {
    expect(await github.authenticatedUser()).toBeUndefined();
    expect(fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(["GET /user 403"]);
    const pat = await startFakeGitHub({ token: "ghp_personal", author: { login: "deploy-bot", type: "User" } });
    try {
      const asUser = createOctokitGitHub({
        token: pat.token,
        repo: { owner: pat.owner, repo: pat.repo },
        baseUrl: pat.url,
      });
      expect(await asUser.authenticatedUser()).toEqual({ login: "deploy-bot", type: "User" });
    } finally {
      await pat.close();
    }
  });

  it("lists open issues by label without the pull requests GitHub's issues API also returns", async () => {
    await github.createIssue({ title: "drift", body: "x", labels: ["aep-drift"] });
    fake.openPullRequest("a PR", "c".repeat(40));
    const issues = await github.openIssuesWithLabel("aep-drift");
    expect(issues.map((i) => i.title)).toEqual(["drift"]);
  });
});

describe("failures", () => {
  it("retries a 500 and succeeds", async () => {
    const pr = fake.openPullRequest("x", "a".repeat(40));
    fake.fault({ method: "POST", path: /comments$/, status: 500 });
    await github.createComment(pr, "hello");
    expect(fake.comments(pr).map((c) => c.body)).toEqual(["hello"]);
    expect(fake.requests.filter((r) => r.method === "POST").map((r) => r.status)).toEqual([500, 201]);
  });

  it("waits out a secondary rate limit (403 with Retry-After) and succeeds", async () => {
    fake.fault({
      method: "GET",
      path: /\/issues$/,
      status: 403,
      headers: { "retry-after": "1" },
      message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
    });
    expect(await github.openIssuesWithLabel("aep-drift")).toEqual([]);
    expect(fake.requests.map((r) => r.status)).toEqual([403, 200]);
    expect(warnings.join("\n")).toMatch(/secondary rate limit.*retrying/);
  });

  it("gives up after a bounded number of retries with an error naming the call", async () => {
    fake.fault({ status: 502, times: 100 });
    const error = await github.openIssuesWithLabel("aep-drift").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/^GitHub API: could not list open issues labelled aep-drift: 502/);
    expect(fake.requests.length).toBe(4);
  });

  it("does not retry a refusal, and says which permission the call needs", async () => {
    const pr = fake.openPullRequest("fork PR", "a".repeat(40));
    fake.fault({ method: "POST", status: 403, message: "Resource not accessible by integration" });
    const error = (await github.createComment(pr, "x").catch((e: unknown) => e)) as AppError;
    expect(error.message).toContain("403 Resource not accessible by integration");
    expect(error.hint).toContain("pull-requests: write");
    expect(fake.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("is refused like GitHub refuses a comment over 65,536 characters", async () => {
    const pr = fake.openPullRequest("x", "a".repeat(40));
    const error = (await github.createComment(pr, "x".repeat(65_537)).catch((e: unknown) => e)) as AppError;
    expect(error.message).toMatch(/422/);
    await expect(github.createComment(pr, "x".repeat(65_536))).resolves.toBeDefined();
  });

  it("serializes writes without spacing them out: a run's few writes take no seconds of waiting", async () => {
    const pr = fake.openPullRequest("x", "a".repeat(40));
    const started = Date.now();
    for (let i = 0; i < 4; i++) await github.createComment(pr, `comment ${i}`);
    await github.createIssue({ title: "t", body: "b", labels: ["l"] });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("reports a wrong token as a refusal, without retrying", async () => {
    const wrong = createOctokitGitHub({
      token: "nope",
      repo: { owner: fake.owner, repo: fake.repo },
      baseUrl: fake.url,
      retryBaseMs: 5,
    });
    await expect(wrong.openIssuesWithLabel("x")).rejects.toThrow(/401 Bad credentials/);
    expect(fake.requests).toHaveLength(1);
  });
});
