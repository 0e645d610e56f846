// The plan as a sticky PR comment. Summary first (the counts, anything that blocks the apply, then
// what starts or stops leaving the company); the per-object details and the exact API calls are
// collapsed. The first line is a hidden marker by which the comment is found and updated in place,
// the last line the checksum the apply job reads back. Overflow is fitComment's job (overflow.ts).
import type { Change, Plan, SandboxPlan } from "../../domain/plan/plan.js";
import { callBody, callLine } from "./calls.js";
import { changeDetails, changeHeader } from "./change-lines.js";
import { checksumLine } from "../comments/checksum-line.js";
import { egressSection } from "./markdown-egress.js";
import { pictureSection } from "./markdown-picture.js";
import { samplesSection } from "./markdown-samples.js";
import { code, fence, html, link, md } from "../escape/markdown.js";
import { PLAN_COMMENT_MARKER } from "../comments/markers.js";
import { callCount, partialLine, planSummaryLine, sandboxSummary, summaryLine } from "./summary.js";

export interface MarkdownOptions {
  title?: string;
  /** The workflow run that made the plan; linked under the summary. */
  workflowRunUrl?: string;
  /** The hidden first line (default: the plain plan marker). */
  marker?: string;
  /** A hidden second line, right under the marker: what the comment records for whoever reads it back. */
  record?: string;
  /** Lines of the caller's (already markdown) shown right under the summary line. */
  preamble?: string[];
}

export function renderPlanMarkdown(plan: Plan, opts: MarkdownOptions = {}): string {
  const lines = [
    opts.marker ?? PLAN_COMMENT_MARKER,
    ...(opts.record ? [opts.record] : []),
    `## ${md(opts.title ?? "aep-gitops plan")}`,
    "",
    `**${md(planSummaryLine(plan))}**`,
    ...partialNote(plan),
    ...(opts.preamble?.length ? ["", ...opts.preamble] : []),
    "",
  ];
  if (opts.workflowRunUrl) lines.push(link("Workflow run", opts.workflowRunUrl), "");
  lines.push(...planMarkdownBody(plan));
  return `${lines.join("\n")}\n`;
}

/** Everything under the summary line, for embedding the plan in another comment. */
export function planMarkdownBody(plan: Plan): string[] {
  // Refusals and notes are short and decide whether the plan can be applied at all: they come before the
  // egress delta, which in a large plan can fill the comment and is what overflow cuts first.
  // The picture goes before it: bounded in size (collapsed per account in a large sandbox), it survives
  // a cut that the list of a few hundred destinations would otherwise push it out of. The sample
  // records come after the per-object changes: they are bulkier, and truncation cuts from the end.
  const lines = [
    ...summaryTable(plan),
    ...refusalBlock(plan),
    ...noteBlock(plan),
    ...pictureSection(plan),
    ...egressSection(plan),
  ];
  for (const sandbox of plan.sandboxes) lines.push(...sandboxDetails(sandbox));
  lines.push(...samplesSection(plan), ...callDetails(plan), checksumLine(plan.checksum));
  return lines;
}

/** A partial plan says so right under its summary, where a reviewer cannot miss it. */
function partialNote(plan: Plan): string[] {
  const partial = partialLine(plan.filter);
  return partial ? ["", "> [!IMPORTANT]", `> ${md(partial)}`] : [];
}

function summaryTable(plan: Plan): string[] {
  // Adoption is rare: its column appears only in plans that adopt something.
  const adopt = plan.summary.adopt > 0;
  const rows = plan.sandboxes.map((s) => {
    const n = sandboxSummary(s);
    return `| ${code(s.sandbox, { inTable: true })} | ${n.add} | ${n.change} | ${n.destroy} | ${n.orphaned} |${adopt ? ` ${n.adopt} |` : ""}`;
  });
  return [
    `| Sandbox | Add | Change | Destroy | Orphaned |${adopt ? " Adopt |" : ""}`,
    `| :-- | --: | --: | --: | --: |${adopt ? " --: |" : ""}`,
    ...rows,
    "",
  ];
}

function refusalBlock(plan: Plan): string[] {
  const refusals = plan.sandboxes.flatMap((s) => s.refusals.map((r) => ({ sandbox: s.sandbox, ...r })));
  if (refusals.length === 0) return [];
  const count = refusals.length === 1 ? "this refusal is" : `these ${refusals.length} refusals are`;
  const lines = ["> [!CAUTION]", `> **Apply is blocked:** aep-gitops applies nothing until ${count} resolved.`, ">"];
  for (const r of refusals)
    lines.push(`> - ${code(r.rule)} in ${code(r.sandbox)}: ${md(r.message)}`, `>   **Hint:** ${md(r.hint)}`);
  return [...lines, ""];
}

function noteBlock(plan: Plan): string[] {
  const notes = plan.sandboxes.flatMap((s) => s.notes.map((n) => ({ sandbox: s.sandbox, ...n })));
  if (notes.length === 0) return [];
  const kind = notes.some((n) => n.level === "warning") ? "WARNING" : "NOTE";
  return [`> [!${kind}]`, ...notes.map((n) => `> - ${code(n.sandbox)}: ${md(n.message)}`), ""];
}

/**
 * One collapsed block per sandbox with changes, as a diff (fenced, so user text is shown verbatim). The
 * lines go to the fence one by one: a line break in a name is shown, never a new `+ flow` line.
 */
function sandboxDetails(sandbox: SandboxPlan): string[] {
  if (sandbox.changes.length === 0) return [];
  const counts = summaryLine(sandboxSummary(sandbox))
    .replace(/^Plan: /, "")
    .replace(/\.$/, "");
  const diff = sandbox.changes.flatMap((c) => [changeHeader(c), ...changeDetails(c).map((line) => `    ${line}`)]);
  return [
    "<details>",
    `<summary>Changes in sandbox ${html(sandbox.sandbox)}: ${html(counts)}</summary>`,
    "",
    fence("diff", diff),
    "",
    "</details>",
    "",
  ];
}

/** Every call apply will send, in dependency order, with its JSON body. */
function callDetails(plan: Plan): string[] {
  const total = callCount(plan);
  if (total === 0) return [];
  const lines = [
    "<details>",
    `<summary>API calls (${total}): exactly what apply sends, in dependency order</summary>`,
    "",
  ];
  for (const sandbox of plan.sandboxes) {
    const changes = sandbox.changes.filter((c) => c.calls.length > 0);
    if (changes.length === 0) continue;
    lines.push(`#### Sandbox ${code(sandbox.sandbox)}`, "");
    for (const change of changes) lines.push(...changeCalls(change));
  }
  return [...lines, "</details>", ""];
}

function changeCalls(change: Change): string[] {
  // The header and the first call line are one paragraph (GitHub shows the line break), so no cut
  // falls between a change and its call.
  const lines = [`**${md(changeHeader(change))}**`];
  for (const call of change.calls) {
    lines.push(code(callLine(call)), "");
    const body = callBody(call);
    if (body !== undefined) lines.push(fence("json", body), "");
  }
  return lines;
}
