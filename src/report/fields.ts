// A change's detail lines, in plain text: field diffs, selector moves, the credentials section.
// Shared by the text plan, the diff blocks of the PR comment and the drift report.
import type { AudienceRef, Change, FieldChange } from "../domain/plan.js";
import { audienceText, formatValue } from "./values.js";

export function fieldLines(change: Change): string[] {
  const lines = change.fields.map((field) => fieldLine(field, change.action === "create"));
  if (change.credentials) lines.push(credentialsLine(change.credentials));
  return lines;
}

/** Write-only values: Adobe never returns them, so a plan can say that they are written, never what. */
export function credentialsLine(kind: "set" | "rotate" | "not-compared"): string {
  if (kind === "not-compared") return "credentials: not compared (this plan ran without them; apply sets them)";
  return `credentials: ${kind} (write-only, values not shown)`;
}

/** One field's line; on a create there is no before, so only the value being set is shown. */
export function fieldLine(field: FieldChange, creating: boolean): string {
  // Selector lists are keyed by identity: one line per item that joins or leaves.
  if (field.field === "audiences") return signed(field, (a) => `audience ${audienceText(a as AudienceRef)}`);
  if (field.field === "profileAttributes") return signed(field, (p) => `attribute ${String(p)}`);
  if (creating && field.before === undefined) return `${field.field}: ${formatValue(field.after)}`;
  return `${field.field}: ${formatValue(field.before)} → ${formatValue(field.after)}`;
}

function signed(field: FieldChange, text: (item: unknown) => string): string {
  return field.after !== undefined ? `+ ${text(field.after)}` : `- ${text(field.before)}`;
}
