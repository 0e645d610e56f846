// The use cases the CLI and the Action share: plan, apply a plan, read drift. Each reads live state
// through the workspace's ports and plans with the same options, so a command and a job given the same
// YAML and flags plan the same thing; the adapters only parse their inputs and render.
import type { LockEvent } from "../reconcile/lock.js";
import { applyAll, planAll, type ApplyOptions, type ApplyResult, type PlanResult } from "../reconcile/reconcile.js";
import { driftItems, type DriftItem, type DriftReport } from "../report/operate/drift.js";
import { assertPatternsMatch, destinationPatterns, narrowSandboxes } from "./destination-filter.js";
import { driftExtras } from "./health.js";
import { AppError } from "../errors.js";
import { keepHeapNearLive } from "./heap.js";
import { lockOptions, reconcileOptions, type SafetyFlags } from "./reconcile-options.js";
import type { Workspace } from "./workspace.js";

export async function plan(ws: Workspace, flags: SafetyFlags): Promise<PlanResult> {
  return narrowed(ws, flags, (sandboxes) => planAll(sandboxes, reconcileOptions(ws, flags)));
}

/**
 * A plan of the destinations --destination names (all without it): the patterns are checked before
 * anything is read, and once the live state is read, each must have matched a destination of the YAML
 * or one Adobe holds as managed.
 */
async function narrowed<R extends PlanResult>(
  ws: Workspace,
  flags: SafetyFlags,
  planNarrowed: (sandboxes: Workspace["sandboxes"]) => Promise<R>,
): Promise<R> {
  const patterns = destinationPatterns(flags.destination);
  const result = await planNarrowed(narrowSandboxes(ws.sandboxes, patterns));
  assertPatternsMatch(
    patterns,
    ws.sandboxes.map((s) => s.desired),
    result.lives,
  );
  return result;
}

/** What a drift report reads beside the diff (both by default): the dataflow runs' health, the audit log's trails. */
export interface DriftExtrasFlags {
  health?: boolean;
  audit?: boolean;
}

/**
 * The plan read as drift, with the health of the destinations and the audit trail of what drifted.
 * Thresholds do not apply to a report: forced, so a large drift is shown, not refused.
 */
export async function drift(
  ws: Workspace,
  flags: SafetyFlags,
  extras: DriftExtrasFlags = {},
): Promise<PlanResult & { items: DriftItem[]; report: DriftReport }> {
  const planned = await narrowed(ws, flags, (sandboxes) =>
    // A report, not a change about to be applied: its streams are not checked.
    planAll(sandboxes, { ...reconcileOptions(ws, flags), force: true, allowEmpty: true, streams: undefined }),
  );
  const items = driftItems(planned.plan);
  const read = await driftExtras(ws.adobe, planned, items, {
    health: extras.health ?? true,
    audit: extras.audit ?? true,
    ownUsers: ws.configuration.tool.auditSelf,
  });
  return { ...planned, items, report: { plan: planned.plan, ...read } };
}

export interface ApplyRequest extends Pick<ApplyOptions, "expectChecksum" | "onItem" | "onItemStart" | "onReplanned"> {
  flags: SafetyFlags;
  /** Waiting for another apply's sandbox lock (each poll), a dead apply's lock taken over, the wait over. */
  onLockWait?: (event: LockEvent) => void;
  /** Adobe refused the lock's write (and the tool config allows going on without it): said once per sandbox. */
  onLockDegraded?: (warning: string) => void;
  /** True once the command was interrupted: no new write starts, and no lock is waited for. */
  stop?: () => boolean;
}

export function apply(ws: Workspace, planned: PlanResult, request: ApplyRequest): Promise<ApplyResult> {
  keepHeapNearLive(planned.plan);
  return applyAll(ws.sandboxes, planned, {
    ...reconcileOptions(ws, request.flags),
    expectChecksum: request.expectChecksum,
    onItem: request.onItem,
    onItemStart: request.onItemStart,
    onReplanned: request.onReplanned,
    stop: request.stop,
    lock: lockOptions(ws.adobe.env, {
      stop: request.stop,
      onWait: request.onLockWait,
      onDegraded: (reason) => request.onLockDegraded?.(lockDegradedWarning(reason)),
      required: ws.configuration.tool.lock === "required",
    }),
  });
}

/** One warning, with what it means and how to refuse instead. */
export function lockDegradedWarning(reason: string): string {
  return `Adobe refused the sandbox lock's write (${reason}): applying without the lock. Applies are then serialised only by the workflow's concurrency group; a duplicate from a race is found and removed by the next apply. To refuse instead, set lock: required in the tool config.`;
}

export function failedCount(applied: Pick<ApplyResult, "results">): number {
  return applied.results.flatMap((r) => r.items).filter((i) => i.status !== "done").length;
}

/** A partial apply is a failure of its own kind: the rest was applied, and applying again continues. */

export function assertComplete(applied: Pick<ApplyResult, "results">, hint: string): void {
  const failed = failedCount(applied);
  if (failed > 0)
    throw new AppError("partial", `${failed} item(s) did not complete; the others were applied.`, { hint });
}
