// The incident issue of a failed apply (label aep-gitops-incident): opened when an apply on the default
// branch fails or is refused, updated (with a comment, so watchers hear of it) when it fails again,
// closed by the next apply that succeeds. One per scope, so a red main branch is tracked exactly once.
import { AppError } from "../errors.js";
import type { GitHubPort, PullRequestRef } from "../github/port.js";
import { closeIssue, openOrUpdateIssue } from "../github/tracking-issue.js";
import { renderApplyMarkdown, type SandboxResults } from "../report/apply-result.js";
import { code, fence, link, md } from "../report/markdown-escape.js";
import { fitToComment } from "./plan-comment.js";
import { INCIDENT_LABEL, withoutMarker } from "./markers.js";

export interface IncidentContext {
  marker: string;
  sandbox: string | undefined;
  sha: string;
  runUrl: string | undefined;
  pr?: PullRequestRef | undefined;
  results?: SandboxResults[] | undefined;
}

export async function openIncident(github: GitHubPort, error: Error, ctx: IncidentContext) {
  const title = `aep-gitops apply failed${ctx.sandbox ? ` (sandbox ${ctx.sandbox})` : ""}`;
  const again = `Failed again for merge commit ${code(ctx.sha.slice(0, 7))}${ctx.runUrl ? ` in ${link("this workflow run", ctx.runUrl)}` : ""}: ${md(firstLine(error.message))}`;
  return openOrUpdateIssue(
    github,
    { label: INCIDENT_LABEL, marker: ctx.marker },
    { title, body: incidentBody(error, ctx), comment: again },
  );
}

export async function resolveIncident(github: GitHubPort, ctx: Pick<IncidentContext, "marker" | "sha" | "runUrl">) {
  const comment = `Resolved: merge commit ${code(ctx.sha.slice(0, 7))} was applied successfully${ctx.runUrl ? ` in ${link("this workflow run", ctx.runUrl)}` : ""}; the live destinations match the default branch.`;
  return closeIssue(github, { label: INCIDENT_LABEL, marker: ctx.marker }, comment);
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
    ...(ctx.runUrl ? [`- Workflow run: ${link("log and job summary", ctx.runUrl)}`] : []),
    "",
  ];
  if (error.message.includes("\n")) lines.push(fence("text", error.message), "");
  if (error instanceof AppError && error.hint) lines.push(`**Hint:** ${md(error.hint)}`, "");
  if (ctx.results)
    lines.push(
      withoutMarker(renderApplyMarkdown(ctx.results))
        .replace(/^## .*\n/m, "### What was applied\n")
        .trim(),
      "",
    );
  lines.push(
    "Until an apply succeeds, the live destinations may not match the default branch. Re-running the apply job is safe: it re-plans from the live state and continues where this run stopped.",
    "This issue is closed automatically by the next successful apply.",
    "",
  );
  return fitToComment(lines.join("\n"), ctx.runUrl);
}

function firstLine(text: string): string {
  return text.split("\n", 1)[0] ?? "";
}
