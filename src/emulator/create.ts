// POST /connections, /sourceConnections, /targetConnections, /flows: validate the body (structure, then the
// connection spec's authSpec/targetSpec, then references inside the sandbox), build the object with its
// server-managed fields and answer 201 {id, etag}.
import { connectionSpecOrThrow, credentialsOrThrow, flowSpecOrThrow } from "./spec-checks.js";
import { flowError, invalidParams } from "./errors.js";
import type { HandlerContext } from "./context.js";
import { jsonResponse, parseJsonBody, type EmuRequest, type EmuResponse } from "./http.js";
import { newId } from "./ids.js";
import { connectionInherited, flowInherited } from "./inherited.js";
import { checkBaseConnection, checkFlowConnections } from "./integrity.js";
import { sealSecrets } from "./secrets.js";
import { creationFields, versionFields } from "./stamps.js";
import { checkEmptySelectorsOnCreate } from "./strict.js";
import { checkStreamingFlow } from "./streaming-only.js";
import { validateAgainstSpec, validateBody } from "./validation.js";
import { isPlainObject, type Entity, type ResourceName } from "./types.js";
import { UPS_SPEC_ID } from "./specs.js";

const SINGULAR: Record<ResourceName, string> = {
  connections: "connection",
  sourceConnections: "source connection",
  targetConnections: "target connection",
  flows: "flow",
};

/** Parses and structurally validates a create body. */
export function readCreateBody(req: EmuRequest, resource: ResourceName): Record<string, unknown> {
  const body = parseJsonBody(req);
  if (body === undefined || (isPlainObject(body) && Object.keys(body).length === 0)) {
    throw flowError(1405, 400, "Bad request", "Request body cannot be null or empty.");
  }
  if (!isPlainObject(body)) throw invalidParams(`The ${SINGULAR[resource]} request body must be a JSON object.`);
  if (resource === "flows" && "state" in body)
    throw flowError(1410, 400, "Bad request", "`State` is not allowed in the create flow request.");
  const problems = validateBody(resource, body);
  if (problems.length > 0)
    throw invalidParams(`Invalid ${SINGULAR[resource]} request: ${problems.join("; ")}.`, { errors: problems });
  return body;
}

export function handleCreate(ctx: HandlerContext): EmuResponse {
  const resource = ctx.resource as ResourceName;
  const body = readCreateBody(ctx.req, resource);
  const entity = BUILDERS[resource](ctx, body, newId());
  ctx.collections[resource].put(entity);
  ctx.changed();
  return jsonResponse(201, { id: entity.id, etag: entity.etag });
}

type Builder = (ctx: HandlerContext, body: Record<string, unknown>, id: string) => Entity;

/** The leading fields; `description` is always present ("" when not sent), as on every Adobe example. */
function header(ctx: HandlerContext, id: string, body: Record<string, unknown>): Record<string, unknown> {
  return {
    ...creationFields(id, ctx.caller, ctx.sandbox, ctx.config.orgId, ctx.clock.now()),
    name: body.name,
    description: body.description ?? "",
  };
}

const versioned = (ctx: HandlerContext): Record<string, unknown> => versionFields("enabled", ctx.clock.now());

const buildConnection: Builder = (ctx, body, id) => {
  const spec = connectionSpecOrThrow(body.connectionSpec, ctx.specs);
  credentialsOrThrow(spec, body.auth);
  const entity: Record<string, unknown> = { ...header(ctx, id, body), connectionSpec: body.connectionSpec };
  if (body.auth !== undefined) entity.auth = body.auth;
  return sealSecrets({ ...entity, ...versioned(ctx) } as Entity, spec, undefined, ctx.vault);
};

const buildSourceConnection: Builder = (ctx, body, id) => {
  const spec = connectionSpecOrThrow(body.connectionSpec, ctx.specs);
  if (!spec.sourceSpec)
    throw invalidParams(`Connection spec ${spec.id} (${spec.name}) cannot be used for source connections.`, {
      field: "connectionSpec.id",
    });
  const sourceSchema = (spec.sourceSpec.spec ?? {}) as Record<string, unknown>;
  const problems = validateAgainstSpec(sourceSchema, body.params ?? {}, "params");
  if (problems.length > 0)
    throw invalidParams(`Invalid source connection params: ${problems.join("; ")}.`, { errors: problems });
  checkBaseConnection(ctx.collections, ctx.sandbox.name, spec, body.baseConnectionId);
  const entity: Record<string, unknown> = { ...header(ctx, id, body) };
  if (body.baseConnectionId !== undefined) entity.baseConnectionId = body.baseConnectionId;
  Object.assign(entity, {
    data: body.data ?? { format: "json" },
    params: body.params ?? {},
    connectionSpec: body.connectionSpec,
  });
  if (spec.id === UPS_SPEC_ID) entity.typeInfo = { type: "ProfileFragments", id: "ups" };
  const built = { ...entity, ...versioned(ctx) } as Entity;
  return { ...built, inheritedAttributes: connectionInherited(ctx.collections, built) };
};

const buildTargetConnection: Builder = (ctx, body, id) => {
  const spec = connectionSpecOrThrow(body.connectionSpec, ctx.specs);
  if (!spec.targetSpec)
    throw invalidParams(`Connection spec ${spec.id} (${spec.name}) cannot be used for target connections.`, {
      field: "connectionSpec.id",
    });
  if (spec.authSpec.length > 0 && body.baseConnectionId === undefined)
    throw invalidParams(`Invalid target connection request: 'baseConnectionId' is required.`, {
      field: "baseConnectionId",
    });
  const problems = validateAgainstSpec(spec.targetSpec.spec, body.params ?? {}, "params");
  if (problems.length > 0)
    throw invalidParams(`Invalid target connection params for ${spec.name}: ${problems.join("; ")}.`, {
      errors: problems,
    });
  checkBaseConnection(ctx.collections, ctx.sandbox.name, spec, body.baseConnectionId);
  const entity: Record<string, unknown> = { ...header(ctx, id, body) };
  if (body.baseConnectionId !== undefined) entity.baseConnectionId = body.baseConnectionId;
  Object.assign(entity, {
    connectionSpec: body.connectionSpec,
    data: body.data ?? { format: "json" },
    params: body.params ?? {},
  });
  const built = { ...entity, ...versioned(ctx) } as Entity;
  return { ...built, inheritedAttributes: connectionInherited(ctx.collections, built) };
};

const buildFlow: Builder = (ctx, body, id) => {
  const spec = flowSpecOrThrow(body.flowSpec, ctx.specs);
  checkStreamingFlow(body, "create");
  if (ctx.config.strictRequests) checkEmptySelectorsOnCreate(body.transformations);
  checkFlowConnections(ctx.collections, ctx.sandbox.name, spec, body);
  const entity: Record<string, unknown> = {
    ...header(ctx, id, body),
    flowSpec: body.flowSpec,
    ...versioned(ctx),
    sourceConnectionIds: body.sourceConnectionIds,
    targetConnectionIds: body.targetConnectionIds,
  };
  entity.inheritedAttributes = flowInherited(ctx.collections, entity as Entity);
  entity.transformations = body.transformations;
  if (body.scheduleParams !== undefined) entity.scheduleParams = body.scheduleParams;
  if (body.labels !== undefined) entity.labels = body.labels;
  return entity as Entity;
};

const BUILDERS: Record<ResourceName, Builder> = {
  connections: buildConnection,
  sourceConnections: buildSourceConnection,
  targetConnections: buildTargetConnection,
  flows: buildFlow,
};
