// Which plan did reviewers see for this commit? The pull request that the pushed commit merged, and
// the checksum of the Action's own plan comment on it, for the head that was merged. The apply job
// compares it with a fresh plan: what runs must be what was reviewed (octoDNS's --checksum,
// Terraform's saved plan). A fork's pull request has no reviewed plan: its plan job had no secrets.
import type { Conversation } from "../github/conversation.js";
import type { GitHubPort, PullRequestRef } from "../github/port.js";

export interface ReviewedPlan {
  pr?: PullRequestRef;
  checksum?: string;
  /** When the plan comment was last written (epoch ms): changes in Adobe after it were not reviewed. */
  reviewedAt?: number;
  /** What a partial apply of this same commit left to do (see continuationLine). */
  continuation?: string;
  /** Why there is no reviewed checksum, when there is none. */
  missing?: string;
}

export async function findReviewedPlan(
  github: GitHubPort,
  conversation: Conversation,
  sha: string,
): Promise<ReviewedPlan> {
  // The API may also list pull requests of other repositories of the network that hold the commit.
  const repo = `${github.repo.owner}/${github.repo.repo}`.toLowerCase();
  const prs = (await github.pullRequestsOfCommit(sha)).filter((p) => p.baseRepo.toLowerCase() === repo);
  // A merge or squash commit is the PR's merge_commit_sha; a rebase merge pushes several commits of
  // one merged PR, which the API lists for each of them.
  const pr = prs.find((p) => p.mergeCommitSha === sha) ?? prs.find((p) => p.mergedAt !== null);
  if (!pr)
    return { missing: `commit ${sha.slice(0, 7)} is not the merge of a pull request, so no plan was reviewed for it` };
  // A deleted fork has no head repository: a fork all the same.
  if (pr.headRepo?.toLowerCase() !== repo)
    return {
      pr,
      missing: `pull request #${pr.number} comes from a fork (${pr.headRepo ?? "since deleted"}), whose plan job gets no secrets, so no plan was reviewed`,
    };
  const { plan, continuation } = await conversation.merged(pr.number, sha);
  if (!plan)
    return {
      pr,
      missing: `pull request #${pr.number} has no aep-gitops plan comment by ${await conversation.author()}`,
    };
  if (!plan.record)
    return {
      pr,
      missing: `the plan comment on pull request #${pr.number} holds no plan (validation failed, the plan failed, or it came from a fork and was validated only)`,
    };
  if (plan.record.sha !== pr.headSha)
    return {
      pr,
      missing: `the plan comment on pull request #${pr.number} is for commit ${plan.record.sha.slice(0, 7)}, not the pull request's head ${pr.headSha.slice(0, 7)} (its last push was merged before its plan was posted)`,
    };
  const reviewedAt = plan.comment.updatedAt ? Date.parse(plan.comment.updatedAt) : NaN;
  return {
    pr,
    checksum: plan.record.checksum,
    ...(Number.isFinite(reviewedAt) ? { reviewedAt } : {}),
    continuation,
  };
}
