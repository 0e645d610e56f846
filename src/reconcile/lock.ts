// A per-sandbox apply lock, built from what Adobe offers: etags. The lock object is the shared Profile
// connection aep-gitops needs anyway; a lease line in its description says who holds it until when,
// and taking it is a PATCH guarded by If-Match, i.e. a compare-and-swap. Two applies can never both
// hold it, so they cannot both create the same destination (creates are the one write Adobe does not
// guard). A crashed apply's lease runs out after its TTL; a live one renews it while it works.
import { randomUUID } from "node:crypto";
import { AepApiError } from "../aep/errors.js";
import type { FlowServicePort } from "../aep/flow-service.js";
import { PROFILE_CONNECTION_SPEC_ID, SPEC_VERSION } from "../domain/adobe.js";
import { parseDescription, markedDescription } from "../domain/ownership.js";
import { PROFILE_CONNECTION_NAME } from "../domain/plan-profile.js";
import { AppError } from "../errors.js";

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
}

export const DEFAULT_LOCK: LockOptions = { ttlMs: 120_000, waitMs: 600_000 };

const PROFILE_TEXT = "Profile store connection shared by the destinations aep-gitops manages.";
const OWNER = { kind: "profile" as const, name: "connection" };
const LEASE = /\[aep-gitops lease: run=([A-Za-z0-9-]+) until=(\d+)\]/;

export interface HeldLock {
  /** The lock object, which is also the sandbox's Profile connection. */
  id: string;
  /** True when this run created it (so the plan's own "create Profile connection" is already done). */
  created: boolean;
  /** True once the lease ran out without a renewal landing: another apply may hold the lock now. */
  lost(): boolean;
  /** Ends the lease; never throws (a lease that cannot be ended runs out after its TTL). */
  release(): Promise<void>;
}

interface LockObject {
  id: string;
  etag: string;
  createdAt: number;
  lease?: { run: string; until: number };
}

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
        body: [{ op: "replace", path: "/description", value: description(run, until) }],
        ifMatch: canonical!.etag,
      })) as { etag: string };
      return fresh(held(port, { ...canonical!, etag: answer.etag }, run, mine === canonical!.id, until, options));
    } catch (error) {
      if (error instanceof AepApiError && error.status === 412) continue; // someone else moved first
      throw error;
    }
  }
}

/**
 * The lease time in a take is computed before the take is sent; a take that waited out a Retry-After
 * (or a slow Adobe) can land with most of its lease gone. Renew at once then, before any work starts.
 */
async function fresh(lock: HeldLock & { renewIfShort(): Promise<void> }): Promise<HeldLock> {
  await lock.renewIfShort();
  return lock;
}

function held(
  port: FlowServicePort,
  object: LockObject,
  run: string,
  created: boolean,
  until: number,
  options: LockOptions,
): HeldLock & { renewIfShort(): Promise<void> } {
  let etag = object.etag;
  let stopped = false;
  // Aborted on release: a renewal still retrying must not outlive the apply (or keep its process alive).
  const renewals = new AbortController();
  /** The end of the lease as last written (by the take or a renewal that landed), in the lock's clock. */
  let leaseUntil = until;
  const now = options.now ?? (() => port.serverNow());
  const renewOnce = async () => {
    const next = now() + options.ttlMs;
    const answer = await port.call("PATCH", `/connections/${object.id}`, {
      body: [{ op: "replace", path: "/description", value: description(run, next) }],
      ifMatch: etag,
      // Never queued behind the apply's own writes: a late renewal would let the lease lapse.
      urgent: true,
      signal: renewals.signal,
    });
    etag = (answer as { etag: string }).etag;
    leaseUntil = next;
  };
  // Renew at a third of the TTL, so a slow apply never loses its lease to a waiting one.
  let inFlight = 0;
  const renew = setInterval(
    () => {
      // At most two renewals at once: one may hang on a lost connection while the next lands, but a
      // failing Adobe must not get a new retry loop every tick.
      if (stopped || inFlight >= 2) return;
      inFlight++;
      void renewOnce()
        .catch(async (error: unknown) => {
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
  return {
    id: object.id,
    created,
    lost: () => now() >= leaseUntil,
    async renewIfShort() {
      if (leaseUntil - now() < options.ttlMs / 2) await renewOnce().catch(() => undefined);
    },
    async release() {
      stopped = true;
      clearInterval(renew);
      renewals.abort();
      // A lease that ran out is no longer ours to end: another apply may hold the lock by now.
      if (now() >= leaseUntil) return;
      await releaseOnce().catch(() => undefined);
    },
  };

  async function releaseOnce(): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await port.call("PATCH", `/connections/${object.id}`, {
          body: [{ op: "replace", path: "/description", value: markedDescription(PROFILE_TEXT, OWNER) }],
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

async function listLockObjects(port: FlowServicePort): Promise<LockObject[]> {
  const items = await port.list("connections", [
    `connectionSpec.id==${PROFILE_CONNECTION_SPEC_ID}`,
    `name==${PROFILE_CONNECTION_NAME}`,
  ]);
  return items
    .map((item) => {
      const { text, owner } = parseDescription(typeof item.description === "string" ? item.description : "");
      if (owner?.kind !== "profile") return undefined;
      const match = LEASE.exec(text);
      const object: LockObject = {
        id: String(item.id),
        etag: String(item.etag),
        createdAt: Number(item.createdAt ?? 0),
      };
      if (match) object.lease = { run: match[1]!, until: Number(match[2]) };
      return object;
    })
    .filter((o): o is LockObject => o !== undefined)
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

function description(run: string, until: number): string {
  return markedDescription(`${PROFILE_TEXT}\n\n[aep-gitops lease: run=${run} until=${until}]`, OWNER);
}

function lockBody(run: string, until: number) {
  return {
    name: PROFILE_CONNECTION_NAME,
    description: description(run, until),
    connectionSpec: { id: PROFILE_CONNECTION_SPEC_ID, version: SPEC_VERSION },
  };
}
