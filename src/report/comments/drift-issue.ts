// The drift issue, in words: the drift report under the job's marker (with the destinations' health and
// the audit trail of what drifted), with where it was checked and what the reader can do about it; the
// issue's title, with the counts people triage by; and the hidden record of which destinations needed
// attention, so the next check can say which of them recovered.
import type { DestinationHealth } from "../../domain/operate/health.js";
import { renderDriftMarkdown, type DriftReport } from "../operate/drift.js";
import { healthHeadline } from "../operate/health.js";
import { code, link, md } from "../escape/markdown.js";
import { visible } from "../escape/visible.js";

/** `sandbox/destination` keys: what the record may hold (YAML names are of this alphabet). */
const KEY = /^[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+$/;
const RECORD = /^<!-- aep-gitops:attention ([A-Za-z0-9._/,-]*) -->$/m;

export function attentionKey(h: Pick<DestinationHealth, "sandbox" | "destination">): string {
  return `${h.sandbox}/${h.destination}`;
}

/** The destinations the previous check found failing or silent, from the issue it wrote. */
export function readAttention(body: string | undefined): string[] {
  const match = body ? RECORD.exec(body) : null;
  return match ? match[1]!.split(",").filter((key) => KEY.test(key)) : [];
}

export function driftIssueBody(
  report: DriftReport,
  ctx: {
    marker: string;
    workflowRunUrl: string | undefined;
    sha: string | undefined;
    /** Failing or silent now (written to the record). */
    attention?: readonly DestinationHealth[];
    /** Failing or silent at the previous check, not any more. */
    recovered?: readonly DestinationHealth[];
    /** What the drift job's pull requests (input drift-pr) are: markdown list items, already escaped. */
    pullRequests?: readonly string[];
  },
): string {
  const recovered = (ctx.recovered ?? []).map((h) => `- ${code(attentionKey(h))} recovered: ${md(healthHeadline(h))}`);
  const footer = [
    `Checked against commit ${code((ctx.sha ?? "unknown").slice(0, 7))} of the default branch${checkedIn(ctx.workflowRunUrl)}.`,
    "aep-gitops reports drift and never fixes it on a schedule: re-run the apply workflow to restore the configuration, or change the YAML to keep what was changed.",
    `This issue is updated on every check and closed automatically when no drift is left${report.health ? " and no destination is failing or silent" : ""}.`,
  ];
  const record = (ctx.attention ?? []).map(attentionKey).filter((key) => KEY.test(key));
  return [
    renderDriftMarkdown(report.plan, { marker: ctx.marker, ...report }).trimEnd(),
    ...(recovered.length ? ["", "### Recovered since the last check", "", ...recovered] : []),
    ...(ctx.pullRequests?.length ? ["", "### Keep the changes in Git instead", "", ...ctx.pullRequests] : []),
    "",
    ...footer,
    ...(record.length > 0 ? [`<!-- aep-gitops:attention ${record.join(",")} -->`] : []),
    "",
  ].join("\n");
}

/** A title is plain text, yet people read it: what they cannot see is spelled out. */
export function driftIssueTitle(sandbox: string | undefined, count: number, attention = 0): string {
  const where = sandbox ? ` in sandbox ${visible(sandbox)}` : "";
  const health = `${attention} destination${attention === 1 ? "" : "s"} failing or silent`;
  if (count === 0) return `aep-gitops: ${health}${where}`;
  const drift = `drift${where} (${count} object${count === 1 ? "" : "s"})`;
  return `aep-gitops: ${drift}${attention > 0 ? `, ${health}` : ""}`;
}

export function driftResolvedComment(
  workflowRunUrl: string | undefined,
  health: { read: boolean; recovered?: readonly DestinationHealth[] } = { read: false },
): string {
  const recovered = health.recovered ?? [];
  const back = recovered.length
    ? ` Recovered: ${recovered.map((h) => `${code(attentionKey(h))} (${md(healthHeadline(h))})`).join(", ")}.`
    : "";
  const none = health.read ? ", and no destination is failing or silent" : "";
  return `No drift any more: the live destinations match the configuration again${none} (checked${checkedIn(workflowRunUrl)}).${back} Closing.`;
}

function checkedIn(workflowRunUrl: string | undefined): string {
  return workflowRunUrl ? ` by ${link("this workflow run", workflowRunUrl)}` : "";
}
