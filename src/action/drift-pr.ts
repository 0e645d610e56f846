// `drift-pr: true`: after the drift report, one pull request per sandbox that keeps in Git what was
// changed in Adobe (the YAML rewritten by driftRewrite), from the fixed branch aep-gitops/drift/<sandbox>.
// Each check rewrites that branch as one new commit on the default branch's head, so the PR always
// shows today's drift against today's main; a change undone in Adobe closes it with a comment.
//
// Safe by construction, as a careful teammate would be:
//   - it writes only inside the configured folders of the repository (driftRewrite's promise, checked
//     again here before anything is committed);
//   - it refuses when the checkout is not the default branch's head: the YAML it rewrote would not be
//     what the branch is based on, and the PR would revert someone's merge;
//   - it force-updates its branch only when every commit on it is its own: a branch someone pushed to
//     is left alone, and said so;
//   - another open PR touching the same file does not stop it: its body says so.
// Its lines for the drift issue say what it did (or why not), per sandbox.
import { createHash } from "node:crypto";
import path from "node:path";
import { driftRewrite, type DriftWrite } from "../app/drift-write.js";
import type { drift } from "../app/use-cases.js";
import type { Workspace } from "../app/workspace.js";
import { commitPerson } from "../github/identity.js";
import type { GitHubPort, PullRequest } from "../github/port.js";
import { code, md } from "../report/escape/markdown.js";
import {
  driftBranch,
  driftPrBody,
  driftPrClosedComment,
  driftPrTitle,
  isDriftBranch,
} from "../report/comments/drift-pr.js";
import type { JobContext } from "./job-context.js";

type DriftResult = Awaited<ReturnType<typeof drift>>;

/** The commit message's last line: what the branch holds, so an unchanged drift rewrites nothing. */
const RECORD = /^aep-gitops-drift: ([0-9a-f]{64})$/m;

/** Opens, updates or closes the drift pull requests; returns the drift issue's lines about them. */
export async function driftPullRequests(ctx: JobContext, ws: Workspace, drifted: DriftResult): Promise<string[]> {
  const github = ctx.github;
  if (!github) {
    ctx.log.annotate({ level: "warning", message: "drift-pr: no github-token input, so no pull request." });
    return [];
  }
  const rewrite = await driftRewrite(ws, drifted);
  const bySandbox = new Map<string, DriftWrite[]>();
  for (const file of rewrite.files) {
    const sandbox = file.changes[0]?.sandbox;
    if (sandbox) bySandbox.set(sandbox, [...(bySandbox.get(sandbox) ?? []), file]);
  }
  const login = await ctx.conversation.author();
  const mine = (pr: PullRequest) =>
    pr.user?.login.toLowerCase() === login.toLowerCase() && pr.headRepo === `${github.repo.owner}/${github.repo.repo}`;
  const open = await github.openPullRequests();
  const ownOpen = (branch: string) => open.find((pr) => pr.headRef === branch && mine(pr));
  const anyOwnOpen = open.some((pr) => isDriftBranch(pr.headRef) && mine(pr));
  if (bySandbox.size === 0 && !anyOwnOpen) return [];

  const defaultBranch = await github.defaultBranch();
  const head = await github.branchHead(defaultBranch);
  if (!head || head !== ctx.runner.sha) {
    const why = `the checkout (${(ctx.runner.sha ?? "unknown").slice(0, 7)}) is not the head of ${defaultBranch} (${(head ?? "none").slice(0, 7)}), so the YAML it rewrote may not be what ${defaultBranch} holds now`;
    ctx.log.annotate({ level: "warning", title: "aep-gitops: no drift pull request", message: `Refused: ${why}.` });
    return [
      `- No pull request: refused, because ${md(why)}. The next check on ${code(defaultBranch)}'s head opens it.`,
    ];
  }

  const lines: string[] = [];
  const overlaps = overlapFinder(
    github,
    open.filter((pr) => !mine(pr)),
  );
  for (const sandbox of drifted.plan.sandboxes.map((s) => s.sandbox)) {
    const branch = driftBranch(sandbox);
    const files = bySandbox.get(sandbox) ?? [];
    if (!branch) {
      if (files.length > 0) lines.push(`- Sandbox ${code(sandbox)}: no pull request (its name cannot be a branch).`);
      continue;
    }
    const existing = ownOpen(branch);
    if (files.length === 0) {
      if (existing) {
        await github.createComment(existing.number, driftPrClosedComment(ctx.runner.workflowRunUrl));
        await github.updatePullRequest(existing.number, { state: "closed" });
        ctx.log.info(`Closed the drift pull request #${existing.number} of sandbox ${sandbox}: nothing left to keep.`);
      }
      continue;
    }
    const outside = files.find((f) => !inside(ctx.runner.workspace, ws, f.path));
    if (outside) {
      lines.push(
        `- Sandbox ${code(sandbox)}: no pull request: ${code(outside.path)} is outside the configured folders.`,
      );
      continue;
    }
    const tree = files.map((f) => ({ path: toRepoPath(ctx.runner.workspace, f.path), content: f.after }));
    const sandboxItems = drifted.items.filter((i) => i.sandbox === sandbox);
    const body = driftPrBody({
      sandbox,
      defaultBranch,
      baseSha: head,
      files: files.map((f, i) => ({ path: tree[i]!.path, changes: f.changes })),
      items: sandboxItems,
      trails: drifted.report.trails,
      overlaps: await overlaps(tree.map((t) => t.path)),
      notes: rewrite.notes,
    });
    const pushed = await pushBranch(github, { branch, base: head, tree, author: commitPerson(login), sandbox });
    if (pushed.refused) {
      ctx.log.annotate({
        level: "warning",
        title: "aep-gitops: no drift pull request",
        message: `The branch ${branch} has commits aep-gitops did not make: it is not force-pushed, and no pull request is opened. Delete the branch to let the drift job use it.`,
      });
      lines.push(
        `- Sandbox ${code(sandbox)}: no pull request: the branch ${code(branch)} has commits aep-gitops did not make, and it never force-pushes over them. Delete the branch to let the next check use it.`,
      );
      continue;
    }
    const title = driftPrTitle(sandbox);
    let pr = existing;
    if (!pr) pr = await github.createPullRequest({ title, body, head: branch, base: defaultBranch });
    else if (pr.body !== body || pr.title !== title) pr = await github.updatePullRequest(pr.number, { title, body });
    ctx.log.info(
      `Drift pull request of sandbox ${sandbox} ${existing ? (pushed.changed ? "updated" : "unchanged") : "opened"}: ${pr.htmlUrl}`,
    );
    // A bare #number: GitHub links it to the pull request (and shows its title and state) by itself.
    lines.push(`- Sandbox ${code(sandbox)}: #${pr.number} keeps these changes in Git (branch ${code(branch)}).`);
  }
  return lines;
}

/**
 * Writes the files as one commit on `base` and points the branch at it: created when missing,
 * force-updated only when every commit on it is the Action's; left alone when it already holds exactly
 * this (same base, same files), so an unchanged drift notifies no one.
 */
async function pushBranch(
  github: GitHubPort,
  to: {
    branch: string;
    base: string;
    tree: { path: string; content: string }[];
    author: { name: string; email: string };
    sandbox: string;
  },
): Promise<{ refused?: true; changed: boolean }> {
  const digest = createHash("sha256")
    .update(JSON.stringify([to.base, to.tree]))
    .digest("hex");
  const current = await github.branchHead(to.branch);
  if (current) {
    const commits = await github.commitsBetween(to.base, current);
    const own = (p: { email: string }) => p.email.toLowerCase() === to.author.email.toLowerCase();
    if (!commits.every((c) => own(c.author) && own(c.committer))) return { refused: true, changed: false };
    const last = commits.at(-1);
    if (commits.length === 1 && last!.parents[0] === to.base && RECORD.exec(last!.message)?.[1] === digest)
      return { changed: false };
  }
  const baseTree = (await github.gitCommit(to.base)).tree;
  const tree = await github.createTree(baseTree, to.tree);
  const message = `aep-gitops: keep the changes made in Adobe to sandbox ${to.sandbox}\n\nWritten by the drift job from Adobe's live state; merging writes nothing to Adobe.\n\naep-gitops-drift: ${digest}`;
  const sha = await github.createCommit({ message, tree, parents: [to.base], author: to.author });
  if (current) await github.forceBranch(to.branch, sha);
  else await github.createBranch(to.branch, sha);
  return { changed: true };
}

/** Which other open pull requests touch these paths (their files read once each, only when needed). */
function overlapFinder(github: GitHubPort, others: PullRequest[]) {
  const filesOf = new Map<number, Promise<string[]>>();
  return async (paths: string[]) => {
    const found: { number: number; path: string }[] = [];
    for (const pr of others) {
      if (!filesOf.has(pr.number)) filesOf.set(pr.number, github.pullRequestFiles(pr.number));
      const touched = new Set(await filesOf.get(pr.number)!);
      for (const p of paths) if (touched.has(p)) found.push({ number: pr.number, path: p });
    }
    return found;
  };
}

function toRepoPath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join("/");
}

/** Inside the repository and inside one of the configured folders (or one of the configured files). */
function inside(root: string, ws: Workspace, file: string): boolean {
  const within = (folder: string, f: string) => {
    const rel = path.relative(folder, f);
    return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
  };
  return (
    within(root, file) && ws.configuration.desired.some((d) => d.paths.some((p) => within(path.resolve(root, p), file)))
  );
}
