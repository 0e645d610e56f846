// The bodies of the sticky plan comment: the plan itself (the report layer's render, under the job's
// marker, with the commit it is for), and the statuses that replace it when there is no plan to show:
// invalid YAML, a fork's PR (validated only), a failed job. Only the real plan records, on the line under
// its marker, the commit it planned, and ends with the checksum line; the apply reads both back
// (src/github/comment-records.ts), so it can never run on a plan that was not shown for the merged head.
import type { Plan } from "../../domain/plan/plan.js";
import { isNoop } from "../../domain/plan/planner.js";
import type { Problem } from "../../domain/checks/problem.js";
import { AppError } from "../../errors.js";
import { byUrgency, type HealthReport } from "../../domain/operate/health.js";
import { healthLineMarkdown } from "../operate/health.js";
import { renderPlanMarkdown } from "../plan/markdown.js";
import { code, fence, link, md } from "../escape/markdown.js";
import { warningsSection } from "../plan/markdown-warnings.js";
import { fitComment, GITHUB_COMMENT_LIMIT } from "./overflow.js";
import { problemLines } from "../problems/problems.js";
import { policyChangeSection, type PolicyChange } from "./policy-change.js";

const TITLE = "## aep-gitops plan";

export interface PlanCommentContext {
  marker: string;
  sha: string;
  workflowRunUrl: string | undefined;
  /** The checksum the plan comment showed before this job, if it showed a plan. */
  previousChecksum?: string | undefined;
  /** The pull request edits the data policies: what it changes (its plan is judged by the base's). */
  policyChange?: PolicyChange | undefined;
  /** The health of the destinations the plan changes (input `health` not ignore). */
  health?: HealthReport | undefined;
  /** The job's warnings (what apply will need, soft guardrails), files relative to `cwd`. */
  warnings?: { problems: readonly Problem[]; cwd: string } | undefined;
  /** The pull request is the drift job's own (its branch and its author): it keeps a change made in Adobe. */
  driftPullRequest?: boolean | undefined;
}

/**
 * The second line of a plan comment, right under the marker: the commit it planned (the PR's head).
 * Apply trusts the plan only for the head it merged; a status body has its title there instead.
 */
export function plannedLine(sha: string): string {
  return `<!-- aep-gitops:planned sha=${/^[0-9a-f]{40,64}$/.test(sha) ? sha : "unknown"} -->`;
}

export const PLANNED_LINE = /^<!-- aep-gitops:planned sha=([0-9a-f]{40,64}) -->$/;

export function planCommentBody(plan: Plan, ctx: PlanCommentContext): string {
  const preamble = [`Planned for commit ${code(ctx.sha.slice(0, 7))}; updated on every push.`];
  const previous = ctx.previousChecksum;
  if (isNoop(plan) && previous && previous !== plan.checksum) {
    preamble.push("", "> [!NOTE]", "> The latest push removed all changes: merging this pull request applies nothing.");
  }
  if (ctx.driftPullRequest) preamble.push("", ...driftPullRequestNote(plan));
  if (ctx.policyChange) preamble.push("", ...policyChangeSection(ctx.policyChange));
  if (ctx.health) preamble.push("", ...healthSection(ctx.health));
  // Not only annotations: a reviewer reads the comment, and learns here what apply will need.
  const warnings = ctx.warnings ? warningsSection(ctx.warnings.problems, ctx.warnings.cwd) : [];
  if (warnings.length > 0) preamble.push("", ...warnings);
  const rendered = renderPlanMarkdown(plan, {
    marker: ctx.marker,
    record: plannedLine(ctx.sha),
    preamble,
    workflowRunUrl: ctx.workflowRunUrl,
  });
  return fitToComment(rendered, ctx.workflowRunUrl);
}

/** A drift PR writes Adobe's state into Git: its plan is a no-op by construction, or something moved since. */
function driftPullRequestNote(plan: Plan): string[] {
  const intro =
    "> This pull request was opened by aep-gitops' drift job: it writes into the YAML what was changed in Adobe.";
  return isNoop(plan)
    ? [
        "> [!NOTE]",
        intro,
        "> As expected, the plan shows no change against Adobe: merging keeps the change, and writes nothing to Adobe.",
      ]
    : [
        "> [!WARNING]",
        intro,
        "> Yet the plan shows changes: Adobe changed again since the drift check, or the branch was edited. Merging would apply them; wait for the next drift check to rewrite this branch.",
      ];
}

/** One line per destination the plan changes: how its data flowed over the last 24 hours. */
function healthSection(health: HealthReport): string[] {
  const lines = [...health.destinations].sort(byUrgency).map(healthLineMarkdown);
  const notes = health.notes.map((note) => `> ${md(note)}`);
  return [
    "**Health of the destinations this changes** (Adobe's dataflow runs, last 24 hours):",
    "",
    ...lines,
    ...notes,
  ];
}

/** Truncated explicitly (never silently by GitHub), pointing at the job summary that has it all. */
export function fitToComment(markdown: string, workflowRunUrl: string | undefined): string {
  return fitComment(
    markdown,
    GITHUB_COMMENT_LIMIT,
    workflowRunUrl ? `[workflow run summary](${workflowRunUrl})` : "this workflow run's summary",
  );
}

export function invalidConfigBody(problems: Problem[], ctx: PlanCommentContext & { workspace: string }): string {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  const lines = [
    ctx.marker,
    TITLE,
    "",
    `**Validation failed: ${plural(errors, "error")}, ${plural(warnings, "warning")}.** Nothing was read from or sent to Adobe.`,
    "",
    `Checked commit ${code(ctx.sha.slice(0, 7))}${ctx.workflowRunUrl ? ` (${link("workflow run", ctx.workflowRunUrl)})` : ""}. Each problem is also annotated on the changed files.`,
    "",
    // One line per problem: a value the message quotes cannot add one.
    fence("text", problemLines(problems, ctx.workspace)),
    "",
    ...(ctx.policyChange ? [...policyChangeSection(ctx.policyChange), ""] : []),
  ];
  return fitToComment(lines.join("\n"), ctx.workflowRunUrl);
}

/** `reason` is markdown written by the Action itself, never user text, so it is not escaped. */
export function validateOnlyBody(reason: string, fileCount: number, warnings: number, ctx: PlanCommentContext): string {
  const lines = [
    ctx.marker,
    TITLE,
    "",
    `**Validated only: ${plural(fileCount, "file")} checked, no errors${warnings ? `, ${plural(warnings, "warning")}` : ""}. No plan was made.**`,
    "",
    `> [!NOTE]`,
    `> ${reason}`,
    `> Without a plan on this pull request, the apply after merge refuses to run until a maintainer reviews a plan and applies with \`force\`.`,
    "",
    `Checked commit ${code(ctx.sha.slice(0, 7))}${ctx.workflowRunUrl ? ` (${link("workflow run", ctx.workflowRunUrl)})` : ""}.`,
    "",
    ...(ctx.policyChange ? [...policyChangeSection(ctx.policyChange), ""] : []),
  ];
  return lines.join("\n");
}

export function planFailedBody(error: Error, ctx: PlanCommentContext): string {
  const known = error instanceof AppError;
  const lines = [
    ctx.marker,
    TITLE,
    "",
    `**Plan failed${known ? "" : " (an internal error)"}: no plan is available for commit ${code(ctx.sha.slice(0, 7))}.** Merging now makes the apply refuse until a plan succeeds.`,
    "",
    fence("text", error.message),
    "",
  ];
  if (known && error.hint) lines.push(`**Hint:** ${md(error.hint)}`, "");
  lines.push(
    ctx.workflowRunUrl
      ? `See the ${link("workflow run", ctx.workflowRunUrl)} for the log; re-run the job once the cause is fixed.`
      : "Re-run the job once the cause is fixed.",
    "",
  );
  return fitToComment(lines.join("\n"), ctx.workflowRunUrl);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
