// GET /data/foundation/audit/events: the sandbox's audit events (x-sandbox-name scopes them), in the
// response of events.md's example: {_embedded: {events}, _links: {self, page: {href: "…?queryId=…&limit=N
// {&start}", templated: true}}, page: {size, totalElements, totalPages, number}, queryId}. The spec:
// "Only the last 1000 records are displayed irrespective of the various filters selected", and events can
// be queried "over the last 90 days". `auditListKey` and `auditLinks` switch to the readings Adobe's other
// sources give (the Postman collection's `customerAuditLogList`; the spec example's `next` link).
import { encodeQueryId, parseAuditQuery } from "./audit-query.js";
import type { HandlerContext } from "./context.js";
import { jsonResponse, type EmuResponse } from "./http.js";
import { checkApiSwitch } from "./refusals.js";
import { AUDIT_PATH } from "./router.js";

/** "Only the last 1000 records are displayed irrespective of the various filters selected." */
export const AUDIT_RECORD_CAP = 1000;
/** "The API allows you to query events over the last 90 days." */
export const AUDIT_WINDOW_DAYS = 90;

export function handleListAuditEvents(ctx: HandlerContext): EmuResponse {
  checkApiSwitch(ctx.config.auditApi, ctx.req.pathname);
  const query = parseAuditQuery(ctx.req.query);
  const now = ctx.clock.now();
  const log = ctx.ops.audit;
  const snapshot = query.snapshot ?? log.lastSeq;
  const since = now - AUDIT_WINDOW_DAYS * 86_400_000;
  const matching = log
    .list(ctx.sandbox.name)
    .filter((stored) => stored.seq <= snapshot && stored.at >= since && query.matches(stored));
  // The newest 1000 matches, then the requested order.
  const selected = matching.slice(-AUDIT_RECORD_CAP).sort(query.compare);
  const total = selected.length;
  const events = selected.slice(query.start, query.start + query.limit).map((stored) => stored.event);
  const queryId = encodeQueryId(query, snapshot, now, total);
  // Absolute links, as Adobe's, on the origin the client called.
  const host = ctx.req.headers.host;
  const base = `${host ? `http://${host}` : ""}${AUDIT_PATH}`;
  const links: Record<string, unknown> = { self: { href: `${host ? `http://${host}` : ""}${ctx.req.url}` } };
  if (ctx.config.auditLinks === "next" && query.start + query.limit < total)
    links.next = { href: `${base}?queryId=${queryId}&start=${query.start + query.limit}&limit=${query.limit}` };
  links.page = { href: `${base}?queryId=${queryId}&limit=${query.limit}{&start}`, templated: true };
  return jsonResponse(200, {
    _embedded: { [ctx.config.auditListKey]: events },
    _links: links,
    // events.md: `size` is the events on this page (1 of a limit of 50 there); pages are numbered from 1.
    page: {
      size: events.length,
      totalElements: total,
      totalPages: Math.ceil(total / query.limit),
      number: Math.floor(query.start / query.limit) + 1,
    },
    queryId,
  });
}
