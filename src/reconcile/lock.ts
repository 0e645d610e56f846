// A per-sandbox apply lock, built from what Adobe offers: etags. The lock object is the shared Profile
// connection aep-gitops needs anyway; a lease line in its description says who holds it until when,
// and taking it is a PATCH guarded by If-Match, i.e. a compare-and-swap. Two applies can never both
// hold it, so they cannot both create the same destination (creates are the one write Adobe does not
// guard). A crashed apply's lease runs out after its TTL; a live one renews it while it works.
import { randomUUID } from "node:crypto";
import { AepApiError } from "../aep/errors.js";
import type { FlowServicePort } from "../aep/flow-service.js";
import { AppError } from "../errors.js";
import { held, refusalReason, unlocked, type HeldLock } from "./lease.js";
import { leaseDescription, listLockObjects, lockBody, refusedLockWrite } from "./lock-object.js";

export type { HeldLock } from "./lease.js";

export interface LockOptions {
  /** How long a lease lasts without renewal; a crashed run blocks others at most this long. */
  ttlMs: number;
  /** How long to wait for another run's lease before giving up. */
  waitMs: number;
  /**
   * The clock leases are written and judged by. Default: Adobe's (the port's `serverNow`, from the Date
   * header of its answers), so two runners whose own clocks disagree still agree on who holds the lease.
   */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onWait?: (holder: string, until: number) => void;
  /** `lock: required` in the tool config: a lock Adobe refuses to write stops the apply. */
  required?: boolean;
  /** Said once when Adobe refuses the lock's write and the apply goes on without the lock. */
  onDegraded?: (reason: string) => void;
}

export const DEFAULT_LOCK: LockOptions = { ttlMs: 120_000, waitMs: 600_000 };

export async function acquireLock(port: FlowServicePort, options: LockOptions = DEFAULT_LOCK): Promise<HeldLock> {
  const now = options.now ?? (() => port.serverNow());
  const sleep = options.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
  const run = randomUUID();
  const deadline = now() + options.waitMs;
  let mine: string | undefined; // a lock object this run created

  for (;;) {
    const objects = await listLockObjects(port);
    if (objects.length === 0) {
      const created = (await port.call("POST", "/connections", {
        body: lockBody(run, now() + options.ttlMs),
        create: true,
      })) as { id: string };
      mine = created.id;
      continue; // list again: another run may have created one at the same moment
    }
    // Every run picks the same canonical object (oldest, then lowest id); a younger twin is removed.
    const [canonical, ...twins] = objects;
    if (mine && twins.some((t) => t.id === mine)) {
      await port.call("DELETE", `/connections/${mine}`).catch(() => undefined);
      mine = undefined;
    }
    const lease = canonical!.lease;
    if (lease?.run === run) return fresh(held(port, canonical!, run, mine === canonical!.id, lease.until, options));
    if (lease && lease.until > now()) {
      if (now() + Math.min(1_000, options.ttlMs / 4) > deadline) {
        throw new AppError(
          "refused",
          `Sandbox '${port.sandbox}' is locked by another aep-gitops apply (run ${lease.run}, lease until ${new Date(lease.until).toISOString()}).`,
          {
            hint: "Wait for that apply to finish (or its lease to run out after a crash) and run apply again.",
          },
        );
      }
      options.onWait?.(lease.run, lease.until);
      await sleep(Math.min(1_000, options.ttlMs / 4));
      continue;
    }
    try {
      const until = now() + options.ttlMs;
      const answer = (await port.call("PATCH", `/connections/${canonical!.id}`, {
        body: [{ op: "replace", path: "/description", value: leaseDescription({ run, until }) }],
        ifMatch: canonical!.etag,
      })) as { etag: string };
      return fresh(held(port, { ...canonical!, etag: answer.etag }, run, mine === canonical!.id, until, options));
    } catch (error) {
      if (error instanceof AepApiError && error.status === 412) continue; // someone else moved first
      const refusal = refusedLockWrite(error);
      if (!refusal) throw error;
      if (options.required)
        throw new AppError(
          "refused",
          `Adobe refused the sandbox lock's write in sandbox '${port.sandbox}' (${refusalReason(refusal)}), and the tool config says lock: required; nothing was applied.`,
          {
            hint: "Set lock: optional to apply without the lock (applies are then serialised by the workflow's concurrency group), or ask Adobe to enable PATCH of connections for this organization.",
            requestId: refusal.requestId,
          },
        );
      options.onDegraded?.(`${refusalReason(refusal)} in sandbox '${port.sandbox}'`);
      return unlocked(canonical!.id);
    }
  }
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

/** What the executor is told before each write once the lease ran out: stop, and say what was not done. */
export function leaseGuard(lock: HeldLock): () => void {
  return () => {
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
