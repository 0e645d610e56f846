// Releasing a sandbox lock whose apply is gone (`aep-gitops unlock`), as Terraform's force-unlock does,
// but never one that is still held: a live apply renews its lease every third of its TTL, so a lease
// read twice a renewal apart and unchanged has nobody behind it (or the holder is provably dead on this
// host). The release is a PATCH guarded by the etag of the last read: a lease renewed or taken in
// between is never released by mistake.
import type { FlowServicePort } from "../aep/flow-service.js";
import type { Lease } from "./lease-holder.js";
import { leaseDescription, listLockObjects } from "./lock-object.js";

/** A lease held now, on the lock object `id` at version `etag`. */
export interface HeldLease {
  id: string;
  etag: string;
  lease: Lease;
}

/** The lease on the sandbox's lock, if one is held now (a lease that ran out holds nothing). */
export async function currentLease(port: FlowServicePort): Promise<HeldLease | undefined> {
  const [canonical] = await listLockObjects(port);
  const lease = canonical?.lease;
  if (!canonical || !lease || lease.until <= port.serverNow()) return undefined;
  return { id: canonical.id, etag: canonical.etag, lease };
}

/**
 * How long to watch a lease to see a live holder renew it: a third of its TTL (the lease says which; an
 * older version's does not, then `fallbackTtlMs`), and a margin for a renewal that is late.
 */
export function renewalWatchMs(lease: Lease, fallbackTtlMs: number): number {
  const ttl = lease.holder?.ttl !== undefined ? lease.holder.ttl * 1000 : fallbackTtlMs;
  return Math.ceil(ttl / 3 + Math.max(1_000, ttl / 6));
}

export type Watched =
  | { verdict: "renewed"; lease: Lease }
  | { verdict: "changed-hands"; lease: Lease }
  | { verdict: "ended" }
  | { verdict: "stale"; held: HeldLease };

/** Reads the lease again after `watchMs`: renewed, taken by another apply, ended meanwhile, or stale. */
export async function watchLease(
  port: FlowServicePort,
  first: HeldLease,
  watchMs: number,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<Watched> {
  await sleep(watchMs);
  const again = await currentLease(port);
  if (!again) return { verdict: "ended" };
  if (again.lease.run !== first.lease.run) return { verdict: "changed-hands", lease: again.lease };
  if (again.lease.until !== first.lease.until) return { verdict: "renewed", lease: again.lease };
  return { verdict: "stale", held: again };
}

/** Ends the lease, if the lock object is still at the version read; Adobe's refusal or 412 is thrown. */
export async function releaseLease(port: FlowServicePort, held: HeldLease): Promise<void> {
  await port.call("PATCH", `/connections/${held.id}`, {
    body: [{ op: "replace", path: "/description", value: leaseDescription() }],
    ifMatch: held.etag,
  });
}
