// A small stateful GitHub REST server on 127.0.0.1:0 with just the endpoints the Action uses: issue
// and PR comments, the pull requests of a commit, issues by label. It records every request, can be
// told to fail (a 500, a secondary rate limit with Retry-After), and enforces what GitHub enforces
// that matters here: the token, and the 65,536-character body limit (422, as GitHub answers).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

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
  /** Pull requests are issues too; these carry their PR facts. */
  pull?: { headSha: string; mergeCommitSha: string | null; mergedAt: string | null };
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

export async function startFakeGitHub(options: { owner?: string; repo?: string; token?: string } = {}) {
  const owner = options.owner ?? "acme";
  const repo = options.repo ?? "aep-config";
  const token = options.token ?? "ghs_fakeToken0123456789";
  const issues = new Map<number, FakeIssue>();
  const comments: FakeComment[] = [];
  const requests: RecordedRequest[] = [];
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
    user: BOT,
    ...(i.pull ? { pull_request: { url: "" } } : {}),
  });
  const commentJson = (c: FakeComment) => ({
    id: c.id,
    body: c.body,
    user: c.user,
    updated_at: c.updatedAt,
    html_url: html(`${issues.get(c.issue)?.pull ? "pull" : "issues"}/${c.issue}#issuecomment-${c.id}`),
  });
  const pullJson = (i: FakeIssue) => ({
    number: i.number,
    state: i.state,
    title: i.title,
    merged_at: i.pull!.mergedAt,
    merge_commit_sha: i.pull!.mergeCommitSha,
    head: { sha: i.pull!.headSha },
    html_url: html(`pull/${i.number}`),
  });

  const tooLong = (body: unknown) => typeof body === "string" && body.length > BODY_LIMIT;

  const handle = (
    method: string,
    path: string,
    query: URLSearchParams,
    body: Record<string, unknown>,
  ): [number, unknown, Record<string, string>?] => {
    const base = `/repos/${owner}/${repo}`;
    if (!path.startsWith(`${base}/`)) return [404, { message: "Not Found" }];
    const rest = path.slice(base.length);
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
          user: BOT,
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
    if ((m = /^\/commits\/([0-9a-f]+)\/pulls$/.exec(rest)) && method === "GET") {
      const sha = m[1];
      return [
        200,
        [...issues.values()]
          .filter((i) => i.pull && (i.pull.mergeCommitSha === sha || i.pull.headSha === sha))
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
    /** A pull request, as opened on GitHub (its number is shared with issues, as on GitHub). */
    openPullRequest(title: string, headSha: string): number {
      const number = nextNumber++;
      issues.set(number, {
        number,
        title,
        body: "",
        state: "open",
        stateReason: null,
        labels: [],
        pull: { headSha, mergeCommitSha: null, mergedAt: null },
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
    /** A comment written by a person (or anyone else) on an issue or PR. */
    addComment(issue: number, body: string, user = { login: "octocat", type: "User" }) {
      comments.push({ id: nextCommentId++, issue, body, user, updatedAt: new Date().toISOString() });
    },
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
