// A small stateful GitHub REST server on 127.0.0.1:0 with just the endpoints the Action uses: issue
// and PR comments, the pull requests of a commit, issues by label, the token's user, a file at a commit
// and the renames of a pull request; branches and commits (fake-git.ts) and pull requests opened,
// listed, edited and closed through the API, as the drift job's pull request needs. It records every request, can be told to fail (a 500, a
// secondary rate limit with Retry-After), and enforces what GitHub enforces that matters here: the
// token, the 65,536-character body limit (422, as GitHub answers), and who a token writes as: the
// workflow's GITHUB_TOKEN (an installation token) writes as github-actions[bot] and may not read
// GET /user (403), a personal access token writes as its user.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createGitStore } from "./fake-git.js";

export const BOT = { login: "github-actions[bot]", type: "Bot" };
const BODY_LIMIT = 65_536;

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: { login: string; type: string };
  updatedAt: string;
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  stateReason: string | null;
  labels: string[];
  /** Who opened it: the token's author for issues made through the API. */
  user: { login: string; type: string };
  /** Pull requests are issues too; these carry their PR facts (headRepo null: a deleted fork). */
  pull?: {
    headSha: string;
    mergeCommitSha: string | null;
    mergedAt: string | null;
    headRepo: string | null;
    /** The head branch: a pull request opened through the API follows its branch's head commit. */
    headRef?: string;
    /** The paths it touches, for GET /pulls/{n}/files. */
    files?: string[];
  };
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
}

export interface Fault {
  method?: string;
  /** Matched against the path (no query). */
  path?: RegExp;
  status: number;
  headers?: Record<string, string>;
  message?: string;
  /** How many matching requests fail (default 1). */
  times?: number;
}

export type FakeGitHub = Awaited<ReturnType<typeof startFakeGitHub>>;

export async function startFakeGitHub(
  options: {
    owner?: string;
    repo?: string;
    token?: string;
    /** Who the token writes as: a Bot (an installation token: GITHUB_TOKEN, an app's) or a User (a PAT). */
    author?: { login: string; type: string };
  } = {},
) {
  const owner = options.owner ?? "acme";
  const repo = options.repo ?? "aep-config";
  const token = options.token ?? "ghs_fakeToken0123456789";
  const author = options.author ?? BOT;
  const issues = new Map<number, FakeIssue>();
  const comments: FakeComment[] = [];
  /** Files by `<commit>:<path>`, for the contents API; and the renames of each pull request. */
  const files = new Map<string, string>();
  const renames = new Map<number, { from: string; to: string }[]>();
  const requests: RecordedRequest[] = [];
  const git = createGitStore("main");
  const faults: (Fault & { left: number })[] = [];
  let nextNumber = 1;
  let nextCommentId = 1001;
  const html = (suffix: string) => `https://github.com/${owner}/${repo}/${suffix}`;

  const issueJson = (i: FakeIssue) => ({
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state,
    state_reason: i.stateReason,
    labels: i.labels.map((name) => ({ name })),
    html_url: html(`${i.pull ? "pull" : "issues"}/${i.number}`),
    user: i.user,
    ...(i.pull ? { pull_request: { url: "" } } : {}),
  });
  const commentJson = (c: FakeComment) => ({
    id: c.id,
    body: c.body,
    user: c.user,
    updated_at: c.updatedAt,
    html_url: html(`${issues.get(c.issue)?.pull ? "pull" : "issues"}/${c.issue}#issuecomment-${c.id}`),
  });
  const headSha = (i: FakeIssue) => (i.pull!.headRef && git.branchHead(i.pull!.headRef)) || i.pull!.headSha;
  const pullJson = (i: FakeIssue) => ({
    number: i.number,
    state: i.state,
    title: i.title,
    body: i.body,
    user: i.user,
    merged_at: i.pull!.mergedAt,
    merge_commit_sha: i.pull!.mergeCommitSha,
    head: {
      ref: i.pull!.headRef ?? `feature-${i.number}`,
      sha: headSha(i),
      repo: i.pull!.headRepo ? { full_name: i.pull!.headRepo } : null,
    },
    base: { repo: { full_name: `${owner}/${repo}` } },
    html_url: html(`pull/${i.number}`),
  });

  const tooLong = (body: unknown) => typeof body === "string" && body.length > BODY_LIMIT;

  const handle = (
    method: string,
    path: string,
    query: URLSearchParams,
    body: Record<string, unknown>,
  ): [number, unknown, Record<string, string>?] => {
    if (path === "/user" && method === "GET")
      // GitHub refuses GET /user to an installation token; a PAT reads its own user.
      return author.type === "Bot"
        ? [403, { message: "Resource not accessible by integration" }]
        : [200, { login: author.login, id: 583231, type: author.type }];
    const base = `/repos/${owner}/${repo}`;
    if (path !== base && !path.startsWith(`${base}/`)) return [404, { message: "Not Found" }];
    const rest = path.slice(base.length);
    const gitAnswer = git.handle(method, rest, body);
    if (gitAnswer) return gitAnswer;
    let m: RegExpExecArray | null;
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const issue = issues.get(Number(m[1]));
      if (!issue) return [404, { message: "Not Found" }];
      if (method === "GET") {
        const all = comments.filter((c) => c.issue === issue.number);
        const perPage = Number(query.get("per_page") ?? 30);
        const page = Number(query.get("page") ?? 1);
        const slice = all.slice((page - 1) * perPage, page * perPage);
        const headers: Record<string, string> = {};
        if (page * perPage < all.length)
          headers.link = `<http://${address()}${path}?per_page=${perPage}&page=${page + 1}>; rel="next"`;
        return [200, slice.map(commentJson), headers];
      }
      if (method === "POST") {
        if (tooLong(body.body))
          return [
            422,
            {
              message: "Validation Failed",
              errors: [
                {
                  resource: "IssueComment",
                  code: "custom",
                  field: "body",
                  message: "body is too long (maximum is 65536 characters)",
                },
              ],
            },
          ];
        const comment = {
          id: nextCommentId++,
          issue: issue.number,
          body: String(body.body),
          user: author,
          updatedAt: new Date().toISOString(),
        };
        comments.push(comment);
        return [201, commentJson(comment)];
      }
    }
    if ((m = /^\/issues\/comments\/(\d+)$/.exec(rest)) && method === "PATCH") {
      const comment = comments.find((c) => c.id === Number(m![1]));
      if (!comment) return [404, { message: "Not Found" }];
      if (tooLong(body.body)) return [422, { message: "Validation Failed" }];
      comment.body = String(body.body);
      comment.updatedAt = new Date().toISOString();
      return [200, commentJson(comment)];
    }
    if ((m = /^\/contents(?:\/(.*))?$/.exec(rest)) && method === "GET") {
      const file = decodeURIComponent(m[1] ?? "").replace(/\/+$/, "");
      const ref = query.get("ref") ?? "";
      const text = files.get(`${ref}:${file}`);
      if (text !== undefined) {
        const content = Buffer.from(text).toString("base64");
        const name = file.split("/").at(-1);
        return [200, { type: "file", encoding: "base64", size: text.length, name, path: file, content }];
      }
      // A folder: the files directly in it.
      const prefix = `${ref}:${file ? `${file}/` : ""}`;
      const names = [...files.keys()]
        .filter((key) => key.startsWith(prefix) && !key.slice(prefix.length).includes("/"))
        .map((key) => key.slice(prefix.length));
      if (names.length === 0) return [404, { message: "Not Found" }];
      return [200, names.map((name) => ({ type: "file", name, path: file ? `${file}/${name}` : name }))];
    }
    if ((m = /^\/pulls\/(\d+)\/files$/.exec(rest)) && method === "GET") {
      const moves = renames.get(Number(m[1])) ?? [];
      const touched = issues.get(Number(m[1]))?.pull?.files ?? [];
      return [
        200,
        [
          ...moves.map((r) => ({ filename: r.to, previous_filename: r.from, status: "renamed" })),
          ...touched.map((filename) => ({ filename, status: "modified" })),
        ],
      ];
    }
    if (rest === "/pulls" && method === "GET") {
      const state = query.get("state") ?? "open";
      const head = query.get("head");
      const list = [...issues.values()].filter(
        (i) =>
          i.pull &&
          (state === "all" || i.state === state) &&
          (!head || `${owner}:${i.pull.headRef ?? `feature-${i.number}`}` === head),
      );
      return [200, list.map(pullJson)];
    }
    if (rest === "/pulls" && method === "POST") {
      const headRef = String(body.head);
      if (!git.branchHead(headRef)) return [422, { message: "Validation Failed: head does not exist" }];
      if (tooLong(body.body)) return [422, { message: "Validation Failed" }];
      const open = [...issues.values()].find((i) => i.state === "open" && i.pull?.headRef === headRef);
      if (open) return [422, { message: `Validation Failed: a pull request already exists for ${owner}:${headRef}.` }];
      const number = nextNumber++;
      const pull: FakeIssue = {
        number,
        title: String(body.title),
        body: String(body.body ?? ""),
        state: "open",
        stateReason: null,
        labels: [],
        user: author,
        pull: { headSha: "", mergeCommitSha: null, mergedAt: null, headRepo: `${owner}/${repo}`, headRef },
      };
      issues.set(number, pull);
      return [201, pullJson(pull)];
    }
    if ((m = /^\/pulls\/(\d+)$/.exec(rest)) && method === "PATCH") {
      const pull = issues.get(Number(m[1]));
      if (!pull?.pull) return [404, { message: "Not Found" }];
      if (tooLong(body.body)) return [422, { message: "Validation Failed" }];
      if (typeof body.title === "string") pull.title = body.title;
      if (typeof body.body === "string") pull.body = body.body;
      if (body.state === "open" || body.state === "closed") pull.state = body.state;
      return [200, pullJson(pull)];
    }
    if ((m = /^\/commits\/([0-9a-f]+)\/pulls$/.exec(rest)) && method === "GET") {
      const sha = m[1];
      return [
        200,
        [...issues.values()]
          .filter((i) => i.pull && (i.pull.mergeCommitSha === sha || headSha(i) === sha))
          .map(pullJson),
      ];
    }
    if (rest === "/issues" && method === "GET") {
      const labels = (query.get("labels") ?? "").split(",").filter(Boolean);
      const state = query.get("state") ?? "open";
      const list = [...issues.values()].filter(
        (i) => (state === "all" || i.state === state) && labels.every((l) => i.labels.includes(l)),
      );
      return [200, list.map(issueJson)];
    }
    if (rest === "/issues" && method === "POST") {
      if (tooLong(body.body)) return [422, { message: "Validation Failed" }];
      const issue: FakeIssue = {
        number: nextNumber++,
        title: String(body.title),
        body: String(body.body ?? ""),
        state: "open",
        stateReason: null,
        labels: (body.labels as string[]) ?? [],
        user: author,
      };
      issues.set(issue.number, issue);
      return [201, issueJson(issue)];
    }
    if ((m = /^\/issues\/(\d+)$/.exec(rest)) && method === "PATCH") {
      const issue = issues.get(Number(m[1]));
      if (!issue) return [404, { message: "Not Found" }];
      if (tooLong(body.body)) return [422, { message: "Validation Failed" }];
      if (typeof body.title === "string") issue.title = body.title;
      if (typeof body.body === "string") issue.body = body.body;
      if (body.state === "open" || body.state === "closed") issue.state = body.state;
      if (typeof body.state_reason === "string") issue.stateReason = body.state_reason;
      return [200, issueJson(issue)];
    }
    return [404, { message: `Not Found (the fake GitHub does not implement ${method} ${rest})` }];
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const method = req.method ?? "GET";
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        requests.push({
          method,
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          body: raw ? body : undefined,
          status,
        });
        res.writeHead(status, {
          "content-type": "application/json; charset=utf-8",
          "x-ratelimit-remaining": "4999",
          ...headers,
        });
        res.end(JSON.stringify(payload));
      };
      const auth = req.headers.authorization ?? "";
      if (auth !== `token ${token}` && auth !== `Bearer ${token}`) return send(401, { message: "Bad credentials" });
      const fault = faults.find(
        (f) => f.left > 0 && (!f.method || f.method === method) && (!f.path || f.path.test(url.pathname)),
      );
      if (fault) {
        fault.left--;
        return send(fault.status, { message: fault.message ?? "Server Error" }, fault.headers);
      }
      const [status, payload, headers] = handle(method, url.pathname, url.searchParams, body);
      send(status, payload, headers);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = () => {
    const a = server.address() as AddressInfo;
    return `127.0.0.1:${a.port}`;
  };

  return {
    owner,
    repo,
    token,
    url: `http://${address()}`,
    requests,
    /**
     * A pull request, as opened on GitHub (its number is shared with issues, as on GitHub); `fork` is
     * the head repository's full name when it is not this one (null: the fork was deleted).
     */
    openPullRequest(
      title: string,
      headSha: string,
      opts: { fork?: string | null; headRef?: string; files?: string[]; user?: { login: string; type: string } } = {},
    ): number {
      const number = nextNumber++;
      issues.set(number, {
        number,
        title,
        body: "",
        state: "open",
        stateReason: null,
        labels: [],
        user: opts.user ?? { login: "alice", type: "User" },
        pull: {
          headSha,
          mergeCommitSha: null,
          mergedAt: null,
          headRepo: opts.fork === undefined ? `${owner}/${repo}` : opts.fork,
          ...(opts.headRef ? { headRef: opts.headRef } : {}),
          ...(opts.files ? { files: opts.files } : {}),
        },
      });
      return number;
    },
    pushToPullRequest(number: number, headSha: string) {
      issues.get(number)!.pull!.headSha = headSha;
    },
    mergePullRequest(number: number, mergeCommitSha: string) {
      const issue = issues.get(number)!;
      issue.state = "closed";
      issue.pull = { ...issue.pull!, mergeCommitSha, mergedAt: "2025-06-02T10:00:00Z" };
    },
    /** A file as a commit holds it (what the contents API returns for `?ref=<commit>`). */
    commitFile(commit: string, path: string, text: string) {
      files.set(`${commit}:${path}`, text);
    },
    /** A pull request moves a file: its list of files shows the rename. */
    renameInPullRequest(number: number, from: string, to: string) {
      renames.set(number, [...(renames.get(number) ?? []), { from, to }]);
    },
    /** A comment written by a person (or anyone else) on an issue or PR. */
    addComment(issue: number, body: string, user = { login: "octocat", type: "User" }) {
      comments.push({ id: nextCommentId++, issue, body, user, updatedAt: new Date().toISOString() });
    },
    /** An issue opened by a person (or anyone else), e.g. one carrying the Action's label and marker. */
    addIssue(draft: { title: string; body: string; labels: string[] }, user = { login: "octocat", type: "User" }) {
      const number = nextNumber++;
      issues.set(number, { number, ...draft, state: "open", stateReason: null, user });
      return number;
    },
    /** Branches and commits: push a commit as a person, read the files a branch holds. */
    git,
    /** Pull requests (opened by people or through the API), as issues carrying their PR facts. */
    pulls: () => [...issues.values()].filter((i) => i.pull).map((i) => ({ ...i, headSha: headSha(i) })),
    comments: (issue: number) => comments.filter((c) => c.issue === issue),
    issues: (label?: string) => [...issues.values()].filter((i) => !i.pull && (!label || i.labels.includes(label))),
    fault(fault: Fault) {
      faults.push({ ...fault, left: fault.times ?? 1 });
    },
    /** Requests that changed something, as `METHOD path`. */
    writes: () => requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path} ${r.status}`),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
