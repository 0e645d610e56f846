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

/** A pull request as the drift job reads it: whose it is, from which branch, and what it says. */
export interface PullRequest {
  number: number;
  title: string;
  body: string;
  state: string;
  /** The head branch's name (without refs/heads/) and commit. */
  headRef: string;
  headSha: string;
  /** The head branch's repository ("owner/repo"); null when it was deleted. */
  headRepo: string | null;
  user: Author | null;
  htmlUrl: string;
}

/** Who a commit names as its author or committer (git's own fields, not a GitHub login). */
export interface GitPerson {
  name: string;
  email: string;
}

export interface GitCommit {
  sha: string;
  tree: string;
  parents: string[];
  author: GitPerson;
  committer: GitPerson;
  message: string;
}

/** A file of a new tree: its text, or null to delete it. Paths are relative to the repository root. */
export interface TreeFile {
  path: string;
  content: string | null;
}

/** The git data and pulls operations the drift job's pull request needs (contents: write, pull-requests: write). */
export interface GitHubGitPort {
  /** The repository's default branch (GET /repos/{owner}/{repo}). */
  defaultBranch(): Promise<string>;
  /** The commit a branch points at; undefined when there is no such branch. */
  branchHead(branch: string): Promise<string | undefined>;
  gitCommit(sha: string): Promise<GitCommit>;
  /** The commits of `head` that `base` does not have (GET /compare/{base}...{head}), oldest first. */
  commitsBetween(base: string, head: string): Promise<GitCommit[]>;
  /** A tree: `baseTree` with these files written or deleted; its sha. */
  createTree(baseTree: string, files: TreeFile[]): Promise<string>;
  createCommit(commit: { message: string; tree: string; parents: string[]; author: GitPerson }): Promise<string>;
  createBranch(branch: string, sha: string): Promise<void>;
  /** Points a branch at a commit, also when that drops commits (force): only for a branch the caller owns. */
  forceBranch(branch: string, sha: string): Promise<void>;
  /** Open pull requests, all of them or those from one branch of this repository. */
  openPullRequests(headBranch?: string): Promise<PullRequest[]>;
  createPullRequest(draft: { title: string; body: string; head: string; base: string }): Promise<PullRequest>;
  updatePullRequest(
    pullNumber: number,
    change: { title?: string; body?: string; state?: "open" | "closed" },
  ): Promise<PullRequest>;
  /** The paths a pull request adds, changes, deletes or moves (both names of a move). */
  pullRequestFiles(pullNumber: number): Promise<string[]>;
}

export interface GitHubPort extends GitHubGitPort {
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
