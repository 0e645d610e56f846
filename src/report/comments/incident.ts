// The incident issue of a failed apply, in words: its title, its body (what failed, where, what was
// applied before it failed), and the comments that say it failed again or is resolved.
import { AppError } from "../../errors.js";
import type { SandboxResults } from "../../domain/apply/results.js";
import { renderApplyMarkdown } from "../apply/results.js";
import { code, fence, link, md } from "../escape/markdown.js";
import { visible } from "../escape/visible.js";
import { fitToComment } from "./plan-comment.js";

export interface IncidentContext {
  marker: string;
  sandbox: string | undefined;
  sha: string;
  workflowRunUrl: string | undefined;
  /** The merged pull request, when one was found. */
  pr?: { number: number } | undefined;
  results?: SandboxResults[] | undefined;
}

/** A title is plain text, yet people read it: what they cannot see is spelled out. */
export function incidentTitle(sandbox: string | undefined): string {
  return `aep-gitops apply failed${sandbox ? ` (sandbox ${visible(sandbox)})` : ""}`;
}

export function incidentAgainComment(error: Error, ctx: Pick<IncidentContext, "sha" | "workflowRunUrl">): string {
  return `Failed again for merge commit ${code(ctx.sha.slice(0, 7))}${inWorkflowRun(ctx.workflowRunUrl)}: ${md(firstLine(error.message))}`;
}

export function incidentResolvedComment(ctx: Pick<IncidentContext, "sha" | "workflowRunUrl">): string {
  return `Resolved: merge commit ${code(ctx.sha.slice(0, 7))} was applied successfully${inWorkflowRun(ctx.workflowRunUrl)}; the live destinations match the default branch.`;
}

export function incidentBody(error: Error, ctx: IncidentContext): string {
  const lines = [
    ctx.marker,
    "## aep-gitops apply failed",
    "",
    `**${md(firstLine(error.message))}**`,
    "",
    `- Merge commit: ${code(ctx.sha.slice(0, 7))}`,
    ...(ctx.pr ? [`- Pull request: #${ctx.pr.number}`] : []),
    ...(ctx.sandbox ? [`- Sandbox: ${code(ctx.sandbox)}`] : []),
    ...(ctx.workflowRunUrl ? [`- Workflow run: ${link("log and job summary", ctx.workflowRunUrl)}`] : []),
    "",
  ];
  if (error.message.includes("\n")) lines.push(fence("text", error.message), "");
  if (error instanceof AppError && error.hint) lines.push(`**Hint:** ${md(error.hint)}`, "");
  if (ctx.results)
    lines.push(renderApplyMarkdown(ctx.results, { marker: false, heading: "### What was applied" }).trim(), "");
  lines.push(
    "Until an apply succeeds, the live destinations may not match the default branch. Re-running the apply job is safe: it re-plans from the live state and continues where this run stopped.",
    "This issue is closed automatically by the next successful apply.",
    "",
  );
  return fitToComment(lines.join("\n"), ctx.workflowRunUrl);
}

function inWorkflowRun(workflowRunUrl: string | undefined): string {
  return workflowRunUrl ? ` in ${link("this workflow run", workflowRunUrl)}` : "";
}

function firstLine(text: string): string {
  return text.split("\n", 1)[0] ?? "";
}
