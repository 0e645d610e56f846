// The Segmentation Service's Audiences API: GET /data/core/ups/audiences and GET /audiences/{id}, per
// sandbox, in the shapes of help/segmentation/api/audiences.md: {children, _page: {totalCount, pageSize,
// next}, _links: {next: {href: "@/audiences?start=…&limit=…&totalCount=…"}}} (no _links.next on the last
// page). `audiencesApi` can refuse it (403/404) so a client's fallback to segment definitions is testable.
import { audienceNotFound } from "./audience-errors.js";
import { nextHref, pageBounds, parseAudienceQuery, selectAudiences } from "./audience-query.js";
import type { AudienceStore } from "./audience-store.js";
import { audienceView } from "./audience-views.js";
import type { HandlerContext } from "./context.js";
import { jsonResponse, type EmuResponse } from "./http.js";
import { checkApiSwitch } from "./refusals.js";

export function handleListAudiences(ctx: HandlerContext, store: AudienceStore): EmuResponse {
  checkApiSwitch(ctx.config.audiencesApi, ctx.req.pathname);
  const query = parseAudienceQuery(ctx.req.query, ctx.config.audiencePageSize);
  const selected = selectAudiences(store.list(ctx.sandbox.name).map(audienceView), query);
  const { offset, next } = pageBounds(query, ctx.config.audienceStart);
  const children = selected.slice(offset, offset + query.size);
  const more = offset + children.length < selected.length && children.length > 0;
  const page: Record<string, unknown> = { totalCount: selected.length, pageSize: children.length };
  if (more) page.next = String(next);
  const links = more ? { next: { href: nextHref(query, next, selected.length) } } : {};
  return jsonResponse(200, { children, _page: page, _links: links });
}

export function handleGetAudience(ctx: HandlerContext, store: AudienceStore): EmuResponse {
  checkApiSwitch(ctx.config.audiencesApi, ctx.req.pathname);
  const record = store.list(ctx.sandbox.name).find((a) => a.id === ctx.id);
  if (!record || record.lifecycleState === "deleted") throw audienceNotFound(ctx.id ?? "");
  return jsonResponse(200, audienceView(record));
}
