// The GitHubPort over octokit. octokit's Octokit class already carries the retry plugin (5xx and
// network errors, with growing waits) and the throttling plugin (primary and secondary rate limits,
// honouring Retry-After); we bound how often and how long a rate limit may hold a job, and turn every
// failure into an AppError that says which call failed and, for 403/404, which permission is missing.
//
// Writes are serialized but not spaced out: the plugin's defaults (1 s between writes, 3 s between
// comments and issues, in limiters shared by every client of the process) are for bulk writers, and
// one job of the Action makes a handful of writes (a drift PR: tree, commit, ref and PR per sandbox),
// far under GitHub's 80 content-creating requests a minute. Should GitHub still signal a secondary
// rate limit, the plugin waits it out.
import Bottleneck from "bottleneck/light.js";
import { Octokit, RequestError } from "octokit";
import { call } from "./octokit-call.js";
import { octokitGit } from "./octokit-git.js";
import type { Author, GitHubPort, Issue, IssueComment, PullRequestRef, RepoRef } from "./port.js";

export interface OctokitGitHubOptions {
  token: string;
  repo: RepoRef;
  /** GITHUB_API_URL: https://api.github.com, a GHES host's /api/v3, or a test server. */
  baseUrl: string;
  log?: { warn(message: string): void; info(message: string): void };
  /** Rate-limit waits longer than this fail the call instead of holding the job (seconds). */
  maxRateLimitWaitSeconds?: number;
  /** Tests shrink the retry plugin's waits (1 s, 4 s, 9 s by default). */
  retryBaseMs?: number;
}

const RATE_LIMIT_RETRIES = 3;

export function createOctokitGitHub(options: OctokitGitHubOptions): GitHubPort {
  const log = options.log ?? { warn: () => {}, info: () => {} };
  const maxWait = options.maxRateLimitWaitSeconds ?? 300;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const retry = retryCount < RATE_LIMIT_RETRIES && retryAfter <= maxWait;
      log.warn(
        `GitHub ${kind} rate limit on ${request.method} ${request.url}; ${retry ? `retrying in ${retryAfter} s` : "giving up"}.`,
      );
      return retry;
    };
  const octokit = new Octokit({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    userAgent: "aep-gitops-action",
    log: {
      debug: () => {},
      info: (m: string) => log.info(m),
      warn: (m: string) => log.warn(m),
      error: (m: string) => log.warn(m),
    },
    throttle: {
      write: serial(),
      notifications: serial(),
      onRateLimit: onLimit("primary"),
      onSecondaryRateLimit: onLimit("secondary"),
      ...(options.retryBaseMs !== undefined ? { retryAfterBaseValue: options.retryBaseMs } : {}),
    },
    retry: options.retryBaseMs !== undefined ? { retryAfterBaseValue: options.retryBaseMs } : {},
  });
  const { owner, repo } = options.repo;

  return {
    repo: options.repo,
    ...octokitGit(octokit, options.repo),
    authenticatedUser: () =>
      call("read the token's user", "none: a personal access token may always read its user", async () => {
        try {
          const { data } = await octokit.rest.users.getAuthenticated();
          return { login: data.login, type: data.type };
        } catch (error) {
          // An installation token (the workflow's GITHUB_TOKEN, a GitHub App's) has no user to read.
          if (error instanceof RequestError && error.status === 403) return undefined;
          throw error;
        }
      }),
    listComments: (issueNumber) =>
      call("list the comments of #" + issueNumber, "pull-requests: read", async () =>
        (
          await octokit.paginate(octokit.rest.issues.listComments, {
            owner,
            repo,
            issue_number: issueNumber,
            per_page: 100,
          })
        ).map(toComment),
      ),
    createComment: (issueNumber, body) =>
      call(`comment on #${issueNumber}`, "pull-requests: write (issues: write for issues)", async () =>
        toComment((await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body })).data),
      ),
    updateComment: (commentId, body) =>
      call(`update comment ${commentId}`, "pull-requests: write (issues: write for issues)", async () =>
        toComment((await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body })).data),
      ),
    pullRequestsOfCommit: (sha) =>
      call(`find the pull request of commit ${sha}`, "pull-requests: read", async () =>
        (
          await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: sha, per_page: 100 })
        ).data.map(toPullRequest),
      ),
    fileAt: (path, ref) =>
      call(`read ${path} at ${ref.slice(0, 7)}`, "contents: read", async () => {
        try {
          const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref });
          if (Array.isArray(data) || data.type !== "file") return undefined;
          if (!("content" in data) || data.encoding !== "base64")
            throw new Error(`${path} is too large to read through the contents API`);
          return Buffer.from(data.content, "base64").toString("utf8");
        } catch (error) {
          if (error instanceof RequestError && error.status === 404) return undefined;
          throw error;
        }
      }),
    filesIn: (folder, ref) =>
      call(
        `list the files of ${folder === "." ? "the repository's root" : folder} at ${ref.slice(0, 7)}`,
        "contents: read",
        async () => {
          try {
            const { data } = await octokit.rest.repos.getContent({
              owner,
              repo,
              path: folder === "." ? "" : folder,
              ref,
            });
            return Array.isArray(data) ? data.filter((entry) => entry.type === "file").map((entry) => entry.name) : [];
          } catch (error) {
            if (error instanceof RequestError && error.status === 404) return [];
            throw error;
          }
        },
      ),
    movedFrom: (pullNumber, path) =>
      call(`list the files of #${pullNumber}`, "pull-requests: read", async () => {
        const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
          owner,
          repo,
          pull_number: pullNumber,
          per_page: 100,
        });
        return files.find((f) => f.filename === path && f.status === "renamed")?.previous_filename;
      }),
    openIssuesWithLabel: (label) =>
      call(`list open issues labelled ${label}`, "issues: read", async () =>
        (
          await octokit.paginate(octokit.rest.issues.listForRepo, {
            owner,
            repo,
            labels: label,
            state: "open",
            per_page: 100,
          })
        )
          .filter((issue) => !issue.pull_request)
          .map(toIssue),
      ),
    createIssue: (draft) =>
      call(`open an issue labelled ${draft.labels.join(", ")}`, "issues: write", async () =>
        toIssue(
          (
            await octokit.rest.issues.create({
              owner,
              repo,
              title: draft.title,
              body: draft.body,
              labels: draft.labels,
            })
          ).data,
        ),
      ),
    updateIssue: (issueNumber, change) =>
      call(`update issue #${issueNumber}`, "issues: write", async () => {
        const { stateReason, ...rest } = change;
        const response = await octokit.rest.issues.update({
          owner,
          repo,
          issue_number: issueNumber,
          ...rest,
          ...(stateReason ? { state_reason: stateReason } : {}),
        });
        return toIssue(response.data);
      }),
  };
}

/** A limiter of this client's own that runs one request at a time, without a pause between them. */
function serial(): Bottleneck.Group {
  return new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });
}

interface RawUser {
  login: string;
  type: string;
}

function toAuthor(raw: RawUser | null | undefined): Author | null {
  return raw ? { login: raw.login, type: raw.type } : null;
}

function toComment(raw: {
  id: number;
  body?: string | undefined;
  user: RawUser | null;
  html_url: string;
  updated_at?: string;
}): IssueComment {
  return {
    id: raw.id,
    body: raw.body ?? "",
    user: toAuthor(raw.user),
    htmlUrl: raw.html_url,
    ...(raw.updated_at ? { updatedAt: raw.updated_at } : {}),
  };
}

function toPullRequest(raw: {
  number: number;
  state: string;
  merged_at: string | null;
  merge_commit_sha?: string | null;
  head: { sha: string; repo?: { full_name: string } | null };
  base: { repo: { full_name: string } };
  html_url: string;
}): PullRequestRef {
  return {
    number: raw.number,
    state: raw.state,
    mergedAt: raw.merged_at,
    mergeCommitSha: raw.merge_commit_sha ?? null,
    headSha: raw.head.sha,
    headRepo: raw.head.repo?.full_name ?? null,
    baseRepo: raw.base.repo.full_name,
    htmlUrl: raw.html_url,
  };
}

function toIssue(raw: {
  number: number;
  title: string;
  body?: string | null;
  state: string;
  labels: (string | { name?: string })[];
  html_url: string;
  user?: RawUser | null;
}): Issue {
  return {
    number: raw.number,
    title: raw.title,
    body: raw.body ?? "",
    state: raw.state,
    labels: raw.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))),
    htmlUrl: raw.html_url,
    user: toAuthor(raw.user),
  };
}
