// The audit events a successful Flow Service write leaves, in the shape of the Audit Query API's events
// (audit-query.yaml AbstractAuditLog; the example of help/landing/governance-privacy-security/audit-logs/
// api/events.md) and with Adobe's action names (the spec's enum): Create, Update, Delete, Enable, Disable,
// and for a flow's audiences and attributes Segment Activate / Segment Remove / Profile Activate / Profile
// Remove. One PATCH may leave several events, sharing its request id, in that order.
import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { selectorsOf } from "./run-history.js";
import { isPlainObject, type Entity, type ResourceName, type SandboxInfo } from "./types.js";

export interface WriteRecord {
  sandbox: SandboxInfo;
  orgId: string;
  email: string;
  authId: string;
  requestId: string;
  now: number;
  resource: ResourceName;
  handler: "create" | "patch" | "delete" | "action";
  /** `op` of an action (enable, disable). */
  op: string | undefined;
  before: Entity | undefined;
  after: Entity | undefined;
}

interface Happening {
  action: string;
  /** The asset the enhanced event names (an audience or an attribute); the object itself otherwise. */
  detail?: { id: string; name: string };
}

/** `2025-06-24T16:50:28.318+0000`, the format of Adobe's examples. */
export const auditTimestamp = (at: number): string => new Date(at).toISOString().replace(/Z$/, "+0000");

/** Base connections are destination accounts; flows, source and target connections are the destination. */
const assetType = (resource: ResourceName): string =>
  resource === "connections" ? "Destination Account" : "Destination";

export function auditEvents(write: WriteRecord): Record<string, unknown>[] {
  const object = write.after ?? write.before;
  if (!object) return [];
  return happenings(write).map(({ action, detail }) => {
    const permissionResource = /^(Segment|Profile) /.test(action) ? "ActivationAssociation" : "Activation";
    const type = assetType(write.resource);
    const timestamp = auditTimestamp(write.now);
    const name = String(object.name ?? "");
    // Fields in the order of events.md's example; "WRITE" on the core event, "Write" on its enhanced event.
    return {
      id: randomUUID(),
      requestId: write.requestId,
      permissionResource,
      permissionType: "WRITE",
      assetType: type,
      action,
      status: "Allow",
      failureCode: "",
      timestamp,
      version: "1.0",
      imsOrgId: write.orgId,
      region: "VA7",
      authId: write.authId,
      assetId: object.id,
      assetName: name,
      sandboxName: write.sandbox.name,
      sandboxId: write.sandbox.id,
      userEmail: write.email,
      userIpAddresses: [],
      eventType: "Core",
      enhancedEvents: [
        {
          id: randomUUID(),
          requestId: write.requestId,
          permissionResource,
          permissionType: "Write",
          assetType: type,
          action,
          status: "Success",
          failureCode: "",
          timestamp,
          assetId: detail?.id ?? object.id,
          assetName: detail?.name ?? name,
          eventType: "Enhanced",
        },
      ],
    };
  });
}

function happenings(write: WriteRecord): Happening[] {
  if (write.handler === "create") return [{ action: "Create" }];
  if (write.handler === "delete") return [{ action: "Delete" }];
  if (write.handler === "action")
    return [{ action: write.op?.trim().toLowerCase() === "disable" ? "Disable" : "Enable" }];
  if (write.resource !== "flows") return [{ action: "Update" }];
  return flowPatch(write.before, write.after);
}

interface Keyed {
  key: string;
  name: string;
}

function keyed(flow: Entity | undefined, kind: "segmentSelectors" | "profileSelectors"): Map<string, Keyed> {
  const field = kind === "segmentSelectors" ? "id" : "path";
  const map = new Map<string, Keyed>();
  for (const selector of selectorsOf(flow, kind)) {
    const value = isPlainObject(selector) && isPlainObject(selector.value) ? selector.value : {};
    const key = value[field];
    if (typeof key !== "string") continue;
    const name = kind === "segmentSelectors" && typeof value.name === "string" ? value.name : key;
    map.set(key, { key, name });
  }
  return map;
}

/** Audiences and attributes added or removed, then Update when anything else changed (or nothing did). */
function flowPatch(before: Entity | undefined, after: Entity | undefined): Happening[] {
  const out: { action: string; detail: Keyed }[] = [];
  const kinds = [
    ["segmentSelectors", "Segment"],
    ["profileSelectors", "Profile"],
  ] as const;
  const common: Record<string, Set<string>> = {};
  for (const [kind, label] of kinds) {
    const was = keyed(before, kind);
    const is = keyed(after, kind);
    for (const [key, item] of is) if (!was.has(key)) out.push({ action: `${label} Activate`, detail: item });
    for (const [key, item] of was) if (!is.has(key)) out.push({ action: `${label} Remove`, detail: item });
    common[kind] = new Set([...is.keys()].filter((k) => was.has(k)));
  }
  // Activates before removes, audiences before attributes.
  out.sort((a, b) => order(a.action) - order(b.action));
  const mapped: Happening[] = out.map((h) => ({ action: h.action, detail: { id: h.detail.key, name: h.detail.name } }));
  const rest = (flow: Entity | undefined): unknown => comparable(flow, common);
  if (mapped.length === 0 || !isDeepStrictEqual(rest(before), rest(after))) mapped.push({ action: "Update" });
  return mapped;
}

const ORDER = ["Segment Activate", "Segment Remove", "Profile Activate", "Profile Remove"];
const order = (action: string): number => ORDER.indexOf(action);

/** What a client wrote, server stamps left out and each selector list reduced to the selectors kept, by key. */
const STAMPS = new Set(["updatedAt", "updatedBy", "updatedClient", "version", "etag", "inheritedAttributes"]);

function comparable(flow: Entity | undefined, common: Record<string, Set<string>>): unknown {
  if (!flow) return undefined;
  const copy = Object.fromEntries(Object.entries(flow).filter(([k]) => !STAMPS.has(k))) as Record<string, unknown>;
  if (!Array.isArray(copy.transformations)) return copy;
  copy.transformations = copy.transformations.map((t: unknown) => {
    if (!isPlainObject(t) || !isPlainObject(t.params)) return t;
    const params: Record<string, unknown> = { ...t.params };
    for (const kind of ["segmentSelectors", "profileSelectors"] as const) {
      const group = params[kind];
      if (!isPlainObject(group) || !Array.isArray(group.selectors)) continue;
      const field = kind === "segmentSelectors" ? "id" : "path";
      const keyOf = (s: unknown): string =>
        isPlainObject(s) && isPlainObject(s.value) ? String(s.value[field]) : JSON.stringify(s);
      const kept = group.selectors.filter((s) => common[kind]!.has(keyOf(s)));
      params[kind] = { ...group, selectors: kept.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1)) };
    }
    return { ...t, params };
  });
  return copy;
}
