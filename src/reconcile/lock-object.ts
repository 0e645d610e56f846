// The lock object: the sandbox's shared Profile connection, whose description carries a lease line
// `[aep-gitops lease: run=… until=…]`. Reading and writing that line is all the lock needs of Adobe.
import { AepApiError } from "../aep/errors.js";
import type { FlowServicePort } from "../aep/flow-service.js";
import { PROFILE_CONNECTION_SPEC_ID, SPEC_VERSION } from "../domain/adobe.js";
import { markedDescription, parseDescription } from "../domain/ownership.js";
import { PROFILE_CONNECTION_NAME } from "../domain/plan-profile.js";

const PROFILE_TEXT = "Profile store connection shared by the destinations aep-gitops manages.";
const OWNER = { kind: "profile" as const, name: "connection" };
// A fraction in `until` is read too: a lease line that failed to parse would look like no lease at all.
const LEASE = /\[aep-gitops lease: run=([A-Za-z0-9-]+) until=(\d+(?:\.\d+)?)\]/;

export interface LockObject {
  id: string;
  etag: string;
  createdAt: number;
  lease?: { run: string; until: number };
}

/** Every lock object of the sandbox, oldest first (then by id): every run picks the same canonical one. */
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

/** The lease a lock object's description carries, if any. */
export function readLease(text: string): { run: string; until: number } | undefined {
  const match = LEASE.exec(text);
  return match ? { run: match[1]!, until: Number(match[2]) } : undefined;
}

/** The description with a lease line, or without one (released). */
export function leaseDescription(lease?: { run: string; until: number }): string {
  return markedDescription(
    lease ? `${PROFILE_TEXT}\n\n[aep-gitops lease: run=${lease.run} until=${Math.ceil(lease.until)}]` : PROFILE_TEXT,
    OWNER,
  );
}

export function lockBody(run: string, until: number) {
  return {
    name: PROFILE_CONNECTION_NAME,
    description: leaseDescription({ run, until }),
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
