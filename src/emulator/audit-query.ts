// The query of GET /audit/events (audit-query.yaml, `property` and `orderBy`; events.md, `limit`, `start`,
// `queryId`): filters on type, timestamp, status, action, user, assetType, assetId, assetName, requestId;
// comma-separated values mean OR, repeated `property` means AND, timestamp ranges with > and <; orderBy
// `+f`/`-f`/bare (ascending), default `-timestamp`. A queryId is an opaque encoding of the filters, the order
// and the snapshot (the newest event when the query was first made), so repeating it pages the same events.
import { ApiError } from "./errors.js";
import type { StoredEvent } from "./audit-log.js";

export const DEFAULT_AUDIT_LIMIT = 50;
export const MAX_AUDIT_LIMIT = 1000;

/** Filterable properties and the event field each reads (`user` is the e-mail, `type` the event type). */
const FIELDS: Record<string, string> = {
  type: "eventType",
  timestamp: "timestamp",
  status: "status",
  action: "action",
  user: "userEmail",
  assetType: "assetType",
  assetId: "assetId",
  assetName: "assetName",
  requestId: "requestId",
};
/** The spec writes `action==create,update` for `Create`/`Update`: these compare without case. */
const CASELESS = new Set(["type", "status", "action", "user", "assetType"]);

export interface AuditQuery {
  properties: string[];
  orderBy: string;
  limit: number;
  start: number;
  /** The newest event sequence number the query sees; undefined: the log's newest now. */
  snapshot: number | undefined;
  matches(stored: StoredEvent): boolean;
  compare(a: StoredEvent, b: StoredEvent): number;
}

/** A 400 in the Platform's problem shape; `requestId` is filled with the answer's x-request-id. */
export function auditError(detail: string): ApiError {
  return new ApiError(400, {
    type: "https://ns.adobe.com/aep/errors/AUDIT-1400-400",
    title: "Bad Request",
    status: 400,
    detail,
    requestId: "",
  });
}

export function parseAuditQuery(params: URLSearchParams): AuditQuery {
  const limit = integer(params.get("limit"), "limit") ?? DEFAULT_AUDIT_LIMIT;
  if (limit < 1 || limit > MAX_AUDIT_LIMIT)
    throw auditError(`Invalid limit ${limit}: the limit is 1 to ${MAX_AUDIT_LIMIT}.`);
  const start = integer(params.get("start"), "start") ?? 0;
  const queryId = params.get("queryId");
  const saved = queryId === null ? undefined : decodeQueryId(queryId);
  const properties = saved?.properties ?? params.getAll("property").filter((p) => p.trim() !== "");
  const orderBy = saved?.orderBy ?? (params.get("orderBy") || params.get("orderby") || "-timestamp");
  const filters = properties.map(compileFilter);
  const keys = compileOrder(orderBy);
  return {
    properties,
    orderBy,
    limit,
    start,
    snapshot: saved?.snapshot,
    matches: (stored) => filters.every((f) => f(stored)),
    compare: (a, b) => {
      for (const key of keys) {
        const diff = key.read(a) < key.read(b) ? -1 : key.read(a) > key.read(b) ? 1 : 0;
        if (diff !== 0) return key.descending ? -diff : diff;
      }
      // Ties (the events of one request share a timestamp) in recording order, the way the first key runs.
      return keys[0]!.descending ? b.seq - a.seq : a.seq - b.seq;
    },
  };
}

function integer(raw: string | null, name: string): number | undefined {
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw.trim())) throw auditError(`Invalid ${name} '${raw}': a non-negative integer is expected.`);
  return Number(raw.trim());
}

/** `2020-02-08T02:46:48.610862Z`, `2025-06-24T16:50:28.318+0000` (a `+` sent unescaped arrives as a space). */
export function parseTimestamp(raw: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+\- ]\d{2}:?\d{2})?$/.exec(raw.trim());
  if (!m) return /^\d{10,16}$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
  const [, y, mo, d, h, mi, s, fraction = "0", zone = "Z"] = m;
  const ms = Number(fraction.padEnd(3, "0").slice(0, 3));
  const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone === "Z") return base;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return base - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

type Filter = (stored: StoredEvent) => boolean;

function compileFilter(expression: string): Filter {
  const m = /^\s*([A-Za-z]+)\s*(==|!=|>=|<=|>|<)(.*)$/s.exec(expression);
  if (!m)
    throw auditError(`Invalid property '${expression}': expected <property><operator><value>, e.g. action==create.`);
  const [, name, operator, raw] = m as unknown as [string, string, string, string];
  const field = FIELDS[name];
  if (!field) throw auditError(`Unknown property '${name}': filter on ${Object.keys(FIELDS).join(", ")}.`);
  if (name === "timestamp") {
    const at = parseTimestamp(raw);
    if (at === undefined) throw auditError(`Invalid timestamp '${raw}': use ISO 8601, e.g. 2025-06-24T16:50:28.318Z.`);
    const test = {
      "==": (v: number) => v === at,
      "!=": (v: number) => v !== at,
      ">": (v: number) => v > at,
      "<": (v: number) => v < at,
      ">=": (v: number) => v >= at,
      "<=": (v: number) => v <= at,
    }[operator]!;
    return (stored) => test(stored.at);
  }
  if (operator !== "==" && operator !== "!=")
    throw auditError(
      `Operator '${operator}' applies to timestamp only; use == (values separated by commas) for ${name}.`,
    );
  const caseless = CASELESS.has(name);
  const norm = (v: string): string => (caseless ? v.toLowerCase() : v);
  const values = new Set(raw.split(",").map((v) => norm(v.trim())));
  if (values.has("")) throw auditError(`Invalid property '${expression}': values cannot be empty.`);
  const read = (stored: StoredEvent): string => norm(String(stored.event[field] ?? ""));
  return operator === "==" ? (stored) => values.has(read(stored)) : (stored) => !values.has(read(stored));
}

interface OrderKey {
  read(stored: StoredEvent): string | number;
  descending: boolean;
}

function compileOrder(orderBy: string): OrderKey[] {
  return orderBy.split(",").map((raw) => {
    // A `+` sent unescaped arrives as a space.
    const m = /^([+-]?)([A-Za-z]+)$/.exec(raw.replace(/^ +/, "+").trim());
    const name = m?.[2];
    const field = name ? FIELDS[name] : undefined;
    if (!m || !field) throw auditError(`Invalid orderBy '${raw}': order by ${Object.keys(FIELDS).join(", ")}.`);
    const read =
      name === "timestamp"
        ? (stored: StoredEvent) => stored.at
        : (stored: StoredEvent) => String(stored.event[field] ?? "").toLowerCase();
    return { read, descending: m[1] === "-" };
  });
}

interface SavedQuery {
  properties: string[];
  orderBy: string;
  snapshot: number;
}

/** Like Adobe's (base64 of `orderByRules=…&property=…&timestampIndex=…&totalElements=…`), and opaque. */
export function encodeQueryId(query: AuditQuery, snapshot: number, at: number, total: number): string {
  const params = new URLSearchParams({ orderByRules: query.orderBy });
  for (const property of query.properties) params.append("property", property);
  params.append("eventIndex", String(snapshot));
  params.append("timestampIndex", String(at));
  params.append("totalElements", String(total));
  return Buffer.from(params.toString()).toString("base64url");
}

function decodeQueryId(queryId: string): SavedQuery {
  const params = new URLSearchParams(Buffer.from(queryId, "base64url").toString("utf8"));
  const snapshot = Number(params.get("eventIndex"));
  const orderBy = params.get("orderByRules");
  if (!/^[A-Za-z0-9_-]+$/.test(queryId) || orderBy === null || !Number.isInteger(snapshot))
    throw auditError(`Invalid queryId '${queryId}': repeat a queryId this API returned.`);
  return { properties: params.getAll("property"), orderBy, snapshot };
}
