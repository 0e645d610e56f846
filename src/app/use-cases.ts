// The use cases the CLI and the Action share: plan, apply a plan, read drift. Each reads live state
// through the workspace's ports and plans with the same options, so a command and a job given the same
// YAML and flags plan the same thing; the adapters only parse their inputs and render.
import type { LockEvent } from "../reconcile/lock.js";
import { applyRun, planAll, type ApplyOptions, type ApplyRun, type PlanRun } from "../reconcile/reconcile.js";
import { driftItems, type DriftItem, type DriftReport } from "../report/operate/drift.js";
import { assertPatternsMatch, destinationPatterns, narrowTargets } from "./destination-filter.js";
import { driftExtras } from "./health.js";
import { AppError } from "../errors.js";
import { keepHeapNearLive } from "./heap.js";
import { lockOptions, runOptions, type SafetyFlags } from "./run-options.js";
import type { Workspace } from "./workspace.js";

export async function plan(ws: Workspace, flags: SafetyFlags): Promise<PlanRun> {
  return narrowed(ws, flags, (targets) => planAll(targets, runOptions(ws, flags)));
}

/**
 * A run of the destinations --destination names (all without it): the patterns are checked before
 * anything is read, and once the live state is read, each must have matched a destination of the YAML
 * or one Adobe holds as managed.
 */
async function narrowed<R extends PlanRun>(
  ws: Workspace,
  flags: SafetyFlags,
  run: (targets: Workspace["targets"]) => Promise<R>,
): Promise<R> {
  const patterns = destinationPatterns(flags.destination);
  const result = await run(narrowTargets(ws.targets, patterns));
  assertPatternsMatch(
    patterns,
    ws.targets.map((t) => t.desired),
    result.lives,
  );
  return result;
}

/** What a drift report reads beside the diff (both by default): the runs' health, the audit log's trails. */
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
): Promise<PlanRun & { items: DriftItem[]; report: DriftReport }> {
  const run = await narrowed(ws, flags, (targets) =>
    // A report, not a change about to be applied: its streams are not checked.
    planAll(targets, { ...runOptions(ws, flags), force: true, allowEmpty: true, streams: undefined }),
  );
  const items = driftItems(run.plan);
  const read = await driftExtras(ws.adobe, run, items, {
    health: extras.health ?? true,
    audit: extras.audit ?? true,
    ownUsers: ws.configuration.tool.auditSelf,
  });
  return { ...run, items, report: { plan: run.plan, ...read } };
}

export interface ApplyRequest extends Pick<ApplyOptions, "expectChecksum" | "onItem" | "onItemStart" | "onReplanned"> {
  flags: SafetyFlags;
  /** Waiting for another run's sandbox lock (each poll), a dead run's lock taken over, the wait over. */
  onLockWait?: (event: LockEvent) => void;
  /** Adobe refused the lock's write (and the tool config allows going on without it): said once per sandbox. */
  onLockDegraded?: (warning: string) => void;
  /** True once the run was interrupted: no new write starts, and no lock is waited for. */
  stop?: () => boolean;
}

export function apply(ws: Workspace, run: PlanRun, request: ApplyRequest): Promise<ApplyRun> {
  keepHeapNearLive(run.plan);
  return applyRun(ws.targets, run, {
    ...runOptions(ws, request.flags),
    ...(request.expectChecksum ? { expectChecksum: request.expectChecksum } : {}),
    ...(request.onItem ? { onItem: request.onItem } : {}),
    ...(request.onItemStart ? { onItemStart: request.onItemStart } : {}),
    ...(request.onReplanned ? { onReplanned: request.onReplanned } : {}),
    ...(request.stop ? { stop: request.stop } : {}),
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
  return `Adobe refused the sandbox lock's write (${reason}): applying without the lock. Applies are then serialised only by the workflow's concurrency group; a duplicate from a race is found and removed by the next run. To refuse instead, set lock: required in the tool config.`;
}

export function failedCount(applied: Pick<ApplyRun, "results">): number {
  return applied.results.flatMap((r) => r.items).filter((i) => i.status !== "done").length;
}

/** A partial apply is a failure of its own kind: the rest was applied, and a re-run continues. */
export function assertComplete(applied: Pick<ApplyRun, "results">, hint: string): void {
  const failed = failedCount(applied);
  if (failed > 0)
    throw new AppError("partial", `${failed} item(s) did not complete; the others were applied.`, { hint });
}
