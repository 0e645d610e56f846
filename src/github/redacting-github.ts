// A GitHubPort that stars out secrets in everything it sends (comment and issue bodies, titles).
// The renderers never put a secret in a body; this is the last line of defence, like the log's mask.
import type { GitHubPort } from "./port.js";

export function redactingGitHub(inner: GitHubPort, redact: (text: string) => string): GitHubPort {
  return {
    repo: inner.repo,
    defaultBranch: () => inner.defaultBranch(),
    branchHead: (branch) => inner.branchHead(branch),
    gitCommit: (sha) => inner.gitCommit(sha),
    commitsBetween: (base, head) => inner.commitsBetween(base, head),
    // The files are the repository's own YAML, which holds references to secrets, never their values.
    createTree: (baseTree, files) => inner.createTree(baseTree, files),
    createCommit: (commit) => inner.createCommit({ ...commit, message: redact(commit.message) }),
    createBranch: (branch, sha) => inner.createBranch(branch, sha),
    forceBranch: (branch, sha) => inner.forceBranch(branch, sha),
    openPullRequests: (head) => inner.openPullRequests(head),
    createPullRequest: (draft) =>
      inner.createPullRequest({ ...draft, title: redact(draft.title), body: redact(draft.body) }),
    updatePullRequest: (n, change) =>
      inner.updatePullRequest(n, {
        ...change,
        ...(change.title !== undefined ? { title: redact(change.title) } : {}),
        ...(change.body !== undefined ? { body: redact(change.body) } : {}),
      }),
    pullRequestFiles: (n) => inner.pullRequestFiles(n),
    authenticatedUser: () => inner.authenticatedUser(),
    listComments: (n) => inner.listComments(n),
    createComment: (n, body) => inner.createComment(n, redact(body)),
    updateComment: (id, body) => inner.updateComment(id, redact(body)),
    pullRequestsOfCommit: (sha) => inner.pullRequestsOfCommit(sha),
    fileAt: (path, ref) => inner.fileAt(path, ref),
    filesIn: (folder, ref) => inner.filesIn(folder, ref),
    movedFrom: (pullNumber, path) => inner.movedFrom(pullNumber, path),
    openIssuesWithLabel: (label) => inner.openIssuesWithLabel(label),
    createIssue: (draft) => inner.createIssue({ ...draft, title: redact(draft.title), body: redact(draft.body) }),
    updateIssue: (n, change) =>
      inner.updateIssue(n, {
        ...change,
        ...(change.title !== undefined ? { title: redact(change.title) } : {}),
        ...(change.body !== undefined ? { body: redact(change.body) } : {}),
      }),
  };
}
