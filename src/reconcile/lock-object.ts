// The lock object: the sandbox's shared Profile connection, whose description carries a lease line
// `[aep-gitops lease: run=… until=…]` and, next to it, who holds it (lease-holder.ts). Reading and
// writing those lines is all the lock needs of Adobe. The object is created without a lease and taken by
// a PATCH: where Adobe refuses PATCH of connections, no lease is ever written that nobody could release.
import { AepApiError } from "../aep/errors.js";
import type { FlowServicePort } from "../aep/flow-service.js";
import { PROFILE_CONNECTION_SPEC_ID, SPEC_VERSION } from "../domain/state/adobe.js";
import { markedDescription, parseDescription } from "../domain/plan/ownership.js";
import { PROFILE_CONNECTION_NAME } from "../domain/plan/profile.js";
import { formatHolder, readHolder, type Lease } from "./lease-holder.js";

const PROFILE_TEXT = "Profile store connection shared by the destinations aep-gitops manages.";
const OWNER = { kind: "profile" as const, name: "connection" };
// A fraction in `until` is read too: a lease line that failed to parse would look like no lease at all.
const LEASE = /\[aep-gitops lease: run=([A-Za-z0-9-]+) until=(\d+(?:\.\d+)?)\]/;

export interface LockObject {
  id: string;
  etag: string;
  createdAt: number;
  lease?: Lease;
}

/** Every lock object of the sandbox, oldest first (then by id): every apply picks the same canonical one. */
export async function listLockObjects(port: FlowServicePort): Promise<LockObject[]> {
  const items = await port.list("connections", [
    `connectionSpec.id==${PROFILE_CONNECTION_SPEC_ID}`,
    `name==${PROFILE_CONNECTION_NAME}`,
  ]);
  return items
    .map((item) => {
      const { text, owner } = parseDescription(typeof item.description === "string" ? item.description : "");
      if (owner?.kind !== "profile") return undefined;
      const object: LockObject = {
        id: String(item.id),
        etag: String(item.etag),
        createdAt: Number(item.createdAt ?? 0),
      };
      const lease = readLease(text);
      if (lease) object.lease = lease;
      return object;
    })
    .filter((o): o is LockObject => o !== undefined)
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** The lease a lock object's description carries (with its holder, when one is recorded), if any. */
export function readLease(text: string): Lease | undefined {
  const match = LEASE.exec(text);
  if (!match) return undefined;
  return { run: match[1]!, until: Number(match[2]), holder: readHolder(text) };
}

/** The description with a lease line (and its holder's), or without one (released). */
export function leaseDescription(lease?: Lease): string {
  if (!lease) return markedDescription(PROFILE_TEXT, OWNER);
  const line = `[aep-gitops lease: run=${lease.run} until=${Math.ceil(lease.until)}]`;
  return markedDescription(`${PROFILE_TEXT}\n\n${line}${lease.holder ? `\n${formatHolder(lease.holder)}` : ""}`, OWNER);
}

/** The lock object as created: no lease (taking it is a PATCH, so a refused PATCH leaves nothing behind). */
export function lockBody() {
  return {
    name: PROFILE_CONNECTION_NAME,
    description: leaseDescription(),
    connectionSpec: { id: PROFILE_CONNECTION_SPEC_ID, version: SPEC_VERSION },
  };
}

/**
 * Adobe may refuse the lock's write outright: Flow Service's error catalogue has FLOW-1445-400 "PATCH
 * Connection Feature not enabled", and a gateway may answer 405 or 403. Then there is no lock to have.
 */
export function refusedLockWrite(error: unknown): AepApiError | undefined {
  if (!(error instanceof AepApiError)) return undefined;
  if (error.status === 405 || error.status === 403) return error;
  if (
    error.status === 400 &&
    (error.code === "FLOW-1445-400" || /PATCH Connection Feature not enabled/i.test(error.message))
  )
    return error;
  return undefined;
}
