// A change's detail lines, in plain text: field diffs, selector moves, the credentials section.
// Shared by the text plan, the diff blocks of the PR comment and the drift report.
import type { AudienceSchedule } from "../../domain/state/desired.js";
import type { AudienceRef, Change, FieldChange } from "../../domain/plan/plan.js";
import { audienceText, formatValue, scheduleText } from "./values.js";

export function fieldLines(change: Change): string[] {
  const lines = change.fields.map((field) => fieldLine(field, change.action === "create"));
  if (change.credentials) lines.push(credentialsLine(change.credentials, change.credentialRefs));
  return lines;
}

/**
 * Write-only values: Adobe never returns them, so a plan says that they are written and where from
 * (each field's `${env:NAME}`, or the setting the YAML writes), never what the variables hold.
 */
export function credentialsLine(kind: "set" | "rotate" | "not-compared", refs?: Record<string, string>): string {
  const from = refs ? `, from ${credentialSources(refs)}` : "";
  if (kind === "not-compared") return `credentials: not compared (this plan ran without them; apply sets them${from})`;
  return `credentials: ${kind} (write-only, values not shown${from})`;
}

/** `accessKeyId ← "AKIA…", secretKey ← ${env:KINESIS_SECRET_KEY}`: references bare, settings quoted. */
export function credentialSources(refs: Record<string, string>): string {
  return Object.keys(refs)
    .sort()
    .map((field) => `${field} ← ${credentialSource(refs[field]!)}`)
    .join(", ");
}

function credentialSource(value: string): string {
  return /^\$\{env:[A-Za-z_][A-Za-z0-9_]*\}$/.test(value) ? value : formatValue(value);
}

/** One field's line; on a create there is no before, so only the value being set is shown. */
export function fieldLine(field: FieldChange, creating: boolean): string {
  // Selector lists are keyed by identity: one line per item that joins or leaves.
  // An added audience's label is the YAML's; a removed one's, the live flow's.
  if (field.field === "audiences")
    return field.after !== undefined
      ? `+ audience ${audienceText(field.after as AudienceRef)}${scheduled(field.after as AudienceRef)}`
      : `- audience ${audienceText(field.before as AudienceRef, "the flow")}`;
  if (/^audiences\[.+\]\.schedule$/.test(field.field))
    return `${field.field}: ${scheduleText(field.before as AudienceSchedule | undefined)} → ${scheduleText(field.after as AudienceSchedule | undefined)}`;
  if (field.field === "profileAttributes") return signed(field, (p) => `attribute ${String(p)}`);
  // Which variable feeds a credential: its name, never its value (see src/domain/plan/accounts.ts).
  if (field.field.startsWith("credentials."))
    return `credential ${field.field.slice("credentials.".length)}: ${String(field.before ?? "(none)")} → ${String(field.after ?? "(none)")}`;
  if (creating && field.before === undefined) return `${field.field}: ${formatValue(field.after)}`;
  return `${field.field}: ${formatValue(field.before)} → ${formatValue(field.after)}`;
}

/** ` from 2026-07-01 until 2026-08-31` after an added audience the YAML schedules; nothing otherwise. */
export function scheduled(audience: AudienceRef): string {
  return audience.schedule === undefined ? "" : ` ${scheduleText(audience.schedule)}`;
}

function signed(field: FieldChange, text: (item: unknown) => string): string {
  return field.after !== undefined ? `+ ${text(field.after)}` : `- ${text(field.before)}`;
}
