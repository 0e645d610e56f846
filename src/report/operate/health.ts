// The health report (is data flowing?) in words: `aep-gitops status`, the drift report's health section
// and the plan comment's line per changed destination all say it the same way. Worst first. Identity
// figures carry "≈" where Adobe says they are estimates; error messages are Adobe's, neutralised here.
import {
  byUrgency,
  VERDICTS,
  type DestinationHealth,
  type HealthReport,
  type Verdict,
} from "../../domain/operate/health.js";
import { code, md } from "../escape/markdown.js";
import { printable } from "../escape/terminal.js";
import { grouped, isoTime } from "../plan/values.js";

export const STATUS_JSON_FORMAT = "aep-gitops.status/v1";

const SYMBOL: Record<Verdict, string> = {
  failing: "✗",
  silent: "!",
  starting: "…",
  unknown: "?",
  "not running": "-",
  healthy: "✓",
};

const MARK: Record<Verdict, string> = {
  failing: "🔴",
  silent: "🟠",
  starting: "⏳",
  unknown: "❔",
  "not running": "⚪",
  healthy: "🟢",
};

/** `12,345`: the same grouping as every other figure of a report. */
export const count = grouped;

/** `2026-12-07 18:00–19:05 UTC`: a window as an operator reads it. */
function windowText(h: DestinationHealth): string | undefined {
  const w = h.lastWindow;
  if (!w) return undefined;
  const start = isoTime(w.startedAt)!.slice(0, 16).replace("T", " ");
  const end = isoTime(w.completedAt)!.slice(11, 16);
  return `${start}–${end} UTC (${w.status})`;
}

function figures(h: DestinationHealth): string {
  const t = h.last24h;
  const e = h.estimated ? "≈" : "";
  return `${count(t.received)} profiles received, identities ${e}${count(t.activated)} activated / ${e}${count(t.excluded)} excluded / ${e}${count(t.failed)} failed, in ${t.windows} window${t.windows === 1 ? "" : "s"}${t.failedWindows ? ` (${t.failedWindows} with failures)` : ""}`;
}

/** One line for a destination: verdict, name, why (the plan comment's line and the lists' first line). */
export function healthHeadline(h: DestinationHealth): string {
  return `${h.verdict}: ${h.reason}${h.recoveredAt !== undefined ? `; recovered at ${isoTime(h.recoveredAt)}` : ""}`;
}

export function summaryOf(destinations: DestinationHealth[]): string {
  if (destinations.length === 0) return "No destinations to report on.";
  const by = new Map<Verdict, number>();
  for (const h of destinations) by.set(h.verdict, (by.get(h.verdict) ?? 0) + 1);
  const parts = [...by.entries()]
    .sort(([a], [b]) => VERDICTS.indexOf(a) - VERDICTS.indexOf(b))
    .map(([v, n]) => `${n} ${v}`);
  const noun = destinations.length === 1 ? "destination" : "destinations";
  return `${destinations.length} ${noun}: ${parts.join(", ")}.`;
}

export function renderHealthText(report: HealthReport, opts: { heading?: string } = {}): string {
  const lines: string[] = [];
  const sorted = [...report.destinations].sort(byUrgency);
  lines.push(opts.heading ?? `Health over the last 24 hours (at ${isoTime(report.at)}):`);
  for (const h of sorted) {
    lines.push(printable(`  ${SYMBOL[h.verdict]} ${h.sandbox}/${h.destination}: ${healthHeadline(h)}`));
    const window = windowText(h);
    if (window) lines.push(printable(`      last window ${window}`));
    if (h.last24h.windows > 0) lines.push(printable(`      ${figures(h)}`));
    for (const e of h.topErrors) lines.push(printable(`      ${e.code} ×${count(e.count)}: ${e.message}`));
  }
  if (sorted.some((h) => h.estimated && h.last24h.windows > 0))
    lines.push("  ≈ Adobe estimates the identity figures of Amazon Kinesis and Azure Event Hubs destinations.");
  for (const note of report.notes) lines.push(printable(`  Note: ${note}`));
  lines.push(summaryOf(sorted));
  return `${lines.join("\n")}\n`;
}

export function renderHealthMarkdown(report: HealthReport, opts: { heading?: string } = {}): string {
  const sorted = [...report.destinations].sort(byUrgency);
  const lines = [opts.heading ?? "### Health (last 24 hours)", "", `**${md(summaryOf(sorted))}**`, ""];
  if (sorted.length > 0) {
    lines.push(
      "| | Destination | Verdict | Last window | Profiles received | Identities activated / excluded / failed | Top errors |",
      "|---|---|---|---|---|---|---|",
    );
    for (const h of sorted) {
      const e = h.estimated ? "≈" : "";
      const t = h.last24h;
      const errors = h.topErrors.map((x) => `${code(x.code, { inTable: true })} ×${count(x.count)} ${md(x.message)}`);
      // No window in the day: no figures, rather than zeros that read like a measurement.
      const received = t.windows > 0 ? count(t.received) : "–";
      const identities =
        t.windows > 0 ? `${e}${count(t.activated)} / ${e}${count(t.excluded)} / ${e}${count(t.failed)}` : "–";
      lines.push(
        `| ${MARK[h.verdict]} | ${code(`${h.sandbox}/${h.destination}`, { inTable: true })} | ${md(healthHeadline(h))} | ${md(windowText(h) ?? "none")} | ${received} | ${identities} | ${errors.join("<br>") || ""} |`,
      );
    }
    lines.push("");
    if (sorted.some((h) => h.estimated && h.last24h.windows > 0))
      lines.push("≈ Adobe estimates the identity figures of Amazon Kinesis and Azure Event Hubs destinations.", "");
  }
  for (const note of report.notes) lines.push(`> ${md(note)}`, "");
  return `${lines.join("\n")}\n`;
}

/** The plan comment's line for a destination it changes, so a reviewer does not widen a failing flow unknowingly. */
export function healthLineMarkdown(h: DestinationHealth): string {
  const t = h.last24h;
  const figuresText =
    t.windows > 0 ? ` (24 h: ${count(t.received)} received, ${h.estimated ? "≈" : ""}${count(t.failed)} failed)` : "";
  const top = h.topErrors[0] ? `; top error ${code(h.topErrors[0].code)} ${md(h.topErrors[0].message)}` : "";
  return `- ${MARK[h.verdict]} ${code(h.destination)} is **${h.verdict}**: ${md(h.reason)}${md(figuresText)}${top}`;
}

export function healthJson(report: HealthReport): Record<string, unknown> {
  return {
    at: isoTime(report.at),
    destinations: [...report.destinations].sort(byUrgency).map((h) => ({
      ...h,
      ...(h.lastWindow
        ? {
            lastWindow: {
              ...h.lastWindow,
              startedAt: isoTime(h.lastWindow.startedAt),
              completedAt: isoTime(h.lastWindow.completedAt),
            },
          }
        : {}),
      ...(h.recoveredAt !== undefined ? { recoveredAt: isoTime(h.recoveredAt) } : {}),
    })),
    notes: report.notes,
  };
}

export function renderStatusJson(report: HealthReport): string {
  return `${JSON.stringify({ format: STATUS_JSON_FORMAT, ...healthJson(report) }, null, 2)}\n`;
}
