// What an apply did, object by object: the executor reports each change on its own (a failure skips
// only what depends on it), so the report does too, with the concurrent edits met on the way.
import type { ItemResult, SandboxResults } from "../../domain/apply/results.js";
import { code, md } from "../escape/markdown.js";
import { APPLY_MARKER } from "../comments/markers.js";
import { printable } from "../escape/terminal.js";

const PAST: Record<ItemResult["action"], string> = {
  create: "created",
  update: "updated",
  rename: "renamed",
  delete: "deleted",
  adopt: "adopted",
  orphan: "left",
};
const TEXT_MARK: Record<ItemResult["status"], string> = { done: "✓", failed: "✗", skipped: "-" };
const MD_MARK: Record<ItemResult["status"], string> = { done: "✅", failed: "❌", skipped: "⏭️" };

export function applySummaryLine(results: SandboxResults[]): string {
  const items = results.flatMap((r) => r.items);
  const count = (status: ItemResult["status"]) => items.filter((i) => i.status === status).length;
  return `Apply complete: ${count("done")} succeeded, ${count("failed")} failed, ${count("skipped")} skipped.`;
}

/** `created flow x`, `failed to update flow x: …`, `skipped create flow x (…)`. */
export function itemText(item: ItemResult): string {
  const object = `${item.resource} ${item.name}`;
  // A rotation is said by the apply that makes it: the plan a reviewer saw could not know of it.
  if (item.status === "done")
    return `${PAST[item.action]} ${object}${item.action === "update" && item.credentials === "rotate" ? " (credentials rotated)" : ""}`;
  if (item.status === "failed") return `failed to ${item.action} ${object}: ${item.message ?? "unknown error"}`;
  // The executor's message already starts with "skipped: "; the reason is what is worth repeating.
  const why = item.message?.replace(/^skipped:\s*/, "");
  return `skipped ${item.action} ${object}${why ? ` (${why})` : ""}`;
}

/** One item as it completes, for live progress: `[prod] ✓ created flow x`, then any concurrent notes. */
export function renderItemLine(sandbox: string, item: ItemResult): string {
  return [printable(`[${sandbox}] ${TEXT_MARK[item.status]} ${itemText(item)}`), ...concurrentLines(item)].join("\n");
}

function concurrentLines(item: ItemResult): string[] {
  return item.concurrent.map((note) => `      concurrent change: ${printable(note)}`);
}

export function renderApplyText(results: SandboxResults[]): string {
  const lines: string[] = [];
  for (const { sandbox, items } of results) {
    if (items.length === 0) {
      lines.push(printable(`Sandbox ${sandbox}: nothing to apply.`), "");
      continue;
    }
    lines.push(printable(`Sandbox ${sandbox}:`));
    for (const item of items) {
      lines.push(`  ${printable(`${TEXT_MARK[item.status]} ${itemText(item)}`)}`, ...concurrentLines(item));
    }
    lines.push("");
  }
  lines.push(applySummaryLine(results));
  return `${lines.join("\n")}\n`;
}

export interface ApplyMarkdownOptions {
  /** The hidden first line (default: the plain apply marker); false for a render embedded elsewhere. */
  marker?: string | false;
  heading?: string;
  /** Lines of the caller's (already markdown) shown right under the summary line. */
  preamble?: string[];
}

export function renderApplyMarkdown(results: SandboxResults[], opts: ApplyMarkdownOptions = {}): string {
  const marker = opts.marker === undefined ? APPLY_MARKER : opts.marker;
  const lines = [
    ...(marker === false ? [] : [marker]),
    opts.heading ?? "## aep-gitops apply",
    "",
    `**${md(applySummaryLine(results))}**`,
    ...(opts.preamble?.length ? ["", ...opts.preamble] : []),
    "",
  ];
  for (const { sandbox, items } of results) {
    lines.push(`### Sandbox ${code(sandbox)}`, "");
    if (items.length === 0) lines.push("_Nothing to apply._");
    for (const item of items) {
      lines.push(
        `- ${MD_MARK[item.status]} ${md(itemText(item))}`,
        ...item.concurrent.map((note) => `  - concurrent change: ${md(note)}`),
      );
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}
