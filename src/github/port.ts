// The GitHub edge as the Action sees it: the few REST operations it needs, nothing more. The Action's
// jobs talk to this interface; only the composition root (src/action/main.ts) builds the octokit
// implementation, and tests run the same implementation against a fake server on loopback.

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface IssueComment {
  id: number;
  body: string;
  /** The author's login and type ("Bot" for github-actions[bot] and apps). */
  user: { login: string; type: string } | null;
  htmlUrl: string;
  /** When the body last changed (ISO 8601), as GitHub reports it. */
  updatedAt?: string;
}

export interface PullRequestRef {
  number: number;
  state: string;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  headSha: string;
  htmlUrl: string;
}

export interface Issue {
  number: number;
  title: string;
  body: string;
  state: string;
  labels: string[];
  htmlUrl: string;
}

export interface IssueDraft {
  title: string;
  body: string;
  labels: string[];
}

export interface GitHubPort {
  readonly repo: RepoRef;
  /** Every comment of an issue or pull request, oldest first (all pages). */
  listComments(issueNumber: number): Promise<IssueComment[]>;
  createComment(issueNumber: number, body: string): Promise<IssueComment>;
  updateComment(commentId: number, body: string): Promise<IssueComment>;
  /** The pull requests a commit belongs to (a merge commit's PR included). */
  pullRequestsOfCommit(sha: string): Promise<PullRequestRef[]>;
  /** Open issues carrying a label; pull requests (which the issues API also returns) are left out. */
  openIssuesWithLabel(label: string): Promise<Issue[]>;
  createIssue(draft: IssueDraft): Promise<Issue>;
  updateIssue(
    issueNumber: number,
    change: { title?: string; body?: string; state?: "open" | "closed"; stateReason?: "completed" | "not_planned" },
  ): Promise<Issue>;
}
