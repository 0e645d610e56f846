// The egress delta as the PR comment shows it, right under the summary: per destination, which
// audiences and profile attributes start or stop leaving the company. Reviewers of a data change read
// this first, so it is never collapsed.
import type { AudienceRef, EgressDelta, Plan } from "../../domain/plan/plan.js";
import { sizeSentences, sizeText } from "./audience-sizes.js";
import { EGRESS_TITLE, egressStatus, typeLabel } from "./egress.js";
import { code, md } from "../escape/markdown.js";
import { mislabel, scheduleText } from "./values.js";

const STATUS_MARK: Record<EgressDelta["status"], string> = {
  started: "🟢",
  stopped: "🔴",
  changed: "🟡",
  "still-exporting": "🟠",
};

export function egressSection(plan: Plan): string[] {
  const deltas = plan.sandboxes.flatMap((s) => s.egress.map((delta) => ({ sandbox: s.sandbox, delta })));
  const changes = plan.sandboxes.some((s) => s.changes.some((c) => c.action !== "orphan"));
  if (deltas.length === 0 && !changes) return [];
  const lines = [`### ${EGRESS_TITLE}`, ""];
  if (deltas.length === 0)
    return [...lines, "_No change to which audiences or profile attributes leave the company._", ""];
  for (const { sandbox, delta } of deltas) lines.push(...destinationBlock(sandbox, delta));
  return lines;
}

function destinationBlock(sandbox: string, delta: EgressDelta): string[] {
  const type = typeLabel(delta);
  const where = [...(type ? [md(type)] : []), `sandbox ${code(sandbox)}`].join(" · ");
  // The list follows its headline without a blank line (a list may interrupt a paragraph), so the
  // block has no section boundary inside it and a truncation never separates the two.
  const lines = [
    `${STATUS_MARK[delta.status]} **${md(delta.destination)}** (${where}): **${md(egressStatus(delta))}**`,
  ];
  const items = [
    ...targetLines(delta),
    ...delta.audiencesAdded.map(
      (a) =>
        `- ➕ audience ${audience(a, "YAML")}${a.schedule ? ` ${scheduleText(a.schedule, code)}` : ""} — ${sizeText(a)}`,
    ),
    ...delta.attributesAdded.map((p) => `- ➕ attribute ${code(p)}`),
    ...(delta.audiencesRescheduled ?? []).map(
      (a) => `- 🗓️ audience ${audience(a, "YAML")}: ${scheduleText(a.before, code)} → ${scheduleText(a.after, code)}`,
    ),
    ...delta.audiencesRemoved.map((a) => `- ➖ audience ${audience(a, "the flow")} — ${sizeText(a)}`),
    ...delta.attributesRemoved.map((p) => `- ➖ attribute ${code(p)}`),
    // How many people that is: fixed words, numbers, and the stream's name as a code span.
    ...sizeSentences(delta, code).map((sentence) => `- 👥 ${sentence}`),
  ];
  return [...lines, ...items, ""];
}

/** Where it goes: each moved key with its old and new value, or the place of a new (or deleted) destination. */
function targetLines(delta: EgressDelta): string[] {
  const { before, after } = delta.target ?? {};
  const value = (v: unknown) => code(typeof v === "string" ? v : (JSON.stringify(v) ?? "(none)"));
  if (before && after) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys
      .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      .map((key) => `- 🔀 ${md(key)} ${value(before[key])} → ${value(after[key])}`);
  }
  const place = after ?? before;
  if (!place) return [];
  const words = Object.entries(place).map(([key, v]) => `${md(key)} ${value(v)}`);
  return [`- 📍 ${after || delta.status === "still-exporting" ? "to" : "from"} ${words.join(", ")}`];
}

/** Adobe's name for the id, bold; a selector label that is not Adobe's name, flagged next to it. */
function audience(a: AudienceRef, labelFrom: "YAML" | "the flow"): string {
  const labels = a.labels?.length ? ` (labels ${a.labels.map((l) => code(l)).join(", ")})` : "";
  const name = a.adobeName ?? a.name;
  const mislabelled = mislabel(a);
  const flag = mislabelled === undefined ? "" : ` ⚠️ ${labelFrom} says ${code(mislabelled)}`;
  return `${name === undefined ? code(a.id) : `**${md(name)}** ${code(a.id)}`}${flag}${labels}`;
}
