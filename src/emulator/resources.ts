// Reads and deletes: GET lists (filters, order, pages), GET by id (also `{items:[obj]}`), DELETE (the status
// Adobe's page for the resource documents, or one configured for all; refused while a flow uses the object),
// and the read-only spec catalogs. Dataflow runs are runs.ts's.
import type { HandlerContext } from "./context.js";
import { maskSecrets } from "./credentials.js";
import { notFound } from "./errors.js";
import { jsonOf, jsonResponse, RawJson, type EmuResponse } from "./http.js";
import { checkDeletable } from "./integrity.js";
import { listPage, parseListQuery, type Row } from "./pagination.js";
import type { SpecCatalog } from "./spec-catalog.js";
import type { Entity, ResourceName } from "./types.js";

/** The object as API clients see it (credentials masked). */
export function publicView(resource: ResourceName, entity: Entity, catalog: SpecCatalog): Entity {
  return resource === "connections" ? maskSecrets(entity, catalog) : entity;
}

export function handleList(ctx: HandlerContext): EmuResponse {
  const resource = ctx.resource as ResourceName;
  const query = parseListQuery(resource, ctx.req.query);
  const collection = ctx.collections[resource];
  const rows = function* (beforeRev?: number): Generator<Row> {
    for (const { entity, rev } of collection.newestFirst(beforeRev))
      yield { value: publicView(resource, entity, ctx.specs), rev };
  };
  return jsonResponse(200, listPage(resource, query, rows).body);
}

export function handleGet(ctx: HandlerContext): EmuResponse {
  const resource = ctx.resource as ResourceName;
  const entity = ctx.collections[resource].get(ctx.id!);
  if (!entity) throw notFound(resource, ctx.id!);
  return jsonResponse(200, new RawJson(`{"items":[${jsonOf(publicView(resource, entity, ctx.specs))}]}`));
}

/**
 * DELETE's status as Adobe documents it per resource: delete-destination-account.md "returns HTTP status 204
 * (No Content) and a blank body" for a base connection; delete-destination-dataflow.md "202 (No Content)" for
 * a flow; destinations.yaml's DELETE /sourceConnections/{id} and /targetConnections/{id} "202 (No Content)".
 */
const DOCUMENTED_DELETE_STATUS: Record<ResourceName, number> = {
  connections: 204,
  sourceConnections: 202,
  targetConnections: 202,
  flows: 202,
};

export function handleDelete(ctx: HandlerContext): EmuResponse {
  const resource = ctx.resource as ResourceName;
  const collection = ctx.collections[resource];
  if (!collection.get(ctx.id!)) throw notFound(resource, ctx.id!);
  checkDeletable(ctx.collections, resource, ctx.id!);
  collection.delete(ctx.id!);
  if (resource === "connections") ctx.vault.forget(ctx.id!);
  ctx.changed();
  const configured = ctx.config.deleteStatus;
  return { status: configured === "documented" ? DOCUMENTED_DELETE_STATUS[resource] : configured };
}

function specCatalog(ctx: HandlerContext): readonly { id: string }[] {
  return ctx.resource === "flowSpecs" ? ctx.specs.flowSpecs : ctx.specs.connectionSpecs;
}

export function handleListSpecs(ctx: HandlerContext): EmuResponse {
  const catalog = specCatalog(ctx);
  const query = parseListQuery(ctx.resource, ctx.req.query);
  // Specs never change: their position in the catalog stands in for the revision.
  const rows = function* (beforeRev?: number): Generator<Row> {
    for (let i = 0; i < catalog.length; i += 1) {
      const rev = catalog.length - i;
      if (beforeRev === undefined || rev < beforeRev) yield { value: catalog[i], rev };
    }
  };
  return jsonResponse(200, listPage(ctx.resource, query, rows).body);
}

export function handleGetSpec(ctx: HandlerContext): EmuResponse {
  const spec = specCatalog(ctx).find((s) => s.id === ctx.id);
  if (!spec) throw notFound(ctx.resource, ctx.id!);
  return jsonResponse(200, { items: [spec] });
}
