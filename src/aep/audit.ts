// The Audit Query API: who did what to a sandbox's destinations (GET /data/foundation/audit/events,
// audit-query.yaml; help/landing/governance-privacy-security/audit-logs/api/events.md). The list sits
// under `_embedded.events` (the spec, the page) or `_embedded.customerAuditLogList` (Adobe's Postman
// collection); the next page is a `next` link where there is one, else the page's `{&start}` template
// advanced by what arrived, never by `limit` (a server may answer with fewer).
import type { AuditEvent } from "../domain/operate/audit-trail.js";
import type { AepHttp } from "./http.js";
import { idGroups, resolveNext } from "./pages.js";

export const AUDIT_PATH = "/data/foundation/audit/events";
const ROOT = "/data/foundation/audit";
/** The API's own maximum per page (audit-query.yaml: "with a limit of 1000"). */
const LIMIT = 1000;

export interface AuditPort {
  /** The events on these assets since `since` (epoch ms), oldest first. */
  events(assetIds: readonly string[], since: number, signal?: AbortSignal): Promise<AuditEvent[]>;
}

interface EventsPage {
  _embedded?: Record<string, unknown>;
  _links?: { next?: { href?: unknown }; page?: { href?: unknown; templated?: unknown } };
  page?: { totalElements?: unknown };
}

export class HttpAudit implements AuditPort {
  constructor(
    private readonly http: AepHttp,
    readonly sandbox: string,
  ) {}

  async events(assetIds: readonly string[], since: number, signal?: AbortSignal): Promise<AuditEvent[]> {
    const lists = await Promise.all(idGroups(assetIds).map((ids) => this.read(ids, since, signal)));
    // Adobe lists newest first (its default order); ties keep their order when reversed.
    return lists
      .flat()
      .reverse()
      .sort((a, b) => a.at - b.at);
  }

  private async read(ids: string[], since: number, signal?: AbortSignal): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let request: { path: string; query: Record<string, string | string[]> } = {
      path: AUDIT_PATH,
      query: {
        property: [`assetId==${ids.join(",")}`, `timestamp>${new Date(since).toISOString()}`],
        limit: String(LIMIT),
      },
    };
    const seen = new Set<string>();
    for (let page = 0; page < 100; page++) {
      const body = (await this.http.request(this.sandbox, "GET", request.path, {
        query: request.query,
        signal,
      })) as EventsPage | undefined;
      const items = listOf(body);
      events.push(...items.flatMap((item) => toEvent(item) ?? []));
      const total = typeof body?.page?.totalElements === "number" ? body.page.totalElements : undefined;
      if (items.length === 0 || (total !== undefined && events.length >= total)) break;
      const next = nextHref(body, events.length);
      if (!next || seen.has(next)) break;
      seen.add(next);
      request = resolveNext(next, request.path, ROOT);
    }
    return events;
  }
}

function listOf(body: EventsPage | undefined): Record<string, unknown>[] {
  const embedded = body?._embedded ?? {};
  const list = embedded.events ?? embedded.customerAuditLogList ?? Object.values(embedded).find(Array.isArray);
  return Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
}

/** The next link, or the page template (`…&limit=50{&start}`) filled with the count received so far. */
function nextHref(body: EventsPage | undefined, received: number): string | undefined {
  const next = body?._links?.next?.href;
  if (typeof next === "string") return next;
  const page = body?._links?.page?.href;
  if (typeof page !== "string" || !page.includes("{&start}")) return undefined;
  return page.replace("{&start}", `&start=${received}`);
}

export function toEvent(raw: Record<string, unknown>): AuditEvent | undefined {
  const at = parseTimestamp(raw.timestamp);
  if (at === undefined || typeof raw.assetId !== "string" || typeof raw.action !== "string") return undefined;
  const detail = enhancedDetail(raw);
  return {
    at,
    ...(typeof raw.userEmail === "string" && raw.userEmail ? { user: raw.userEmail } : {}),
    action: raw.action,
    ...(typeof raw.assetType === "string" ? { assetType: raw.assetType } : {}),
    assetId: raw.assetId,
    ...(typeof raw.assetName === "string" ? { assetName: raw.assetName } : {}),
    ...(typeof raw.requestId === "string" ? { requestId: raw.requestId } : {}),
    ...(detail ? { detail } : {}),
  };
}

/** The segment or attribute an activate/remove names: the enhanced event's asset, when it is another one. */
function enhancedDetail(raw: Record<string, unknown>): string | undefined {
  const enhanced = Array.isArray(raw.enhancedEvents) ? (raw.enhancedEvents as Record<string, unknown>[]) : [];
  for (const e of enhanced) {
    const name = typeof e?.assetName === "string" && e.assetName ? e.assetName : e?.assetId;
    if (typeof name === "string" && name && e.assetId !== raw.assetId) return name;
  }
  return undefined;
}

/** `2025-06-24T16:50:28.318+0000` (the page's form) or ISO 8601 with `Z` / `+00:00`. */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value !== "string") return undefined;
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
  return Number.isFinite(ms) ? ms : undefined;
}
