// What apply and drift did, as JSON for machines. Versioned by `format` like the plan's JSON: fields may
// be added within a version, anything else bumps it. Documented in docs/plan-json.md.
import type { Plan } from "../domain/plan.js";
import type { SandboxResults } from "./apply-result.js";
import { driftItems } from "./drift.js";

export const APPLY_JSON_FORMAT = "aep-gitops.apply/v1";
export const DRIFT_JSON_FORMAT = "aep-gitops.drift/v1";

/** `{ format, checksum, results: [{ sandbox, items: [{ ref, action, resource, name, status, … }] }] }`. */
export function renderApplyJson(checksum: string, results: SandboxResults[]): string {
  return `${JSON.stringify({ format: APPLY_JSON_FORMAT, checksum, results }, null, 2)}\n`;
}

/** `{ format, count, items: [{ sandbox, ref, resource, name, kind, attribution?, fields, reason? }] }`. */
export function renderDriftJson(plan: Plan): string {
  const items = driftItems(plan);
  return `${JSON.stringify({ format: DRIFT_JSON_FORMAT, count: items.length, items }, null, 2)}\n`;
}
