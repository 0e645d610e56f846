// The pure planner: desired × live → Plan. No I/O, no clock, no environment, no randomness: the same
// inputs give the same plan and the same checksum, which is what lets an apply prove it runs the
// plan a reviewer saw.
import { planChecksum } from "../review/checksum.js";
import type { DesiredSandbox } from "../state/desired.js";
import type { LiveSandbox } from "../state/live.js";
import type { Change, Plan, PlanSummary, SandboxPlan } from "./plan.js";
import { planAccounts } from "./accounts.js";
import { planAdoptions } from "./adoption.js";
import { refuseConnectionPatches } from "./connection-writes.js";
import { PlanContext, type PlanOptions } from "./context.js";
import { planDestinations } from "./destinations.js";
import { planOrphans } from "./orphans.js";
import { hintRenames, planRenames } from "./renames.js";
import { explainVanished } from "./vanished.js";
import { checkGuardrails, checkSafety } from "../checks/safety.js";

export function planSandbox(desired: DesiredSandbox, live: LiveSandbox, options: PlanOptions): SandboxPlan {
  const ctx = new PlanContext(desired, live, options);
  planRenames(ctx);
  planAdoptions(ctx);
  planAccounts(ctx);
  planDestinations(ctx);
  planOrphans(ctx);
  explainVanished(ctx);
  refuseConnectionPatches(ctx);
  hintRenames(ctx);
  checkSafety(ctx);
  checkGuardrails(ctx);
  return {
    sandbox: desired.sandbox,
    filter: desired.filter?.patterns,
    changes: order(ctx.changes).map((change) => located(change, desired)),
    egress: [...ctx.egress].sort((a, b) => a.destination.localeCompare(b.destination)),
    refusals: ctx.refusals,
    notes: ctx.notes,
    managedCount: ctx.managedCount,
  };
}

const CREATE_ORDER: Record<Change["resource"], number> = {
  "profile-connection": 0,
  "profile-source": 1,
  account: 2,
  "target-connection": 3,
  flow: 4,
};

/** Creates and updates in dependency order, then deletes in reverse; by name within a rank. */
function order(changes: Change[]): Change[] {
  const rank = (c: Change) => (c.action === "delete" ? 10 + (4 - CREATE_ORDER[c.resource]) : CREATE_ORDER[c.resource]);
  return [...changes].sort((a, b) => rank(a) - rank(b) || a.ref.localeCompare(b.ref));
}

/** A change with the place in the YAML that asks for it, so a report can point at the line. */
function located(change: Change, desired: DesiredSandbox): Change {
  if (change.action === "delete" || change.action === "orphan") return change;
  const source =
    change.resource === "account"
      ? desired.accounts.find((a) => a.name === change.name)?.source
      : change.resource === "flow" || change.resource === "target-connection"
        ? desired.destinations.find((d) => d.name === change.name)?.source
        : undefined;
  return source ? { ...change, source } : change;
}

export function assemblePlan(sandboxes: SandboxPlan[]): Plan {
  const summary: PlanSummary = { add: 0, change: 0, destroy: 0, orphaned: 0, adopt: 0 };
  for (const change of sandboxes.flatMap((s) => s.changes)) {
    if (change.action === "create") summary.add++;
    else if (change.action === "update" || change.action === "rename") summary.change++;
    else if (change.action === "delete") summary.destroy++;
    else if (change.action === "orphan") summary.orphaned++;
    else summary.adopt++;
  }
  // Every sandbox of one plan has the same filter, or none.
  const filter = sandboxes.find((s) => s.filter)?.filter;
  return { version: 1, filter, sandboxes, summary, checksum: planChecksum(sandboxes) };
}

export function hasChanges(plan: Plan): boolean {
  return plan.sandboxes.some((s) => s.changes.some((c) => c.action !== "orphan"));
}

/** Nothing to apply and nothing refused: the plan a no-op command ends with. */
export function isNoop(plan: Plan): boolean {
  return !hasChanges(plan) && plan.sandboxes.every((s) => s.refusals.length === 0);
}
