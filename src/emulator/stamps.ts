// Server-managed fields. With client-credentials tokens Adobe stamps the client id as both *By and
// *Client; Adobe's UI stamps `exc_app` and the person's Adobe ID, which the `ui` clients imitate.
import { newEtag } from "./ids.js";
import type { Caller, Entity, SandboxInfo } from "./types.js";

export interface Actor {
  by: string;
  client: string;
}

export function actorOf(caller: Caller): Actor {
  return caller.ui
    ? { by: `${caller.clientId}@AdobeID`, client: "exc_app" }
    : { by: caller.clientId, client: caller.clientId };
}

/** The leading server fields of a new object, in Adobe's key order. */
export function creationFields(
  id: string,
  caller: Caller,
  sandbox: SandboxInfo,
  orgId: string,
  now = Date.now(),
): Record<string, unknown> {
  const actor = actorOf(caller);
  return {
    id,
    createdAt: now,
    updatedAt: now,
    createdBy: actor.by,
    updatedBy: actor.by,
    createdClient: actor.client,
    updatedClient: actor.client,
    sandboxId: sandbox.id,
    sandboxName: sandbox.name,
    imsOrgId: orgId,
  };
}

/** The trailing state/version/etag fields of a new object. */
export function versionFields(state = "enabled", now = Date.now()): Record<string, unknown> {
  const etag = newEtag(undefined, now);
  return { state, version: etag, etag };
}

/** A copy of the object as updated now by the caller: new updatedAt/By/Client and a new etag. */
export function touched(entity: Entity, caller: Caller, now = Date.now()): Entity {
  const actor = actorOf(caller);
  const etag = newEtag(entity.etag as string | undefined, now);
  return {
    ...entity,
    updatedAt: Math.max(now, Number(entity.updatedAt) || 0),
    updatedBy: actor.by,
    updatedClient: actor.client,
    version: etag,
    etag,
  };
}
