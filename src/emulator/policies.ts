// The Policy Service's evaluation routes under /data/foundation/dulepolicy (policy-service.yaml; help/
// data-governance/api/evaluation.md): GET …/marketingActions/{core|custom}/{NAME}/constraints?duleLabels=…,
// POST to the same path with datasets (and fields), and POST /bulk-eval with several jobs; and the Profile
// API's GET /data/core/ups/config/mergePolicies/{id} (help/segmentation/tutorials/governance.md). `policyApi`
// and `mergePoliciesApi` can refuse them (403/404), so a client's degraded path is testable.
import type { HandlerContext } from "./context.js";
import { ApiError } from "./errors.js";
import { jsonResponse, parseJsonBody, type EmuResponse } from "./http.js";
import { discover, labelsFound, policyView, violated, type Discovered } from "./policy-eval.js";
import { MARKETING_ACTIONS, mergePolicyView } from "./policy-seed.js";
import { checkApiSwitch } from "./refusals.js";
import { stableUuid } from "./ids.js";
import { isPlainObject } from "./types.js";

const PUBLIC_BASE = "https://platform.adobe.io:443/data/foundation/dulepolicy";

function policyError(status: number, title: string, detail: string): ApiError {
  return new ApiError(status, { type: "/placeholder/type/uri", status, title, detail });
}

/** The action named by a constraints path or an evalRef ("only the portion … after /marketingActions"). */
export function actionOf(ref: string): string | undefined {
  const m = /\/marketingActions\/(core|custom)\/([^/?]+)\/constraints\/?$/.exec(ref);
  return m ? `${m[1]}/${decodeURIComponent(m[2]!)}` : undefined;
}

function known(action: string): void {
  if (!MARKETING_ACTIONS.includes(action))
    throw policyError(404, "NotFound", `https://platform.adobe.io:443/marketingActions/${action} not found`);
}

function constraints(
  ctx: HandlerContext,
  action: string,
  labels: string[],
  includeDraft: boolean,
  found?: Discovered[],
) {
  return {
    timestamp: ctx.clock.now(),
    clientId: ctx.caller.clientId,
    userId: ctx.caller.clientId,
    imsOrg: ctx.config.orgId,
    sandboxName: ctx.sandbox.name,
    marketingActionRef: `${PUBLIC_BASE}/marketingActions/${action}`,
    duleLabels: labels,
    ...(found ? { discoveredLabels: found } : {}),
    violatedPolicies: violated(action, labels, includeDraft).map((p) => policyView(p, PUBLIC_BASE, ctx.config.orgId)),
  };
}

/** An entityList as the POST constraints route and bulk-eval take it; undefined entries are refused. */
function entities(list: unknown): Discovered[] {
  if (!Array.isArray(list) || list.length === 0)
    throw policyError(400, "BadRequest", "The request body must be a non-empty array of {entityType, entityId}.");
  return list.map((item) => {
    if (!isPlainObject(item) || item.entityType !== "dataSet" || typeof item.entityId !== "string")
      throw policyError(400, "BadRequest", "Each entity needs entityType 'dataSet' and an entityId.");
    const meta = isPlainObject(item.entityMeta) ? item.entityMeta : undefined;
    const fields = Array.isArray(meta?.fields)
      ? meta.fields.filter((f): f is string => typeof f === "string")
      : undefined;
    const found = discover(item.entityId, fields);
    if (!found) throw policyError(404, "NotFound", `Dataset ${item.entityId} not found`);
    return found;
  });
}

const draft = (ctx: HandlerContext) => ctx.req.query.get("includeDraft") === "true";

export function handleLabelConstraints(ctx: HandlerContext): EmuResponse {
  checkApiSwitch(ctx.config.policyApi, ctx.req.pathname);
  const action = actionOf(ctx.req.pathname)!;
  known(action);
  const raw = ctx.req.query.get("duleLabels");
  if (raw === null || raw.trim() === "")
    throw policyError(
      400,
      "BadRequest",
      "Constraints request must specify either duleLabels, or dataSetId (with optional fields), but not both",
    );
  const labels = [
    ...new Set(
      raw
        .split(",")
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ];
  return jsonResponse(200, constraints(ctx, action, labels, draft(ctx)));
}

export function handleDatasetConstraints(ctx: HandlerContext): EmuResponse {
  checkApiSwitch(ctx.config.policyApi, ctx.req.pathname);
  const action = actionOf(ctx.req.pathname)!;
  known(action);
  const found = entities(parseJsonBody(ctx.req));
  return jsonResponse(200, constraints(ctx, action, labelsFound(found), draft(ctx), found));
}

/** evaluation.md, "Evaluate policies in bulk": one result per job, in order; `labels` with `entityList` is a 400. */
export function handleBulkEval(ctx: HandlerContext): EmuResponse {
  checkApiSwitch(ctx.config.policyApi, ctx.req.pathname);
  const jobs = parseJsonBody(ctx.req);
  if (!Array.isArray(jobs) || jobs.length === 0)
    throw policyError(400, "BadRequest", "The request body must be a non-empty array of evaluation jobs.");
  for (const job of jobs) {
    if (!isPlainObject(job) || typeof job.evalRef !== "string")
      throw policyError(400, "BadRequest", "Each evaluation job needs an evalRef.");
    if ((job.labels === undefined) === (job.entityList === undefined))
      throw policyError(400, "BadRequest", "Each evaluation job must carry either labels or an entityList, not both.");
  }
  const results = (jobs as Record<string, unknown>[]).map((job) => {
    try {
      const action = actionOf(job.evalRef as string);
      if (!action) throw policyError(400, "BadRequest", `Invalid evalRef ${String(job.evalRef)}`);
      known(action);
      const includeDraft = job.includeDraft === true;
      if (job.labels !== undefined) {
        const labels = Array.isArray(job.labels) ? job.labels.filter((l): l is string => typeof l === "string") : [];
        return { status: 200, body: constraints(ctx, action, labels, includeDraft) };
      }
      const found = entities(job.entityList);
      return { status: 200, body: constraints(ctx, action, labelsFound(found), includeDraft, found) };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return { status: error.status, error: error.body };
    }
  });
  return jsonResponse(200, results);
}

/** The sandbox's one merge policy: the id its Platform audiences carry (audience-store.ts). */
export function handleGetMergePolicy(ctx: HandlerContext): EmuResponse {
  checkApiSwitch(ctx.config.mergePoliciesApi, ctx.req.pathname);
  const id = stableUuid(ctx.config.orgId, ctx.sandbox.name, "merge-policy");
  if (ctx.id !== id)
    throw new ApiError(404, {
      type: "http://ns.adobe.com/aep/errors/UPS-404",
      status: 404,
      title: "Not Found",
      detail: `Merge policy ${ctx.id} not found in sandbox ${ctx.sandbox.name}.`,
    });
  return jsonResponse(200, mergePolicyView(id, ctx.config.orgId, 1_717_200_000));
}
