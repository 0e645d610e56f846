// Secrets at rest: the store (and so every snapshot and the --state file) never holds a `format: password`
// value in clear, only `sha256:<hex>`, which is all the emulator's checks need (reads return the mask, a
// PATCH that leaves the secret alone keeps its digest, a new value gets a new digest). The clear values of
// the running process are kept apart, in the vault, for the admin view (/__emulator/state) only: they are
// never persisted, and after a restart the admin view shows the digests.
import { createHash } from "node:crypto";
import type { SpecCatalog } from "./spec-catalog.js";
import { secretFields, type ConnectionSpec } from "./specs.js";
import { isPlainObject, type Entity } from "./types.js";

export const DIGEST_PREFIX = "sha256:";

export function digestOf(secret: string): string {
  return `${DIGEST_PREFIX}${createHash("sha256").update(secret, "utf8").digest("hex")}`;
}

/** Clear secrets of this process, by connection id and field, for the admin view only. */
export class SecretVault {
  private readonly clear = new Map<string, Map<string, string>>();

  remember(connectionId: string, field: string, value: string): void {
    let fields = this.clear.get(connectionId);
    if (!fields) this.clear.set(connectionId, (fields = new Map()));
    fields.set(field, value);
  }

  /** The clear value, when the vault has the one whose digest is stored. */
  reveal(connectionId: string, field: string, digest: unknown): string | undefined {
    const value = this.clear.get(connectionId)?.get(field);
    return value !== undefined && digestOf(value) === digest ? value : undefined;
  }

  forget(connectionId: string): void {
    this.clear.delete(connectionId);
  }

  clearAll(): void {
    this.clear.clear();
  }
}

/**
 * The connection as stored: each secret of `auth.params` replaced by its digest. A value equal to what
 * `previous` stores is already a digest (a PATCH that did not touch it) and is kept as is.
 */
export function sealSecrets(
  entity: Entity,
  spec: ConnectionSpec,
  previous: Entity | undefined,
  vault: SecretVault,
): Entity {
  const auth = entity.auth;
  if (!isPlainObject(auth) || !isPlainObject(auth.params)) return entity;
  const fields = secretFields(spec, auth.specName);
  if (fields.length === 0) return entity;
  const before = paramsOf(previous);
  const params = { ...auth.params };
  for (const field of fields) {
    const value = params[field];
    if (typeof value !== "string" || (before && before[field] === value)) continue;
    vault.remember(entity.id, field, value);
    params[field] = digestOf(value);
  }
  return { ...entity, auth: { ...auth, params } };
}

/** The admin view of a stored connection: digests replaced by the clear values the vault still has. */
export function revealSecrets(entity: Entity, catalog: SpecCatalog, vault: SecretVault): Entity {
  const auth = entity.auth;
  if (!isPlainObject(auth) || !isPlainObject(auth.params)) return entity;
  const spec = catalog.connection((entity.connectionSpec as { id?: unknown } | undefined)?.id);
  const params = { ...auth.params };
  for (const field of secretFields(spec, auth.specName)) {
    const clear = vault.reveal(entity.id, field, params[field]);
    if (clear !== undefined) params[field] = clear;
  }
  return { ...entity, auth: { ...auth, params } };
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/**
 * A connection restored from a state file written before secrets were sealed: clear values are sealed
 * (digests are recognised by their shape). Returns undefined when there was nothing to seal.
 */
export function sealRestored(entity: Entity, catalog: SpecCatalog, vault: SecretVault): Entity | undefined {
  const params = paramsOf(entity);
  const spec = catalog.connection((entity.connectionSpec as { id?: unknown } | undefined)?.id);
  if (!params || !spec) return undefined;
  const fields = secretFields(spec, (entity.auth as { specName?: unknown }).specName);
  if (!fields.some((field) => typeof params[field] === "string" && !DIGEST.test(params[field] as string)))
    return undefined;
  const digests = Object.fromEntries(
    fields.map((field) => [field, DIGEST.test(String(params[field])) ? params[field] : undefined]),
  );
  return sealSecrets(entity, spec, { ...entity, auth: { ...(entity.auth as object), params: digests } }, vault);
}

function paramsOf(entity: Entity | undefined): Record<string, unknown> | undefined {
  const auth = entity?.auth;
  return isPlainObject(auth) && isPlainObject(auth.params) ? auth.params : undefined;
}
