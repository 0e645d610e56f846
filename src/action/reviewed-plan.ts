// Which plan did reviewers see for this commit? The pull request that the pushed commit merged, and
// the checksum on the last line of that PR's sticky plan comment. The apply job compares it with a
// fresh plan: what runs must be what was reviewed (octoDNS's --checksum, Terraform's saved plan).
import type { GitHubPort, PullRequestRef } from "../github/port.js";
import { findStickyComment } from "../github/sticky-comment.js";
import { parseChecksumFromComment } from "../report/checksum-line.js";
import { parseContinuation } from "../report/comments/apply-comment.js";
import type { Markers } from "../report/markers.js";

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
  sha: string,
  markers: Pick<Markers, "plan" | "apply">,
): Promise<ReviewedPlan> {
  const prs = await github.pullRequestsOfCommit(sha);
  // A merge or squash commit is the PR's merge_commit_sha; a rebase merge pushes several commits of
  // one merged PR, which the API lists for each of them.
  const pr = prs.find((p) => p.mergeCommitSha === sha) ?? prs.find((p) => p.mergedAt !== null);
  if (!pr)
    return { missing: `commit ${sha.slice(0, 7)} is not the merge of a pull request, so no plan was reviewed for it` };
  const comment = await findStickyComment(github, pr.number, markers.plan);
  if (!comment) return { pr, missing: `pull request #${pr.number} has no aep-gitops plan comment` };
  const checksum = parseChecksumFromComment(comment.body);
  if (!checksum)
    return {
      pr,
      missing: `the plan comment on pull request #${pr.number} holds no plan (validation failed, the plan failed, or it came from a fork and was validated only)`,
    };
  const reviewedAt = comment.updatedAt ? Date.parse(comment.updatedAt) : NaN;
  const applied = await findStickyComment(github, pr.number, markers.apply);
  const continuation = applied?.user?.type === "Bot" ? parseContinuation(applied.body, sha) : undefined;
  return {
    pr,
    checksum,
    ...(Number.isFinite(reviewedAt) ? { reviewedAt } : {}),
    ...(continuation ? { continuation } : {}),
  };
}
