// The handler table: one function per route handler name.
import { handleAction } from "./actions.js";
import type { HandlerContext } from "./context.js";
import { handleCreate } from "./create.js";
import type { EmuResponse } from "./http.js";
import { handlePatch } from "./patch.js";
import { handleDelete, handleGet, handleGetSpec, handleList, handleListSpecs } from "./resources.js";
import type { HandlerName } from "./router.js";
import { handleCreateSegment, handleGetSegment, handleListSegments, type SegmentStore } from "./segments.js";

export type Handler = (ctx: HandlerContext, segments: SegmentStore) => EmuResponse;

const HANDLERS: Partial<Record<HandlerName, Handler>> = {
  listSpecs: handleListSpecs,
  getSpec: handleGetSpec,
  list: handleList,
  create: handleCreate,
  get: handleGet,
  patch: handlePatch,
  delete: handleDelete,
  action: handleAction,
  listSegments: handleListSegments,
  getSegment: handleGetSegment,
  createSegment: handleCreateSegment,
};

export function routeHandler(name: HandlerName): Handler {
  const handler = HANDLERS[name];
  if (!handler) throw new Error(`no handler ${name}`);
  return handler;
}
