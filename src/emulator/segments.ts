// A slice of Adobe's Segmentation Service: GET/POST /data/core/ups/segment/definitions, GET and PATCH by
// id, so tests can list, create and rename audiences. Shape: {segments:[…], page:{totalCount, totalPages, pageOffset,
// pageSize}, link:{next}}; `limit` ≤ 100 (default 100), `start` (offset) or `page` (0-based). Only Platform
// audiences are segment definitions; `audiencePageSize` caps a page whatever `limit` asks.
import type { AudienceStore } from "./audience-store.js";
import { isSegmentDefinition, segmentDefinitionView } from "./audience-views.js";
import { ApiError } from "./errors.js";
import type { HandlerContext } from "./context.js";
import { jsonResponse, parseJsonBody, type EmuResponse } from "./http.js";
import { newEtag, newId } from "./ids.js";
import { SEGMENTS_PATH } from "./router.js";
import type { AudienceSeed } from "./segments-seed.js";
import { actorOf } from "./stamps.js";
import { isPlainObject } from "./types.js";

function segmentError(status: number, title: string, detail: string): ApiError {
  return new ApiError(status, { type: `https://ns.adobe.com/aep/errors/UPS-${status}`, status, title, detail });
}

export function handleListSegments(ctx: HandlerContext, store: AudienceStore): EmuResponse {
  const q = ctx.req.query;
  const limit = q.get("limit") === null ? 100 : Number(q.get("limit"));
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw segmentError(400, "Bad Request", `Invalid limit '${q.get("limit")}': use 1 to 100.`);
  // The server-side cap: a page holds at most audiencePageSize, and `page` counts pages of that size.
  const size = Math.min(limit, ctx.config.audiencePageSize ?? limit);
  const page = q.get("page") === null ? 0 : Number(q.get("page"));
  const start = q.get("start") === null ? page * size : Number(q.get("start"));
  if (!Number.isInteger(start) || start < 0 || !Number.isInteger(page) || page < 0)
    throw segmentError(400, "Bad Request", "start and page must be non-negative integers.");
  const all = store.list(ctx.sandbox.name).filter(isSegmentDefinition);
  const segments = all.slice(start, start + size).map(segmentDefinitionView);
  const next = start + size < all.length ? `${SEGMENTS_PATH}?start=${start + size}&limit=${limit}` : "";
  return jsonResponse(200, {
    segments,
    page: {
      totalCount: all.length,
      totalPages: Math.ceil(all.length / size),
      pageOffset: start,
      pageSize: segments.length,
    },
    link: { next },
  });
}

export function handleGetSegment(ctx: HandlerContext, store: AudienceStore): EmuResponse {
  const record = store.list(ctx.sandbox.name).find((s) => s.id === ctx.id && isSegmentDefinition(s));
  if (!record)
    throw segmentError(404, "Not Found", `Segment definition ${ctx.id} not found in sandbox ${ctx.sandbox.name}.`);
  return jsonResponse(200, segmentDefinitionView(record));
}

export function handleCreateSegment(ctx: HandlerContext, store: AudienceStore): EmuResponse {
  const body = parseJsonBody(ctx.req);
  if (!isPlainObject(body) || typeof body.name !== "string" || body.name.trim() === "")
    throw segmentError(400, "Bad Request", "'name' is required and must be a non-empty string.");
  if (body.description !== undefined && typeof body.description !== "string")
    throw segmentError(400, "Bad Request", "'description' must be a string.");
  const expression = isPlainObject(body.expression) ? body.expression.value : body.expression;
  if (expression !== undefined && typeof expression !== "string")
    throw segmentError(400, "Bad Request", "'expression' must be a PQL string or {type, format, value}.");
  const seed: AudienceSeed = {
    id: newId(),
    name: body.name,
    description: body.description as string | undefined,
    expression,
    // Adobe has not evaluated a new audience yet: it has no export metrics until a job counts it.
    totalProfiles: null,
  };
  const now = ctx.clock.now();
  const record = store.build(ctx.sandbox, seed, now, actorOf(ctx.caller).by, newEtag(undefined, now));
  store.add(ctx.sandbox.name, record);
  ctx.changed();
  return jsonResponse(200, segmentDefinitionView(record));
}

/**
 * PATCH /segment/definitions/{id}: segment-definitions.md's "Update a specific segment definition" sends
 * the definition whole (segmentation.yaml: "Overwrite a segment definition"); the name, description and
 * expression it carries replace the stored ones, and the answer is the updated definition.
 */
export function handlePatchSegment(ctx: HandlerContext, store: AudienceStore): EmuResponse {
  const current = store.list(ctx.sandbox.name).find((s) => s.id === ctx.id && isSegmentDefinition(s));
  if (!current)
    throw segmentError(404, "Not Found", `Segment definition ${ctx.id} not found in sandbox ${ctx.sandbox.name}.`);
  const body = parseJsonBody(ctx.req);
  if (!isPlainObject(body) || (body.name !== undefined && (typeof body.name !== "string" || body.name.trim() === "")))
    throw segmentError(400, "Bad Request", "'name' must be a non-empty string.");
  if (body.description !== undefined && typeof body.description !== "string")
    throw segmentError(400, "Bad Request", "'description' must be a string.");
  const expression = isPlainObject(body.expression) ? body.expression.value : body.expression;
  if (expression !== undefined && typeof expression !== "string")
    throw segmentError(400, "Bad Request", "'expression' must be a PQL string or {type, format, value}.");
  const now = ctx.clock.now();
  const record = {
    ...current,
    ...(body.name === undefined ? {} : { name: body.name as string }),
    ...(body.description === undefined ? {} : { description: body.description as string }),
    ...(expression === undefined ? {} : { expression }),
    updateTime: now,
    etag: newEtag(current.etag, now),
  };
  store.replace(ctx.sandbox.name, record);
  ctx.changed();
  return jsonResponse(200, segmentDefinitionView(record));
}
