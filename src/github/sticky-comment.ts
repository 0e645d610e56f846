// One comment per pull request and purpose, found by a hidden marker (an HTML comment on its first
// line) and edited in place on every run, so a PR shows the current plan once instead of a trail of
// stale ones (Atlantis #55). If several carry the marker (someone quoted it), the oldest one written
// by a bot is ours.
import type { GitHubPort, IssueComment } from "./port.js";

export async function findStickyComment(
  github: GitHubPort,
  issueNumber: number,
  marker: string,
): Promise<IssueComment | undefined> {
  const marked = (await github.listComments(issueNumber)).filter((c) => c.body.split("\n", 1)[0]?.trim() === marker);
  return marked.find((c) => c.user?.type === "Bot") ?? marked[0];
}

export interface StickyResult {
  comment: IssueComment;
  created: boolean;
  /** The body it replaced, when it existed: what the previous run said. */
  previousBody?: string;
}

/**
 * Creates the marked comment or replaces its body; the marker must be the body's first line.
 * `existing` is what the caller already looked up (null: looked up, there is none), saving a listing.
 */
export async function upsertStickyComment(
  github: GitHubPort,
  issueNumber: number,
  marker: string,
  body: string,
  existing?: IssueComment | null,
): Promise<StickyResult> {
  if (body.split("\n", 1)[0]?.trim() !== marker)
    throw new Error(`upsertStickyComment: the body must start with the marker ${marker}`);
  const found = existing === undefined ? await findStickyComment(github, issueNumber, marker) : existing;
  if (!found) return { comment: await github.createComment(issueNumber, body), created: true };
  // An identical body is not re-sent: a re-run then writes nothing and notifies no one.
  if (found.body === body) return { comment: found, created: false, previousBody: found.body };
  return { comment: await github.updateComment(found.id, body), created: false, previousBody: found.body };
}
