// A slice of Adobe's Segmentation Service: GET/POST /data/core/ups/segment/definitions and GET by id, so
// tests can list and create audiences. Shape: {segments:[…], page:{totalCount, totalPages, pageOffset,
// pageSize}, link:{next}}; `limit` ≤ 100 (default 100), `start` (offset) or `page` (0-based).
import { ApiError } from "./errors.js";
import type { HandlerContext } from "./context.js";
import { jsonResponse, parseJsonBody, type EmuResponse } from "./http.js";
import { newId, stableUuid } from "./ids.js";
import { SEGMENTS_PATH } from "./router.js";
import type { AudienceSeed } from "./segments-seed.js";
import { isPlainObject, type SandboxInfo } from "./types.js";

export type Segment = Record<string, unknown> & { id: string; name: string };

const SEED_EPOCH = 1_717_200_000_000; // 2024-06-01: seeded audiences have fixed timestamps

export class SegmentStore {
  private readonly bySandbox = new Map<string, Segment[]>();

  constructor(private readonly orgId: string) {}

  seed(sandboxes: readonly SandboxInfo[], audiences: Record<string, AudienceSeed[]>): void {
    this.bySandbox.clear();
    for (const sandbox of sandboxes) {
      const seeds = audiences[sandbox.name] ?? [];
      this.bySandbox.set(
        sandbox.name,
        seeds.map((seed, i) => this.build(sandbox, seed, SEED_EPOCH + i * 86_400_000)),
      );
    }
  }

  list(sandbox: string): Segment[] {
    return this.bySandbox.get(sandbox) ?? [];
  }

  add(sandbox: string, segment: Segment): void {
    this.bySandbox.get(sandbox)?.push(segment);
  }

  dump(): Record<string, Segment[]> {
    return Object.fromEntries(this.bySandbox);
  }

  load(dump: Record<string, Segment[]>): void {
    for (const [name, segments] of Object.entries(dump))
      if (this.bySandbox.has(name)) this.bySandbox.set(name, segments);
  }

  build(sandbox: SandboxInfo, seed: AudienceSeed, time: number): Segment {
    return {
      id: seed.id,
      schema: { name: "_xdm.context.profile" },
      profileInstanceId: "ups",
      imsOrgId: this.orgId,
      sandbox: {
        sandboxId: sandbox.id,
        sandboxName: sandbox.name,
        type: sandbox.name === "prod" ? "production" : "development",
        default: sandbox.name === "prod",
      },
      name: seed.name,
      description: seed.description ?? "",
      expression: { type: "PQL", format: "pql/text", value: seed.expression ?? "true" },
      mergePolicyId: stableUuid(this.orgId, sandbox.name, "merge-policy"),
      evaluationInfo: { batch: { enabled: true }, continuous: { enabled: false }, synchronous: { enabled: false } },
      dataGovernancePolicy: { excludeOptOut: true },
      creationTime: time,
      updateEpoch: Math.floor(time / 1000),
      updateTime: time,
      lifecycleState: "published",
    };
  }
}

function segmentError(status: number, title: string, detail: string): ApiError {
  return new ApiError(status, { type: `https://ns.adobe.com/aep/errors/UPS-${status}`, status, title, detail });
}

export function handleListSegments(ctx: HandlerContext, store: SegmentStore): EmuResponse {
  const q = ctx.req.query;
  const limit = q.get("limit") === null ? 100 : Number(q.get("limit"));
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw segmentError(400, "Bad Request", `Invalid limit '${q.get("limit")}': use 1 to 100.`);
  const page = q.get("page") === null ? 0 : Number(q.get("page"));
  const start = q.get("start") === null ? page * limit : Number(q.get("start"));
  if (!Number.isInteger(start) || start < 0 || !Number.isInteger(page) || page < 0)
    throw segmentError(400, "Bad Request", "start and page must be non-negative integers.");
  const all = store.list(ctx.sandbox.name);
  const segments = all.slice(start, start + limit);
  const next = start + limit < all.length ? `${SEGMENTS_PATH}?start=${start + limit}&limit=${limit}` : "";
  return jsonResponse(200, {
    segments,
    page: {
      totalCount: all.length,
      totalPages: Math.ceil(all.length / limit),
      pageOffset: start,
      pageSize: segments.length,
    },
    link: { next },
  });
}

export function handleGetSegment(ctx: HandlerContext, store: SegmentStore): EmuResponse {
  const segment = store.list(ctx.sandbox.name).find((s) => s.id === ctx.id);
  if (!segment)
    throw segmentError(404, "Not Found", `Segment definition ${ctx.id} not found in sandbox ${ctx.sandbox.name}.`);
  return jsonResponse(200, segment);
}

export function handleCreateSegment(ctx: HandlerContext, store: SegmentStore): EmuResponse {
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
  };
  const segment = store.build(ctx.sandbox, seed, Date.now());
  store.add(ctx.sandbox.name, segment);
  ctx.changed();
  return jsonResponse(200, segment);
}
