// A held lease on the sandbox lock: renewed at a third of its TTL while the apply works, ended on
// release. When Adobe refuses the lock's write outright (PATCH of a connection not enabled), there is
// no lock to keep: the apply goes on without it and says so once (degraded), or, with `lock: required`,
// the lease counts as lost and the executor writes nothing more.
import { AepApiError } from "../aep/errors.js";
import type { FlowServicePort } from "../aep/flow-service.js";
import type { Lease } from "./lease-holder.js";
import { leaseDescription, listLockObjects, refusedLockWrite, type LockObject } from "./lock-object.js";

export interface LeaseOptions {
  ttlMs: number;
  now?: () => number;
  /** `lock: required`: a refused lock write is not survived by going on without the lock. */
  required?: boolean;
  /** Said once when Adobe refuses the lock's write and the apply goes on without it. */
  onDegraded?: (reason: string) => void;
}

export interface HeldLock {
  /** The lock object, which is also the sandbox's Profile connection. */
  id: string;
  /** True when this apply created it (so the plan's own "create Profile connection" is already done). */
  created: boolean;
  /** True once the lease ran out without a renewal landing: another apply may hold the lock now. */
  lost(): boolean;
  /** True when Adobe refused the lock's write and the apply goes on without a lock. */
  degraded(): boolean;
  /**
   * Adobe's refusal of the lock's write (`400 FLOW-1445-400`), once it refused one: PATCH of connections
   * is off in this sandbox, so no account can be adopted or updated in it either.
   */
  refusal(): string | undefined;
  /** Ends the lease; never throws (a lease that cannot be ended runs out after its TTL). */
  release(): Promise<void>;
}

export function refusalReason(error: AepApiError): string {
  return `${error.status}${error.code ? ` ${error.code}` : ""}`;
}

/** No lock at all: Adobe refused the take itself. Nothing to renew, nothing to release. */
export function unlocked(id: string, reason: string): HeldLock {
  return {
    id,
    created: false,
    lost: () => false,
    degraded: () => true,
    refusal: () => reason,
    release: async () => {},
  };
}

/** The lease `taken` (lease id, end, holder), held on `object`: renewed with the same holder until released. */
export function held(
  port: FlowServicePort,
  object: LockObject,
  taken: Lease,
  created: boolean,
  options: LeaseOptions,
): HeldLock & { renewIfShort(): Promise<void> } {
  const { run, until } = taken;
  let etag = object.etag;
  let stopped = false;
  let degraded = false;
  let refusal: string | undefined;
  let refusedForGood = false;
  // Aborted on release: a renewal still retrying must not outlive the apply (or keep its process alive).
  const renewals = new AbortController();
  /** The end of the lease as last written (by the take or a renewal that landed), in the lock's clock. */
  let leaseUntil = until;
  const now = options.now ?? (() => port.serverNow());
  const renewOnce = async () => {
    const next = now() + options.ttlMs;
    const answer = await port.call("PATCH", `/connections/${object.id}`, {
      body: [{ op: "replace", path: "/description", value: leaseDescription({ ...taken, until: next }) }],
      ifMatch: etag,
      // Never queued behind the apply's own writes: a late renewal would let the lease lapse.
      urgent: true,
      signal: renewals.signal,
    });
    etag = (answer as { etag: string }).etag;
    leaseUntil = next;
  };
  const refused = (error: unknown): boolean => {
    const answer = refusedLockWrite(error);
    if (!answer) return false;
    refusal = refusalReason(answer);
    stopped = true;
    clearInterval(renew);
    if (options.required) refusedForGood = true;
    else if (!degraded) {
      degraded = true;
      options.onDegraded?.(`${refusal} in sandbox '${port.sandbox}'`);
    }
    return true;
  };
  let inFlight = 0;
  const renew = setInterval(
    () => {
      // At most two renewals at once: one may hang on a lost connection while the next lands, but a
      // failing Adobe must not get a new retry loop every tick.
      if (stopped || inFlight >= 2) return;
      inFlight++;
      void renewOnce()
        .catch(async (error: unknown) => {
          if (refused(error)) return;
          // A 412: an earlier renewal landed but its answer (the new etag) was lost, or answered after
          // this one was sent. Without the current etag every later renewal would fail too and the lease
          // would run out mid-apply: pick it up while the lease is still ours, and renew at once.
          if (!(error instanceof AepApiError && error.status === 412) || stopped) return;
          const current = (await listLockObjects(port)).find((o) => o.id === object.id);
          if (current?.lease?.run !== run || stopped) return;
          etag = current.etag;
          await renewOnce();
        })
        .catch(() => undefined)
        .finally(() => inFlight--);
    },
    // A third of the lease: two renewals may fail (or wait out a Retry-After) before it runs out.
    Math.max(200, options.ttlMs / 3),
  );
  renew.unref();

  async function releaseOnce(): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await port.call("PATCH", `/connections/${object.id}`, {
          body: [{ op: "replace", path: "/description", value: leaseDescription() }],
          ifMatch: etag,
        });
        return;
      } catch (error) {
        if (!(error instanceof AepApiError && error.status === 412)) throw error;
        // A renewal answered late: read the current etag, and release only if the lease is still ours.
        const current = (await listLockObjects(port)).find((o) => o.id === object.id);
        if (!current || current.lease?.run !== run) return;
        etag = current.etag;
      }
    }
  }

  return {
    id: object.id,
    created,
    lost: () => !degraded && (refusedForGood || now() >= leaseUntil),
    degraded: () => degraded,
    refusal: () => refusal,
    async renewIfShort() {
      if (leaseUntil - now() < options.ttlMs / 2) await renewOnce().catch((error: unknown) => void refused(error));
    },
    async release() {
      stopped = true;
      clearInterval(renew);
      renewals.abort();
      // A lease that ran out is no longer ours to end (another apply may hold the lock by now), and one
      // Adobe refused to write cannot be ended either: it runs out by itself.
      if (degraded || now() >= leaseUntil) return;
      await releaseOnce().catch(() => undefined);
    },
  };
}
