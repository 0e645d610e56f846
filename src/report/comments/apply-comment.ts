// The bodies the apply job writes on the merged pull request (one sticky comment, apart from the plan
// comment): the result object by object, a refusal that explains what changed since the review, or a
// failure. The plan comment is left as reviewers saw it.
import type { Attribution, Plan } from "../../domain/plan/plan.js";
import { AppError } from "../../errors.js";
import type { SandboxResults } from "../../domain/apply/results.js";
import { renderApplyMarkdown } from "../apply/results.js";
import { atText, writerText } from "../plan/attribution.js";
import { driftItems } from "../operate/drift.js";
import { planMarkdownBody } from "../plan/markdown.js";
import { code, fence, link, md } from "../escape/markdown.js";
import { planSummaryLine } from "../plan/summary.js";
import { fitToComment } from "./plan-comment.js";

const TITLE = "## aep-gitops apply";

export interface ApplyCommentContext {
  marker: string;
  sha: string;
  workflowRunUrl: string | undefined;
}

export interface ApplyNotes {
  /** Set when `force` applied a plan other than the reviewed one. */
  forced?: { fresh: string; reviewed?: string | undefined; missing?: string | undefined };
  /** After a partial failure: the checksum of what is left to do, which applying again may apply. */
  continuation?: string;
  /** The job was cancelled (SIGINT, SIGTERM): what finished is listed, the rest was not started. */
  interrupted?: string;
}

/**
 * A partial apply leaves the reviewed plan half done, so a second apply's fresh plan can never match the
 * reviewed checksum again. The failed apply therefore plans once more and records the checksum of what
 * is left, for this merge commit, in a hidden line: a re-run of the apply job may apply exactly that remainder (and
 * nothing else: anything that changed meanwhile changes the checksum). It is the comment's last line,
 * and read back only from the Action's own comment (src/github/comment-records.ts).
 */
export function continuationLine(sha: string, checksum: string): string {
  return `<!-- aep-gitops:continue sha=${sha} checksum=${checksum} -->`;
}

export const CONTINUATION_LINE = /^<!-- aep-gitops:continue sha=([0-9a-f]{7,64}) checksum=([0-9a-f]{64}) -->$/;

export function applyResultBody(results: SandboxResults[], ctx: ApplyCommentContext, notes: ApplyNotes = {}): string {
  const extra = [`Applied merge commit ${code(ctx.sha.slice(0, 7))}${workflowRunLink(ctx)}.`];
  const forced = notes.forced;
  if (forced) {
    const why = forced.reviewed
      ? `the fresh plan ${code(forced.fresh)} is not the reviewed ${code(forced.reviewed)}`
      : `no plan was reviewed (${md(forced.missing ?? "unknown")})`;
    extra.push("", "> [!WARNING]", `> Applied with \`force\`: ${why}.`);
  }
  if (notes.interrupted)
    extra.push(
      "",
      "> [!WARNING]",
      `> This job was cancelled (${md(notes.interrupted)}): the changes in flight finished, no new one started, and the sandbox lock was released.`,
    );
  const body = renderApplyMarkdown(results, { marker: ctx.marker, preamble: extra });
  if (notes.continuation) {
    const line = continuationLine(ctx.sha, notes.continuation);
    return `${fitToComment(body, ctx.workflowRunUrl).trimEnd()}\n\nRe-running the apply job continues with what is left.\n${line}\n`;
  }
  return fitToComment(body, ctx.workflowRunUrl);
}

export interface Refusal {
  /** The checksum of the reviewed plan; undefined when no plan was reviewed. */
  reviewed?: string;
  /** Why no plan was reviewed, when none was. */
  missing?: string;
  /** When the plan was reviewed (epoch ms), to tell edits made in Adobe since then. */
  reviewedAt?: number;
}

export function applyRefusedBody(plan: Plan, refusal: Refusal, ctx: ApplyCommentContext): string {
  const lines = [ctx.marker, TITLE, ""];
  if (refusal.reviewed) {
    lines.push(
      `**Apply refused: the plan changed since it was reviewed.** Nothing was changed in Adobe.`,
      "",
      `The plan comment on this pull request has checksum ${code(refusal.reviewed)}; a fresh plan for merge commit ${code(ctx.sha.slice(0, 7))} has ${code(plan.checksum)}${workflowRunLink(ctx)}.`,
      "",
      "### What changed since the review",
      "",
      ...whatChanged(plan, refusal.reviewedAt),
      "",
    );
  } else {
    lines.push(
      `**Apply refused: no reviewed plan.** Nothing was changed in Adobe: ${md(refusal.missing ?? "no plan was reviewed")}.`,
      "",
      `Merge commit ${code(ctx.sha.slice(0, 7))}${workflowRunLink(ctx)}.`,
      "",
    );
  }
  lines.push(
    `Fresh plan: **${md(planSummaryLine(plan))}**`,
    "",
    "<details>",
    "<summary>The fresh plan (what apply would do now)</summary>",
    "",
    planDetails(plan),
    "",
    "</details>",
    "",
    "**To proceed:** review the fresh plan, then either re-run the apply workflow with `force: true` (workflow_dispatch) to apply it as it is now, or open a pull request that changes the YAML so its plan shows what you want.",
    "",
  );
  return fitToComment(lines.join("\n"), ctx.workflowRunUrl);
}

/**
 * Edits made in Adobe after the review are the usual cause: those are listed (edits older than the
 * review were in the reviewed plan already). Otherwise the YAML or the live state moved another way.
 */
function whatChanged(plan: Plan, reviewedAt: number | undefined): string[] {
  const outside = driftItems(plan).filter((i) => i.kind === "changed-outside");
  const since =
    reviewedAt === undefined ? outside : outside.filter((i) => (i.attribution?.updatedAt ?? Infinity) > reviewedAt);
  const lines = since.map(
    (i) =>
      `- ${md(i.resource)} **${md(i.name)}** in ${code(i.sandbox)}: changed outside aep-gitops by ${code(writerText(i.attribution!))}${when(i.attribution!)}`,
  );
  if (lines.length === 0)
    lines.push(
      "- Nothing was changed in Adobe by anyone else since the review: the merged YAML or the live state moved in another way (for example another pull request was applied first).",
    );
  return lines;
}

const when = (a: Attribution) => {
  const at = atText(a).replace(/^ at /, "");
  return at ? ` at ${code(at)}` : "";
};

/** The fresh plan's render without its marker, heading and summary line, which the refusal already shows. */
function planDetails(plan: Plan): string {
  return planMarkdownBody(plan).join("\n").trim();
}

export function applyFailedBody(error: Error, ctx: ApplyCommentContext): string {
  const lines = [
    ctx.marker,
    TITLE,
    "",
    `**Apply failed for merge commit ${code(ctx.sha.slice(0, 7))}${error instanceof AppError ? "" : " (an internal error)"}.** An incident issue tracks it until an apply succeeds.`,
    "",
    fence("text", error.message),
    "",
  ];
  if (error instanceof AppError && error.hint) lines.push(`**Hint:** ${md(error.hint)}`, "");
  if (ctx.workflowRunUrl) lines.push(`See the ${link("workflow run", ctx.workflowRunUrl)} for the log.`, "");
  return fitToComment(lines.join("\n"), ctx.workflowRunUrl);
}

function workflowRunLink(ctx: ApplyCommentContext): string {
  return ctx.workflowRunUrl ? ` (${link("workflow run", ctx.workflowRunUrl)})` : "";
}
