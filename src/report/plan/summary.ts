// The counting words of a plan: Terraform's summary grammar, and the per-action symbols and verbs.
import type { Change, ChangeAction, Plan, PlanSummary, SandboxPlan } from "../../domain/plan/plan.js";

export const ACTION_SYMBOL: Record<ChangeAction, string> = {
  create: "+",
  update: "~",
  rename: "~",
  delete: "-",
  orphan: "?",
  adopt: "*",
};

export const NO_CHANGES = "No changes. Live destinations match the configuration.";

/**
 * `Plan: 2 to add, 1 to change, 0 to destroy.` with orphans and adoptions appended only when there are
 * some (the common case keeps Terraform's exact line). A plan with nothing to do says so, unless it
 * was refused: "match the configuration" would then be untrue.
 */
export function summaryLine(summary: PlanSummary, refusals = 0): string {
  const { add, change, destroy, orphaned, adopt } = summary;
  if (add + change + destroy + orphaned + adopt === 0 && refusals === 0) return NO_CHANGES;
  let line = `Plan: ${add} to add, ${change} to change, ${destroy} to destroy`;
  if (orphaned > 0) line += `, ${orphaned} orphaned`;
  if (adopt > 0) line += `, ${adopt} to adopt`;
  return `${line}.`;
}

/**
 * What a partial plan (--destination) says first, as Terraform warns of a narrowed plan: which destinations it
 * covers, and that nothing else was looked at. Undefined for a full plan.
 */
export function partialLine(filter: readonly string[] | undefined, report: "plan" | "drift report" = "plan") {
  if (!filter) return undefined;
  const patterns = filter.map((p) => `'${p}'`).join(", ");
  const rest = report === "plan" ? "nothing else is planned, pruned or listed" : "nothing else is compared";
  return `Partial ${report}: only destinations matching ${patterns}, with the accounts and shared objects they need; ${rest}.`;
}

export function planSummaryLine(plan: Plan): string {
  return summaryLine(plan.summary, refusalCount(plan));
}

export function refusalCount(plan: Plan): number {
  return plan.sandboxes.reduce((n, s) => n + s.refusals.length, 0);
}

/** The same counts as `Plan.summary`, for one sandbox. */
export function sandboxSummary(sandbox: SandboxPlan): PlanSummary {
  const summary: PlanSummary = { add: 0, change: 0, destroy: 0, orphaned: 0, adopt: 0 };
  for (const change of sandbox.changes) summary[SUMMARY_KEY[change.action]]++;
  return summary;
}

const SUMMARY_KEY: Record<ChangeAction, keyof PlanSummary> = {
  create: "add",
  update: "change",
  rename: "change",
  delete: "destroy",
  orphan: "orphaned",
  adopt: "adopt",
};

/** Every call the plan makes, with the change it belongs to (orphans make none). */
export function callCount(plan: Plan): number {
  return plan.sandboxes.reduce((n, s) => n + s.changes.reduce((m, c: Change) => m + c.calls.length, 0), 0);
}
