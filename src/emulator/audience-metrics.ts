// POST /data/core/ups/audiences/bulk-patch-metric (help/segmentation/api/audiences.md, "Update multiple
// audiences"): how Adobe's jobs write an audience's profile count, and how a test changes a size between
// two plans. Each resource names an audience by `audienceId` (not `id`) and `namespace`; its operations
// are `add` to `/metrics/data` (profile count, `{totalProfiles}`) or `/recordMetrics/data` (record count,
// accepted and not kept: nothing here shows it). The answer is 207 with one status per resource.
import { audienceError } from "./audience-errors.js";
import type { AudienceRecord, AudienceStore } from "./audience-store.js";
import type { HandlerContext } from "./context.js";
import { jsonResponse, parseJsonBody, type EmuResponse } from "./http.js";
import { checkApiSwitch } from "./refusals.js";
import { isPlainObject } from "./types.js";

interface Outcome {
  audienceId: unknown;
  namespace: unknown;
  status: number;
  message?: string;
}

export function handleBulkPatchMetrics(ctx: HandlerContext, store: AudienceStore): EmuResponse {
  checkApiSwitch(ctx.config.audiencesApi, ctx.req.pathname);
  const body = parseJsonBody(ctx.req);
  if (!isPlainObject(body) || typeof body.jobId !== "string" || !Array.isArray(body.resources))
    throw audienceError(400, 113400, "The request needs a jobId and a list of resources.");
  const jobId = body.jobId;
  const now = ctx.clock.now();
  const outcomes = body.resources.map((resource): Outcome => {
    if (!isPlainObject(resource)) return { audienceId: undefined, namespace: undefined, status: 400 };
    const { audienceId, namespace } = resource;
    const record = store
      .list(ctx.sandbox.name)
      .find((a) => a.audienceId === audienceId && a.namespace === namespace && a.lifecycleState !== "deleted");
    if (!record) return { audienceId, namespace, status: 404, message: `No audience ${String(audienceId)}.` };
    const next = applied(record, resource.operations, jobId, now);
    if (typeof next === "string") return { audienceId, namespace, status: 400, message: next };
    store.replace(ctx.sandbox.name, next);
    return { audienceId, namespace, status: 200 };
  });
  if (outcomes.some((o) => o.status === 200)) ctx.changed();
  return jsonResponse(207, { resources: outcomes });
}

/** The record with its operations applied, or why they cannot be. */
function applied(record: AudienceRecord, operations: unknown, jobId: string, now: number): AudienceRecord | string {
  if (!Array.isArray(operations)) return "operations must be a list.";
  let next = record;
  for (const op of operations) {
    if (!isPlainObject(op) || op.op !== "add") return 'Every operation is an "add".';
    if (op.path === "/recordMetrics/data") continue;
    if (op.path !== "/metrics/data") return "Only /metrics/data and /recordMetrics/data can be updated.";
    const total = isPlainObject(op.value) ? op.value.totalProfiles : undefined;
    if (typeof total !== "number" || !Number.isSafeInteger(total) || total < 0)
      return "/metrics/data needs {totalProfiles: a non-negative integer}.";
    next = { ...next, metrics: { totalProfiles: total, jobId, time: now } };
  }
  return next;
}
