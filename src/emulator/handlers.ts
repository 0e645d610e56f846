// The handler table: one function per route handler name (Sandbox Management, which needs no sandbox, is
// dispatched by the emulator itself).
import { handleAction } from "./actions.js";
import type { AudienceStore } from "./audience-store.js";
import { handleGetAudience, handleListAudiences } from "./audiences.js";
import { handleBulkPatchMetrics } from "./audience-metrics.js";
import type { HandlerContext } from "./context.js";
import { handleCreate } from "./create.js";
import type { EmuResponse } from "./http.js";
import { handlePatch } from "./patch.js";
import { handleDelete, handleGet, handleGetSpec, handleList, handleListSpecs } from "./resources.js";
import type { HandlerName } from "./router.js";
import { handleGetRun, handleListRuns } from "./runs.js";
import { handleListAuditEvents } from "./audit.js";
import { handleGetSchema } from "./schema-registry.js";
import { handleBulkEval, handleDatasetConstraints, handleGetMergePolicy, handleLabelConstraints } from "./policies.js";
import { handleCreateSegment, handleGetSegment, handleListSegments, handlePatchSegment } from "./segments.js";

export type Handler = (ctx: HandlerContext, audiences: AudienceStore) => EmuResponse;

const HANDLERS: Partial<Record<HandlerName, Handler>> = {
  listSpecs: handleListSpecs,
  getSpec: handleGetSpec,
  list: handleList,
  create: handleCreate,
  get: handleGet,
  patch: handlePatch,
  delete: handleDelete,
  action: handleAction,
  listRuns: handleListRuns,
  getRun: handleGetRun,
  listAuditEvents: handleListAuditEvents,
  listSegments: handleListSegments,
  getSegment: handleGetSegment,
  createSegment: handleCreateSegment,
  patchSegment: handlePatchSegment,
  listAudiences: handleListAudiences,
  getAudience: handleGetAudience,
  bulkPatchAudienceMetrics: handleBulkPatchMetrics,
  getSchema: handleGetSchema,
  labelConstraints: handleLabelConstraints,
  datasetConstraints: handleDatasetConstraints,
  bulkEval: handleBulkEval,
  getMergePolicy: handleGetMergePolicy,
};

export function routeHandler(name: HandlerName): Handler {
  const handler = HANDLERS[name];
  if (!handler) throw new Error(`no handler ${name}`);
  return handler;
}
