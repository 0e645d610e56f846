// The drift issue, in words: the drift report under the job's marker, with where it was checked and what
// the reader can do about it; and the issue's title, with the count people triage by.
import type { Plan } from "../../domain/plan.js";
import { renderDriftMarkdown } from "../drift.js";
import { code, link } from "../markdown-escape.js";
import { visible } from "../visible.js";

export function driftIssueBody(
  plan: Plan,
  ctx: { marker: string; runUrl: string | undefined; sha: string | undefined },
): string {
  const footer = [
    `Checked against commit ${code((ctx.sha ?? "unknown").slice(0, 7))} of the default branch${checkedIn(ctx.runUrl)}.`,
    "aep-gitops reports drift and never fixes it on a schedule: re-run the apply workflow to restore the configuration, or change the YAML to keep what was changed.",
    "This issue is updated on every check and closed automatically when no drift is left.",
  ];
  return `${renderDriftMarkdown(plan, { marker: ctx.marker }).trimEnd()}\n\n${footer.join("\n")}\n`;
}

/** A title is plain text, yet people read it: what they cannot see is spelled out. */
export function driftIssueTitle(sandbox: string | undefined, count: number): string {
  return `aep-gitops: drift${sandbox ? ` in sandbox ${visible(sandbox)}` : ""} (${count} object${count === 1 ? "" : "s"})`;
}

export function driftResolvedComment(runUrl: string | undefined): string {
  return `No drift any more: the live destinations match the configuration again (checked${checkedIn(runUrl)}). Closing.`;
}

function checkedIn(runUrl: string | undefined): string {
  return runUrl ? ` by ${link("this workflow run", runUrl)}` : "";
}
