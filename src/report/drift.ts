// The same diff as a plan, read as drift for the scheduled job: what differs between Adobe and Git,
// and who made it differ. Changes made outside Git are told apart from YAML edits not yet applied
// ("Objects have changed outside of Terraform"), and credentials never count: they are write-only,
// so a rotation pending is not drift. The CLI exits 2 when driftItems() is not empty.
import type { Attribution, Change, FieldChange, Plan, ResourceKind } from "../domain/plan.js";
import { atText, writerText } from "./attribution.js";
import { fieldLine } from "./fields.js";
import { code, md } from "./markdown-escape.js";
import { DRIFT_MARKER } from "./markers.js";
import { ACTION_SYMBOL } from "./summary.js";
import { printable } from "./terminal-escape.js";
import { formatValue } from "./values.js";

export type DriftKind = "changed-outside" | "pending" | "missing" | "orphan";

export interface DriftItem {
  sandbox: string;
  ref: string;
  resource: ResourceKind;
  name: string;
  kind: DriftKind;
  attribution?: Attribution;
  fields: FieldChange[];
  /** For orphans: why the object is no longer wanted (not in YAML, a duplicate). */
  reason?: string;
  /** For orphans that are extra copies of one managed object: which copy. */
  duplicate?: number;
}

/** The objects a destination is made of; the shared Profile pair is plumbing, not drift. */
const DESTINATION_OBJECTS = new Set<ResourceKind>(["account", "target-connection", "flow"]);

export function driftItems(plan: Plan): DriftItem[] {
  return plan.sandboxes.flatMap((s) => s.changes.flatMap((c) => item(s.sandbox, c) ?? []));
}

function item(sandbox: string, c: Change): DriftItem | undefined {
  const base = { sandbox, ref: c.ref, resource: c.resource, name: c.name, fields: c.fields };
  const attribution = c.attribution ? { attribution: c.attribution } : {};
  switch (c.action) {
    case "update":
      // Only a credential rotation: write-only values are not drift.
      if (c.fields.length === 0) return undefined;
      return {
        ...base,
        ...attribution,
        kind: c.attribution && !c.attribution.byThisTool ? "changed-outside" : "pending",
      };
    case "create":
      return DESTINATION_OBJECTS.has(c.resource) ? { ...base, kind: "missing" } : undefined;
    case "orphan":
    case "delete":
      return {
        ...base,
        ...attribution,
        kind: "orphan",
        ...(c.reason ? { reason: c.reason } : {}),
        ...(c.duplicate === undefined ? {} : { duplicate: c.duplicate }),
      };
    case "rename":
      // The YAML renamed it; Adobe has the old name until the rename is applied.
      return { ...base, ...attribution, kind: "pending" };
    case "adopt":
      return undefined;
  }
}

/** `changed outside aep-gitops by X at T`, `missing in Adobe`, …: one phrase per kind. */
export function driftText(item: DriftItem): string {
  switch (item.kind) {
    case "changed-outside":
      return `changed outside aep-gitops by ${item.attribution ? writerText(item.attribution) + atText(item.attribution) : "an unknown writer"}`;
    case "pending":
      return "differs from YAML (last written by aep-gitops; YAML changed since the last apply)";
    case "missing":
      return "missing in Adobe";
    case "orphan":
      return `managed but no longer in YAML${item.duplicate !== undefined && item.reason ? ` (${item.reason})` : ""}`;
  }
}

export function driftSummaryLine(items: DriftItem[]): string {
  if (items.length === 0) return "No drift. Live destinations match the configuration.";
  const count = (kind: DriftKind) => items.filter((i) => i.kind === kind).length;
  const objects = items.length === 1 ? "1 object" : `${items.length} objects`;
  return `Drift: ${objects} (${count("changed-outside")} changed outside aep-gitops, ${count("pending")} pending, ${count("missing")} missing, ${count("orphan")} orphaned).`;
}

const SYMBOL: Record<DriftKind, string> = {
  "changed-outside": ACTION_SYMBOL.update,
  pending: ACTION_SYMBOL.update,
  missing: ACTION_SYMBOL.create,
  orphan: ACTION_SYMBOL.orphan,
};

export function renderDriftText(plan: Plan): string {
  const items = driftItems(plan);
  const lines: string[] = [];
  for (const sandbox of plan.sandboxes) {
    const mine = items.filter((i) => i.sandbox === sandbox.sandbox);
    if (mine.length === 0) continue;
    lines.push(printable(`Drift in sandbox ${sandbox.sandbox}:`));
    for (const i of mine)
      lines.push(
        `  ${printable(`${SYMBOL[i.kind]} ${i.resource} ${i.name}: ${driftText(i)}`)}`,
        ...detailLines(i).map((line) => `      ${printable(line)}`),
      );
    lines.push("");
  }
  lines.push(driftSummaryLine(items));
  return `${lines.join("\n")}\n`;
}

const MARK: Record<DriftKind, string> = { "changed-outside": "✏️", pending: "⏳", missing: "❓", orphan: "🗑️" };

export function renderDriftMarkdown(plan: Plan, opts: { marker?: string } = {}): string {
  const items = driftItems(plan);
  const lines = [opts.marker ?? DRIFT_MARKER, "## aep-gitops drift", "", `**${md(driftSummaryLine(items))}**`, ""];
  for (const sandbox of plan.sandboxes) {
    const mine = items.filter((i) => i.sandbox === sandbox.sandbox);
    if (mine.length === 0) continue;
    lines.push(`### Sandbox ${code(sandbox.sandbox)}`, "");
    for (const i of mine) {
      lines.push(`- ${MARK[i.kind]} ${md(i.resource)} **${md(i.name)}**: ${markdownText(i)}`);
      lines.push(...detailLines(i).map((line) => `  - ${code(line)}`));
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}

/** In markdown the writer and the time are code, so an id like `x@AdobeID` is shown, never linked. */
function markdownText(i: DriftItem): string {
  if (i.kind !== "changed-outside" || !i.attribution) return md(driftText(i));
  const when = atText(i.attribution).replace(/^ at /, "");
  return `changed outside aep-gitops by ${code(writerText(i.attribution))}${when ? ` at ${code(when)}` : ""}`;
}

function detailLines(i: DriftItem): string[] {
  // A missing object's fields are what creating it would set: not a difference worth listing.
  if (i.kind === "missing") return [];
  return i.fields.map(driftFieldLine);
}

/** Read as drift, a plan's field diff says where each side stands and what apply would do about it. */
function driftFieldLine(field: FieldChange): string {
  const item = fieldLine(field, false).replace(/^[+-] /, "");
  if (field.field === "audiences" || field.field === "profileAttributes") {
    return field.after !== undefined
      ? `${item}: in YAML, not in Adobe (apply adds it)`
      : `${item}: in Adobe, not in YAML (apply removes it)`;
  }
  return `${field.field}: Adobe has ${formatValue(field.before)}, YAML says ${formatValue(field.after)}`;
}
