// A per-sandbox apply lock, built from what Adobe offers: etags. The lock object is the shared Profile
// connection aep-gitops needs anyway; a lease line in its description says who holds it until when,
// and taking it is a PATCH guarded by If-Match, i.e. a compare-and-swap. Two applies can never both
// hold it, so they cannot both create the same destination (creates are the one write Adobe does not
// guard). A crashed apply's lease runs out after its TTL, or at once for an apply on the same host whose
// process is gone; a live one renews it while it works.
import { randomUUID } from "node:crypto";
import { AepApiError } from "../aep/errors.js";
import type { FlowServicePort } from "../aep/flow-service.js";
import { PROFILE_CONNECTION_NAME } from "../domain/plan/profile.js";
import { AppError, InterruptedError } from "../errors.js";
import { probeConnectionPatch } from "./connection-patch.js";
import { held, refusalReason, unlocked, type HeldLock } from "./lease.js";
import { describeLease, type Lease, type LeaseHolder, type LockHolder } from "./lease-holder.js";
import { leaseDescription, listLockObjects, lockBody, refusedLockWrite, type LockObject } from "./lock-object.js";

export type { HeldLock } from "./lease.js";

/** What an apply waiting for the lock is told: each poll while it waits, a dead holder's lock taken, the end. */
export type LockEvent =
  | { kind: "waiting"; sandbox: string; lease: Lease; waitedMs: number }
  | { kind: "taken-over"; sandbox: string; lease: Lease }
  | { kind: "done"; sandbox: string; waitedMs: number };

export interface LockOptions {
  /** How long a lease lasts without renewal; a crashed apply blocks others at most this long. */
  ttlMs: number;
  /** How long to wait for another apply's lease before giving up. */
  waitMs: number;
  /**
   * The clock leases are written and judged by. Default: Adobe's (the port's `serverNow`, from the Date
   * header of its answers), so two runners whose own clocks disagree still agree on who holds the lease.
   */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Where this apply runs, written next to its lease: what a waiting apply and `aep-gitops unlock` show. */
  holder?: LockHolder;
  /**
   * True when a lease's holder provably no longer runs (on this very host, its process is gone): its
   * lock is taken at once instead of waited out. Given by the app layer, which can look at processes.
   */
  isDead?: (holder: LeaseHolder) => boolean;
  onWait?: (event: LockEvent) => void;
  /** Checked while waiting for another apply's lease: true stops the wait (an interrupt), with nothing changed. */
  stop?: () => boolean;
  /** `lock: required` in the tool config: a lock Adobe refuses to write stops the apply. */
  required?: boolean;
  /** Said once when Adobe refuses the lock's write and the apply goes on without the lock. */
  onDegraded?: (reason: string) => void;
}

export const DEFAULT_LOCK: LockOptions = { ttlMs: 120_000, waitMs: 600_000 };

export async function acquireLock(port: FlowServicePort, options: LockOptions = DEFAULT_LOCK): Promise<HeldLock> {
  const now = options.now ?? (() => port.serverNow());
  const run = randomUUID();
  const started = now();
  const deadline = started + options.waitMs;
  let waited = false;
  try {
    return await takeLock(port, options, { run, now, started, deadline, onWaiting: () => (waited = true) });
  } finally {
    if (waited) options.onWait?.({ kind: "done", sandbox: port.sandbox, waitedMs: now() - started });
  }
}

async function takeLock(
  port: FlowServicePort,
  options: LockOptions,
  context: { run: string; now: () => number; started: number; deadline: number; onWaiting: () => void },
): Promise<HeldLock> {
  const { run, now, started, deadline } = context;
  const sleep = options.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
  const poll = Math.min(1_000, options.ttlMs / 4);
  let mine: string | undefined; // a lock object this apply created
  let probed = false;

  for (;;) {
    const objects = await listLockObjects(port);
    if (objects.length === 0) {
      const created = (await port.call("POST", "/connections", { body: lockBody(), create: true })) as { id: string };
      mine = created.id;
      continue; // list again: another apply may have created one at the same moment
    }
    // Every apply picks the same canonical object (oldest, then lowest id); a younger twin is removed.
    const [canonical, ...twins] = objects as [LockObject, ...LockObject[]];
    if (mine && twins.some((t) => t.id === mine)) {
      await port.call("DELETE", `/connections/${mine}`).catch(() => undefined);
      mine = undefined;
    }
    const lease = canonical.lease;
    if (lease?.run === run) return fresh(held(port, canonical, lease, mine === canonical.id, options));
    if (lease && lease.until > now()) {
      if (lease.holder && options.isDead?.(lease.holder)) {
        options.onWait?.({ kind: "taken-over", sandbox: port.sandbox, lease });
      } else {
        // A lease without a holder line is an older version's, perhaps written in the POST that created
        // the object: where Adobe refuses PATCH of connections nobody can release it. Ask once.
        if (!lease.holder && !probed) {
          probed = true;
          const refusal = await probeConnectionPatch(port, { id: canonical.id, name: PROFILE_CONNECTION_NAME });
          if (refusal) return refused(port, options, refusal, canonical.id, lease);
        }
        if (options.stop?.()) throw interrupted();
        if (now() + poll > deadline) {
          throw new AppError(
            "refused",
            `Sandbox '${port.sandbox}' is locked by another aep-gitops apply: ${describeLease(lease)}.`,
            {
              hint: `Wait for that apply to finish (or its lease to run out after a crash) and run apply again. If that apply is gone for good, release its lock: aep-gitops unlock --sandbox ${port.sandbox} --run ${lease.run}`,
            },
          );
        }
        context.onWaiting();
        options.onWait?.({ kind: "waiting", sandbox: port.sandbox, lease, waitedMs: now() - started });
        await sleep(poll);
        if (options.stop?.()) throw interrupted();
        continue;
      }
    }
    try {
      const taken: Lease = {
        run,
        until: now() + options.ttlMs,
        ...(options.holder ? { holder: { ...options.holder, started: now(), ttl: options.ttlMs / 1000 } } : {}),
      };
      const answer = (await port.call("PATCH", `/connections/${canonical.id}`, {
        body: [{ op: "replace", path: "/description", value: leaseDescription(taken) }],
        ifMatch: canonical.etag,
      })) as { etag: string };
      return fresh(held(port, { ...canonical, etag: answer.etag }, taken, mine === canonical.id, options));
    } catch (error) {
      if (error instanceof AepApiError && error.status === 412) continue; // someone else moved first
      const refusal = refusedLockWrite(error);
      if (!refusal) throw error;
      return refused(port, options, refusal, canonical.id);
    }
  }
}

function interrupted(): AppError {
  return new AppError("refused", "interrupted while waiting for the sandbox lock; nothing was changed");
}

/**
 * Adobe refuses the lock's write (PATCH of connections not enabled): there is no lock to have, and no
 * lease was left behind by this apply. A lease found there (an older version's) can never be released: it
 * is ignored, in the same one warning. Under `lock: required` the apply stops instead.
 */
function refused(
  port: FlowServicePort,
  options: LockOptions,
  refusal: AepApiError,
  id: string,
  stuck?: Lease,
): HeldLock {
  const reason = refusalReason(refusal);
  const left = stuck
    ? `; the lease of ${describeLease(stuck)} was written where nobody can release it, and is ignored`
    : "";
  if (options.required)
    throw new AppError(
      "refused",
      `Adobe refused the sandbox lock's write in sandbox '${port.sandbox}' (${reason}), and the tool config says lock: required; nothing was applied.`,
      {
        hint: "Set lock: optional to apply without the lock (applies are then serialised by the workflow's concurrency group), or ask Adobe to enable PATCH of connections for this organization.",
        requestId: refusal.requestId,
      },
    );
  options.onDegraded?.(`${reason} in sandbox '${port.sandbox}'${left}`);
  return unlocked(id, reason);
}

/**
 * The lease time in a take is computed before the take is sent; a take that waited out a Retry-After
 * (or a slow Adobe) can land with most of its lease gone. Renew at once then, before any work starts.
 */
async function fresh(lock: HeldLock & { renewIfShort(): Promise<void> }): Promise<HeldLock> {
  // (A renewal Adobe refuses makes the lock degraded, or lost under lock: required.)
  await lock.renewIfShort();
  return lock;
}

/**
 * What the executor asks before each write: after an interrupt, or once the lease ran out, it stops and
 * says what was not done.
 */
export function leaseGuard(lock: HeldLock, stop?: () => boolean): () => void {
  return () => {
    // An interrupt first (Ctrl-C, a cancelled job): no new write starts, those in flight finish.
    if (stop?.()) throw new InterruptedError();
    if (!lock.lost()) return;
    throw new AppError(
      "refused",
      "not done: the sandbox lock's lease ran out (its renewals failed), so another apply may be writing now",
      { hint: "Run apply again once Adobe answers the lock's renewals: it continues from what is done." },
    );
  };
}

/** Runs `work` while holding the sandbox's lock, and always releases it. */
export async function withSandboxLock<T>(
  port: FlowServicePort,
  options: LockOptions,
  work: (lock: HeldLock) => Promise<T>,
): Promise<T> {
  const lock = await acquireLock(port, options);
  try {
    return await work(lock);
  } finally {
    await lock.release();
  }
}
