// The shared use cases, the safety settings they run with, and the heap of a long apply.
//
// The use cases the CLI and the Action share: plan, apply a plan, read drift. Each reads live state
// through the workspace's ports and plans with the same options, so a command and a job given the same
// YAML and flags plan the same thing; the adapters only parse their inputs and render.
import { applyAll, planAll, type ApplyOptions, type ApplyResult, type PlanResult } from "../reconcile/reconcile.js";
import { driftItems, type DriftItem, type DriftReport } from "../report/operate/drift.js";
import { assertPatternsMatch, destinationPatterns, narrowSandboxes } from "./destination-filter.js";
import { driftExtras } from "./health.js";
import { AppError } from "../errors.js";
import type { Workspace } from "./workspace.js";
import { DEFAULT_LOCK, type LockEvent, type LockOptions } from "../reconcile/lock.js";
import type { ReconcileOptions } from "../reconcile/reconcile.js";
import type { SecretsMode } from "../reconcile/secrets-needed.js";
import { holderIsDead, thisHolder } from "./lock.js";
import { streamChecks } from "./streams.js";
import { createRequire } from "node:module";
import type { Plan } from "../domain/plan/plan.js";
import { callCount } from "../report/plan/summary.js";

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

// Safety settings of a command: the tool config gives the defaults, the command line (or the Action's
// inputs) can only make a command bolder when asked explicitly (--prune, --force, --allow-empty). The lock's
// timings come from the environment, the same for the CLI and the Action.
export interface SafetyFlags {
  prune?: boolean | undefined;
  force?: boolean | undefined;
  allowEmpty?: boolean | undefined;
  strict?: boolean | undefined;
  /** A plan for review without the destination secrets (a pull request's): missing ones are warnings. */
  secrets?: SecretsMode | undefined;
  /** The plan is rendered for review (markdown): derive the sample records and the egress picture. */
  review?: boolean | undefined;
  /** Only the destinations matching these patterns (--destination; src/app/destination-filter.ts). */
  destination?: readonly string[] | string | undefined;
}

export function reconcileOptions(ws: Workspace, flags: SafetyFlags): ReconcileOptions {
  const { tool } = ws.configuration;
  return {
    prune: Boolean(flags.prune) || tool.prune,
    force: Boolean(flags.force),
    allowEmpty: Boolean(flags.allowEmpty) || tool.allowEmpty,
    maxChangePercent: tool.maxChangePercent,
    minResourcesForThreshold: tool.minResourcesForThreshold,
    strict: Boolean(flags.strict),
    secrets: flags.secrets ?? "required",
    clientId: ws.adobe.settings.clientId,
    env: ws.adobe.env,
    policies: tool.policies,
    marketingActions: tool.marketingActions,
    review: Boolean(flags.review),
    streams: streamChecks(ws.adobe),
  };
}

/** Lease and wait times of the sandbox lock; tests shorten the lease so a crashed apply blocks briefly. */
export function lockOptions(
  env: Record<string, string | undefined>,
  hooks: {
    onWait?: ((event: LockEvent) => void) | undefined;
    onDegraded?: ((reason: string) => void) | undefined;
    required?: boolean;
    stop?: (() => boolean) | undefined;
  } = {},
): LockOptions {
  const seconds = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isFinite(value) && value > 0 ? value * 1000 : fallback;
  };
  const holder = thisHolder(env);
  return {
    ttlMs: seconds("AEP_GITOPS_LOCK_TTL_SECONDS", DEFAULT_LOCK.ttlMs),
    waitMs: seconds("AEP_GITOPS_LOCK_WAIT_SECONDS", DEFAULT_LOCK.waitMs),
    // Who holds it, written next to the lease; a holder on this host whose process is gone is not waited for.
    holder,
    isDead: (lease) => holderIsDead(lease, holder),
    onWait: hooks.onWait,
    onDegraded: hooks.onDegraded,
    required: hooks.required,
    stop: hooks.stop,
  };
}

// The heap of a long apply. Every request leaves short-lived objects behind (the HTTP client's, the
// JSON's), enough that many survive a young collection; V8 then lets the heap grow to up to four times
// what is live before it collects the old generation, so a long apply peaks at several times its live
// data. Growing by 30 % at a time costs a few more collections (no measurable time against the network's
// minutes) and keeps the peak near what is live (bench/results.md, "Targets": peak RSS). Only for a
// long apply, and put back before the process exits: V8's code cache is keyed by its flags, and a cache
// written with this one set would be refused at the next start, which runs without it
// (bin/code-cache.js writes its cache from an exit listener; this one runs before it).
/** About a minute of writes at Adobe's documented rate limits: below this, garbage never piles up. */
export const LONG_APPLY_CALLS = 500;

export function keepHeapNearLive(plan: Plan): void {
  if (callCount(plan) < LONG_APPLY_CALLS) return;
  // Required, not imported: no import() in the CLI bundle (scripts/build.mjs says why),
  // and node:v8 is loaded only by the commands that use it (every start pays for what it loads: bench/results.md,
  // "Start-up, paired").
  const v8 = createRequire(import.meta.url)("node:v8") as typeof import("node:v8");
  v8.setFlagsFromString("--heap-growing-percent=30");
  process.prependListener("exit", () => v8.setFlagsFromString("--heap-growing-percent=0"));
}
