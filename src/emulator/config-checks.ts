// Checks of the config keys that switch emulated behaviours (refusal modes, paging, clock, overrides), kept
// apart from config.ts so each key's accepted values sit next to its error message. A bad value throws an
// Error naming the key, at start, instead of misbehaving later.
import { isPlainObject } from "./types.js";

/** Refusal modes of optional APIs: served, or refused with that status. */
export type ApiSwitch = "enabled" | 403 | 404;
export type PatchConnectionsMode = "enabled" | "feature-disabled" | 405 | 403;
export type AudienceStart = "page" | "offset";
/** How PATCH /flows/{id} answers: 202 without a body (streaming tutorial) or 200 {id, etag} (update tutorial). */
export type FlowPatchResponse = "accepted" | "etag";
/** DELETE's success status: Adobe's page for each resource ("documented"), or one status for all. */
export type DeleteStatus = "documented" | 202 | 204;
/** Where the Audit Query API puts its list: `_embedded.events` or `_embedded.customerAuditLogList`. */
export type AuditListKey = "events" | "customerAuditLogList";
/** Audit paging links: the templated `page` link only (events page) or a `next` link too (spec example). */
export type AuditLinks = "page" | "next";
/** What the indexes of several `remove`s in one JSON Patch refer to: the list as each op finds it, or as it arrived. */
export type PatchRemoveIndexes = "sequential" | "original";

export interface SpecOverride {
  /** Target params removed from the spec's targetSpec (and therefore refused on create and PATCH). */
  removeTargetParams?: string[];
  /** Auth params removed from every authSpec of the spec. */
  removeAuthParams?: string[];
}

/** YAML and JSON configs may spell a status as "403": both mean 403. */
function status(value: unknown): unknown {
  return typeof value === "string" && /^\d{3}$/.test(value) ? Number(value) : value;
}

function oneOf<T>(key: string, value: unknown, allowed: readonly T[]): T {
  const normalized = status(value);
  if (!allowed.includes(normalized as T))
    throw new Error(`config.${key} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
  return normalized as T;
}

export const apiSwitch = (key: string, value: unknown): ApiSwitch =>
  oneOf<ApiSwitch>(key, value, ["enabled", 403, 404]);

export const patchConnectionsMode = (value: unknown): PatchConnectionsMode =>
  oneOf<PatchConnectionsMode>("patchConnections", value, ["enabled", "feature-disabled", 405, 403]);

export const audienceStart = (value: unknown): AudienceStart =>
  oneOf<AudienceStart>("audienceStart", value, ["page", "offset"]);

export const flowPatchResponse = (value: unknown): FlowPatchResponse =>
  oneOf<FlowPatchResponse>("flowPatchResponse", value, ["accepted", "etag"]);

export const deleteStatus = (value: unknown): DeleteStatus =>
  oneOf<DeleteStatus>("deleteStatus", value, ["documented", 202, 204]);

export const patchRemoveIndexes = (value: unknown): PatchRemoveIndexes =>
  oneOf<PatchRemoveIndexes>("patchRemoveIndexes", value, ["sequential", "original"]);

export const auditListKey = (value: unknown): AuditListKey =>
  oneOf<AuditListKey>("auditListKey", value, ["events", "customerAuditLogList"]);

export const auditLinks = (value: unknown): AuditLinks => oneOf<AuditLinks>("auditLinks", value, ["page", "next"]);

/** destinations.yaml's "a maximum of 100 entities" read as a server-side cap on every runs list. */
export function runsListCap(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || (value as number) < 1)
    throw new Error("config.runsListCap must be a positive integer (or null for no cap)");
  return value as number;
}

export function audiencePageSize(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || (value as number) < 1)
    throw new Error("config.audiencePageSize must be a positive integer (or null for no server-side cap)");
  return value as number;
}

export function clockSkewSeconds(value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new Error("config.clockSkewSeconds must be a number of seconds (negative: the emulator runs behind)");
  return value;
}

export function booleanKey(key: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw new Error(`config.${key} must be true or false`);
  return value;
}

/** `_demoorg`: the tenant namespace of custom XDM fields, underscore included (Adobe's meta:tenantNamespace). */
export function tenantNamespace(value: unknown): string {
  if (typeof value !== "string" || !/^_[A-Za-z0-9]+$/.test(value))
    throw new Error('config.tenantNamespace must look like "_demoorg" (an underscore, then letters and digits)');
  return value;
}

export function unionSchemas(value: unknown, sandboxes: readonly string[]): Record<string, Record<string, unknown>> {
  if (!isPlainObject(value)) throw new Error("config.unionSchema must map sandbox names to schema objects");
  for (const [sandbox, schema] of Object.entries(value)) {
    if (!sandboxes.includes(sandbox)) throw new Error(`config.unionSchema.${sandbox}: no such sandbox`);
    if (!isPlainObject(schema)) throw new Error(`config.unionSchema.${sandbox} must be a schema object`);
  }
  return value as Record<string, Record<string, unknown>>;
}

export function specOverrides(value: unknown): Record<string, SpecOverride> {
  if (!isPlainObject(value))
    throw new Error("config.connectionSpecOverrides must map connection spec ids to overrides");
  for (const [id, override] of Object.entries(value)) {
    if (!isPlainObject(override)) throw new Error(`config.connectionSpecOverrides.${id} must be an object`);
    for (const [key, names] of Object.entries(override)) {
      if (key !== "removeTargetParams" && key !== "removeAuthParams")
        throw new Error(`config.connectionSpecOverrides.${id}.${key}: use removeTargetParams or removeAuthParams`);
      if (!Array.isArray(names) || !names.every((n) => typeof n === "string"))
        throw new Error(`config.connectionSpecOverrides.${id}.${key} must be a list of param names`);
    }
  }
  return value as Record<string, SpecOverride>;
}
