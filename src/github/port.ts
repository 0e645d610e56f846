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
  user: Author | null;
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
  /** The head branch's repository ("owner/repo"); null when it was deleted (a fork that is gone). */
  headRepo: string | null;
  /** The repository the pull request was opened against ("owner/repo"). */
  baseRepo: string;
  htmlUrl: string;
}

/** Who wrote a comment or an issue, as GitHub reports it. */
export interface Author {
  login: string;
  /** "User", or "Bot" for github-actions[bot] and GitHub Apps. */
  type: string;
}

export interface Issue {
  number: number;
  title: string;
  body: string;
  state: string;
  labels: string[];
  htmlUrl: string;
  /** Who opened it. */
  user: Author | null;
}

export interface IssueDraft {
  title: string;
  body: string;
  labels: string[];
}

export interface GitHubPort {
  readonly repo: RepoRef;
  /** The token's user (GET /user); undefined for an installation token, which GitHub refuses it (403). */
  authenticatedUser(): Promise<Author | undefined>;
  /** Every comment of an issue or pull request, oldest first (all pages). */
  listComments(issueNumber: number): Promise<IssueComment[]>;
  createComment(issueNumber: number, body: string): Promise<IssueComment>;
  updateComment(commentId: number, body: string): Promise<IssueComment>;
  /** The pull requests a commit belongs to (a merge commit's PR included). */
  pullRequestsOfCommit(sha: string): Promise<PullRequestRef[]>;
  /** A file's text at a commit (the contents API); undefined when the commit has no file there. */
  fileAt(path: string, ref: string): Promise<string | undefined>;
  /** The names of the files in a folder at a commit (the contents API); empty when it has no such folder. */
  filesIn(folder: string, ref: string): Promise<string[]>;
  /** The path a pull request moved `path` from (GitHub lists the move as a rename), if it did. */
  movedFrom(pullNumber: number, path: string): Promise<string | undefined>;
  /** Open issues carrying a label; pull requests (which the issues API also returns) are left out. */
  openIssuesWithLabel(label: string): Promise<Issue[]>;
  createIssue(draft: IssueDraft): Promise<Issue>;
  updateIssue(
    issueNumber: number,
    change: { title?: string; body?: string; state?: "open" | "closed"; stateReason?: "completed" | "not_planned" },
  ): Promise<Issue>;
}
