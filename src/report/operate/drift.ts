// The same diff as a plan, read as drift for the scheduled job: what differs between Adobe and Git,
// and who made it differ. Changes made outside Git are told apart from YAML edits not yet applied
// ("Objects have changed outside of Terraform"), and credentials never count: they are write-only,
// so a rotation pending is not drift. The CLI exits 2 when driftItems() is not empty.
import type { AuditTrails, TrailEntry } from "../../domain/operate/audit-trail.js";
import type { HealthReport } from "../../domain/operate/health.js";
import type { Attribution, Change, FieldChange, Plan, ResourceKind } from "../../domain/plan/plan.js";
import { atText, writerText } from "../plan/attribution.js";
import { renderHealthMarkdown, renderHealthText } from "./health.js";
import { fieldLine } from "../plan/fields.js";
import { code, md } from "../escape/markdown.js";
import { DRIFT_MARKER } from "../comments/markers.js";
import { ACTION_SYMBOL, partialLine } from "../plan/summary.js";
import { printable } from "../escape/terminal.js";
import { formatValue, isoTime } from "../plan/values.js";

/** The drift report: the plan read as drift, and what the morning reader wants beside it. */
export interface DriftReport {
  plan: Plan;
  /** Is data flowing (the dataflow runs): failing and silent destinations first. */
  health?: HealthReport;
  /** Who did what in Adobe since this tool's last write, per drifted object (`<sandbox>:<ref>`). */
  trails?: AuditTrails;
  /** `drift --write`: the files rewritten to describe the live state (empty: none), and what was not written. */
  written?: WrittenFile[];
  writeNotes?: string[];
}

/** One YAML file `drift --write` rewrote: relative to the working folder, with the objects and fields written. */
export interface WrittenFile {
  file: string;
  refs: string[];
  fields: string[];
}

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
        duplicate: c.duplicate,
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

export function renderDriftText(plan: Plan, extras: Omit<DriftReport, "plan"> = {}): string {
  const items = driftItems(plan);
  const partial = partialLine(plan.filter, "drift report");
  const lines: string[] = partial ? [printable(partial), ""] : [];
  if (extras.health && extras.health.destinations.length + extras.health.notes.length > 0)
    lines.push(...renderHealthText(extras.health).trimEnd().split("\n"), "");
  for (const sandbox of plan.sandboxes) {
    const mine = items.filter((i) => i.sandbox === sandbox.sandbox);
    if (mine.length === 0) continue;
    lines.push(printable(`Drift in sandbox ${sandbox.sandbox}:`));
    for (const i of mine)
      lines.push(
        `  ${printable(`${SYMBOL[i.kind]} ${i.resource} ${i.name}: ${driftText(i)}`)}`,
        ...detailLines(i).map((line) => `      ${printable(line)}`),
        ...trailText(trailFor(extras.trails, i)).map((line) => `      ${printable(line)}`),
      );
    lines.push("");
  }
  for (const note of extras.trails?.notes ?? []) lines.push(printable(`Note: ${note}`));
  lines.push(driftSummaryLine(items));
  if (extras.written) lines.push(...writtenLines(extras.written, extras.writeNotes ?? []).map(printable));
  return `${lines.join("\n")}\n`;
}

const MARK: Record<DriftKind, string> = { "changed-outside": "✏️", pending: "⏳", missing: "❓", orphan: "🗑️" };

export function renderDriftMarkdown(plan: Plan, opts: { marker?: string } & Omit<DriftReport, "plan"> = {}): string {
  const items = driftItems(plan);
  const lines = [opts.marker ?? DRIFT_MARKER, "## aep-gitops drift", "", `**${md(driftSummaryLine(items))}**`, ""];
  const partial = partialLine(plan.filter, "drift report");
  if (partial) lines.push(`> ${md(partial)}`, "");
  if (opts.health && opts.health.destinations.length + opts.health.notes.length > 0)
    lines.push(renderHealthMarkdown(opts.health).trimEnd(), "");
  for (const sandbox of plan.sandboxes) {
    const mine = items.filter((i) => i.sandbox === sandbox.sandbox);
    if (mine.length === 0) continue;
    lines.push(`### Sandbox ${code(sandbox.sandbox)}`, "");
    for (const i of mine) {
      lines.push(`- ${MARK[i.kind]} ${md(i.resource)} **${md(i.name)}**: ${markdownText(i)}`);
      lines.push(...detailLines(i).map((line) => `  - ${code(line)}`));
      lines.push(...trailMarkdown(trailFor(opts.trails, i)));
    }
    lines.push("");
  }
  for (const note of opts.trails?.notes ?? []) lines.push(`> ${md(note)}`, "");
  if (opts.written) lines.push(...writtenLines(opts.written, opts.writeNotes ?? []).map((l) => `> ${md(l)}`), "");
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

/** The audit trail of a drifted object, when the report read one. */
export function trailFor(trails: AuditTrails | undefined, item: DriftItem): TrailEntry[] | undefined {
  return trails?.byRef[`${item.sandbox}:${item.ref}`];
}

function entryText(e: TrailEntry): string {
  return `${isoTime(e.at)}  ${e.who}  ${e.action}${e.detail ? ` (${e.detail})` : ""}`;
}

function trailText(trail: TrailEntry[] | undefined): string[] {
  if (trail === undefined) return [];
  if (trail.length === 0) return ["audit log: no change by anyone else since aep-gitops last wrote it"];
  return ["audit log since aep-gitops last wrote it:", ...trail.map((e) => `  ${entryText(e)}`)];
}

/** In markdown each entry's writer is code, so an e-mail is shown, never linked or mentioned. */
function trailMarkdown(trail: TrailEntry[] | undefined): string[] {
  if (trail === undefined) return [];
  if (trail.length === 0) return ["  - audit log: no change by anyone else since aep-gitops last wrote it"];
  return [
    "  - audit log since aep-gitops last wrote it:",
    ...trail.map(
      (e) => `    - ${code(isoTime(e.at) ?? "")} ${code(e.who)} ${md(e.action)}${e.detail ? ` ${code(e.detail)}` : ""}`,
    ),
  ];
}

/** What `drift --write` did: each file and what it now says, what it left alone, and what to do next. */
function writtenLines(written: WrittenFile[], notes: string[]): string[] {
  const lines = written.map((w) => `Wrote ${w.file}: ${w.refs.join(", ")} (${w.fields.join(", ")})`);
  lines.push(...notes.map((n) => `Not written: ${n}`));
  lines.push(
    written.length === 0
      ? "No YAML rewritten: nothing changed outside Git that the YAML can describe."
      : "The YAML now describes what Adobe holds: review the diff and commit it; 'aep-gitops plan' shows no change for it.",
  );
  return lines;
}
