// The git data and pulls half of the GitHubPort over octokit: what the drift job needs to make one
// commit on a branch and open (or keep current, or close) a pull request from it. Files go into the
// tree inline (`content`), so a commit is three writes whatever the number of files: the tree, the
// commit and the ref, with no blob call per file.
import { RequestError, type Octokit } from "octokit";
import { call } from "./octokit-call.js";
import type { GitCommit, GitHubGitPort, PullRequest, RepoRef } from "./port.js";

const WRITE = "contents: write";

export function octokitGit(octokit: Octokit, repoRef: RepoRef): GitHubGitPort {
  const { owner, repo } = repoRef;
  return {
    defaultBranch: () =>
      call("read the repository's default branch", "contents: read", async () => {
        return (await octokit.rest.repos.get({ owner, repo })).data.default_branch;
      }),
    branchHead: (branch) =>
      call(`read the branch ${branch}`, "contents: read", async () => {
        try {
          return (await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` })).data.object.sha;
        } catch (error) {
          if (error instanceof RequestError && error.status === 404) return undefined;
          throw error;
        }
      }),
    gitCommit: (sha) =>
      call(`read commit ${sha.slice(0, 7)}`, "contents: read", async () => {
        const { data } = await octokit.rest.git.getCommit({ owner, repo, commit_sha: sha });
        return {
          sha: data.sha,
          tree: data.tree.sha,
          parents: data.parents.map((p) => p.sha),
          author: { name: data.author.name, email: data.author.email },
          committer: { name: data.committer.name, email: data.committer.email },
          message: data.message,
        };
      }),
    commitsBetween: (base, head) =>
      call(`compare ${base.slice(0, 7)}...${head.slice(0, 7)}`, "contents: read", async () => {
        const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
          owner,
          repo,
          basehead: `${base}...${head}`,
          per_page: 100,
        });
        const commits: GitCommit[] = data.commits.map((c) => ({
          sha: c.sha,
          tree: c.commit.tree.sha,
          parents: c.parents.map((p) => p.sha),
          author: { name: c.commit.author?.name ?? "", email: c.commit.author?.email ?? "" },
          committer: { name: c.commit.committer?.name ?? "", email: c.commit.committer?.email ?? "" },
          message: c.commit.message,
        }));
        // More commits than one page: the ones not shown are nobody's we know, which is the safe answer.
        if (data.total_commits > commits.length)
          commits.push({
            sha: "",
            tree: "",
            parents: [],
            author: { name: "", email: "" },
            committer: { name: "", email: "" },
            message: "",
          });
        return commits;
      }),
    createTree: (baseTree, files) =>
      call(`write a tree of ${files.length} file(s)`, WRITE, async () => {
        const tree = files.map((f) => ({
          path: f.path,
          mode: "100644" as const,
          type: "blob" as const,
          ...(f.content === null ? { sha: null } : { content: f.content }),
        }));
        return (await octokit.rest.git.createTree({ owner, repo, base_tree: baseTree, tree })).data.sha;
      }),
    createCommit: (commit) =>
      call("write a commit", WRITE, async () => {
        const { data } = await octokit.rest.git.createCommit({
          owner,
          repo,
          message: commit.message,
          tree: commit.tree,
          parents: commit.parents,
          author: commit.author,
          committer: commit.author,
        });
        return data.sha;
      }),
    createBranch: (branch, sha) =>
      call(`create the branch ${branch}`, WRITE, async () => {
        await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha });
      }),
    forceBranch: (branch, sha) =>
      call(`update the branch ${branch}`, WRITE, async () => {
        await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force: true });
      }),
    openPullRequests: (headBranch) =>
      call("list the open pull requests", "pull-requests: read", async () =>
        (
          await octokit.paginate(octokit.rest.pulls.list, {
            owner,
            repo,
            state: "open",
            per_page: 100,
            ...(headBranch ? { head: `${owner}:${headBranch}` } : {}),
          })
        ).map(toPull),
      ),
    createPullRequest: (draft) =>
      call(`open a pull request from ${draft.head}`, "pull-requests: write", async () =>
        toPull((await octokit.rest.pulls.create({ owner, repo, ...draft })).data),
      ),
    updatePullRequest: (pullNumber, change) =>
      call(`update pull request #${pullNumber}`, "pull-requests: write", async () =>
        toPull((await octokit.rest.pulls.update({ owner, repo, pull_number: pullNumber, ...change })).data),
      ),
    pullRequestFiles: (pullNumber) =>
      call(`list the files of #${pullNumber}`, "pull-requests: read", async () =>
        (
          await octokit.paginate(octokit.rest.pulls.listFiles, {
            owner,
            repo,
            pull_number: pullNumber,
            per_page: 100,
          })
        ).flatMap((f) => (f.previous_filename ? [f.filename, f.previous_filename] : [f.filename])),
      ),
  };
}

function toPull(raw: {
  number: number;
  title: string;
  body?: string | null;
  state: string;
  head: { ref: string; sha: string; repo?: { full_name: string } | null };
  user?: { login: string; type: string } | null;
  html_url: string;
}): PullRequest {
  return {
    number: raw.number,
    title: raw.title,
    body: raw.body ?? "",
    state: raw.state,
    headRef: raw.head.ref,
    headSha: raw.head.sha,
    headRepo: raw.head.repo?.full_name ?? null,
    user: raw.user ? { login: raw.user.login, type: raw.user.type } : null,
    htmlUrl: raw.html_url,
  };
}
