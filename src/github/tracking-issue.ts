// One open issue per purpose and scope (drift of a sandbox, a failed apply), found by its label and a
// hidden marker line: opened when the condition starts, its body kept current while it lasts, closed
// with a comment when it ends. Scheduled jobs then never pile up duplicate issues.
import type { GitHubPort, Issue } from "./port.js";

export interface TrackingIssueKey {
  label: string;
  /** First line of the body, e.g. `<!-- aep-gitops:drift scope=prod -->`. */
  marker: string;
}

export async function findTrackingIssue(github: GitHubPort, key: TrackingIssueKey): Promise<Issue | undefined> {
  const open = await github.openIssuesWithLabel(key.label);
  return open
    .filter((issue) => issue.body.split("\n", 1)[0]?.trim() === key.marker)
    .sort((a, b) => a.number - b.number)[0];
}

export interface OpenResult {
  issue: Issue;
  action: "opened" | "updated" | "unchanged";
}

/**
 * Opens the issue, or brings the open one's title and body up to date. With `comment`, an existing
 * issue also gets that comment, so a recurrence notifies the people watching it.
 */
export async function openOrUpdateIssue(
  github: GitHubPort,
  key: TrackingIssueKey,
  draft: { title: string; body: string; comment?: string },
): Promise<OpenResult> {
  const body = draft.body;
  if (body.split("\n", 1)[0]?.trim() !== key.marker)
    throw new Error(`openOrUpdateIssue: the body must start with the marker ${key.marker}`);
  const existing = await findTrackingIssue(github, key);
  if (!existing)
    return { issue: await github.createIssue({ title: draft.title, body, labels: [key.label] }), action: "opened" };
  let issue = existing;
  let action: OpenResult["action"] = "unchanged";
  if (existing.body !== body || existing.title !== draft.title) {
    issue = await github.updateIssue(existing.number, { title: draft.title, body });
    action = "updated";
  }
  if (draft.comment) await github.createComment(existing.number, draft.comment);
  return { issue, action };
}

/** Closes the open issue with a comment saying why; undefined when none was open. */
export async function closeIssue(
  github: GitHubPort,
  key: TrackingIssueKey,
  comment: string,
): Promise<Issue | undefined> {
  const existing = await findTrackingIssue(github, key);
  if (!existing) return undefined;
  await github.createComment(existing.number, comment);
  return github.updateIssue(existing.number, { state: "closed", stateReason: "completed" });
}
