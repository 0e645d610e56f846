// Safety settings of a command: the tool config gives the defaults, the command line (or the Action's
// inputs) can only make a command bolder when asked explicitly (--prune, --force, --allow-empty). The lock's
// timings come from the environment, the same for the CLI and the Action.
import { DEFAULT_LOCK, type LockEvent, type LockOptions } from "../reconcile/lock.js";
import type { ReconcileOptions } from "../reconcile/reconcile.js";
import type { SecretsMode } from "../reconcile/secrets-needed.js";
import { holderIsDead, thisHolder } from "./lock-holder.js";
import { streamChecks } from "./streams.js";
import type { Workspace } from "./workspace.js";

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
