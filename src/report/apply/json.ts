// What apply and drift did, as JSON for machines. Versioned by `format` like the plan's JSON: fields may
// be added within a version, anything else bumps it. Documented in docs/json-output.md.
import type { SandboxResults } from "../../domain/apply/results.js";
import type { Problem } from "../../domain/checks/problem.js";
import { driftItems, trailFor, type DriftReport } from "../operate/drift.js";
import { healthJson } from "../operate/health.js";
import { isoTime } from "../plan/values.js";
import { problemsJson } from "../problems/problems.js";

export const APPLY_JSON_FORMAT = "aep-gitops.apply/v1";
export const DRIFT_JSON_FORMAT = "aep-gitops.drift/v1";

/**
 * `{ format, checksum, summary: { done, failed, skipped }, created: [{ sandbox, ref, id }], results: [{
 * sandbox, items: [{ ref, action, resource, name, status, id?, … }] }] }`.
 */
export function renderApplyJson(
  checksum: string,
  results: SandboxResults[],
  warnings: { problems?: Problem[] | undefined; cwd?: string | undefined } = {},
): string {
  return `${JSON.stringify(applyJsonDocument(checksum, results, warnings), null, 2)}\n`;
}

/** The apply document itself: `--format json` prints it indented, `--format jsonl` on one line. */
export function applyJsonDocument(
  checksum: string,
  results: SandboxResults[],
  warnings: { problems?: Problem[] | undefined; cwd?: string | undefined } = {},
) {
  const items = results.flatMap((r) => r.items);
  const count = (status: string) => items.filter((i) => i.status === status).length;
  return {
    format: APPLY_JSON_FORMAT,
    checksum,
    summary: { done: count("done"), failed: count("failed"), skipped: count("skipped") },
    created: results.flatMap((r) =>
      r.items.filter((i) => i.id !== undefined).map((i) => ({ sandbox: r.sandbox, ref: i.ref, id: i.id! })),
    ),
    results,
    problems: problemsJson(warnings.problems ?? [], warnings.cwd),
  };
}

/** `{ format, count, items: [{ sandbox, ref, resource, name, kind, attribution?, fields, reason? }] }`. */
export function renderDriftJson(
  report: DriftReport,
  warnings: { problems?: Problem[] | undefined; cwd?: string | undefined } = {},
): string {
  const items = driftItems(report.plan).map((item) => {
    const trail = trailFor(report.trails, item);
    return trail ? { ...item, trail: trail.map((e) => ({ ...e, at: isoTime(e.at) })) } : item;
  });
  const problems = problemsJson(warnings.problems ?? [], warnings.cwd);
  const health = report.health ? { health: healthJson(report.health) } : {};
  const allNotes = [...(report.trails?.notes ?? []), ...(report.writeNotes ?? [])];
  const notes = allNotes.length ? { notes: allNotes } : {};
  // Present only with --write: what was written (an empty list says nothing needed writing).
  const written = report.written ? { written: report.written } : {};
  // A partial report (--destination) names its patterns, as the plan's JSON does.
  const filter = report.plan.filter ? { filter: [...report.plan.filter] } : {};
  return `${JSON.stringify({ format: DRIFT_JSON_FORMAT, ...filter, count: items.length, items, ...health, ...notes, ...written, problems }, null, 2)}\n`;
}
