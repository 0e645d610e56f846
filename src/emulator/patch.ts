// PATCH /flows|connections|sourceConnections|targetConnections/{id}: RFC 6902 ops applied with fast-json-patch
// (removes' indexes read sequentially or against the list as it arrived: patch-apply.ts), only
// add/replace/remove (any case), If-Match compared exactly with the quoted etag, server fields protected, the
// result re-validated like a create, and all-or-nothing. A flow's PATCH answers 202 without a body, as the
// streaming tutorial says, or 200 {id, etag} as the update tutorial's examples show (flowPatchResponse).
import jsonPatch from "fast-json-patch";
import type { Operation } from "fast-json-patch";
import type { HandlerContext } from "./context.js";
import { connectionSpecOrThrow, credentialsOrThrow, flowSpecOrThrow } from "./spec-checks.js";
import { flowError, invalidParams, notFound } from "./errors.js";
import { jsonResponse, parseJsonBody, type EmuResponse } from "./http.js";
import { connectionInherited, flowInherited, refreshDependents } from "./inherited.js";
import { checkBaseConnection, checkFlowConnections } from "./integrity.js";
import { applyOperations } from "./patch-apply.js";
import { checkPatchConnections } from "./refusals.js";
import { sealSecrets } from "./secrets.js";
import { touched } from "./stamps.js";
import { checkRemoveHasValue } from "./strict.js";
import { checkStreamingFlow } from "./streaming-only.js";
import { validateAgainstSpec, validateBody, writableFields } from "./validation.js";
import { isPlainObject, type Entity, type ResourceName } from "./types.js";

const SERVER_FIELDS = new Set([
  "id",
  "etag",
  "version",
  "createdAt",
  "updatedAt",
  "createdBy",
  "updatedBy",
  "createdClient",
  "updatedClient",
  "sandboxId",
  "sandboxName",
  "imsOrgId",
  "inheritedAttributes",
  "state",
  "typeInfo",
]);

export function handlePatch(ctx: HandlerContext): EmuResponse {
  const resource = ctx.resource as ResourceName;
  if (resource === "connections") checkPatchConnections(ctx.config.patchConnections);
  const id = ctx.id!;
  const collection = ctx.collections[resource];
  const current = collection.get(id);
  if (!current) throw notFound(resource, id);
  checkIfMatch(ctx.req.headers["if-match"], current);
  const ops = readOperations(parseJsonBody(ctx.req), resource, ctx.config.strictRequests);
  const document = structuredClone(current);
  try {
    applyOperations(document, ops, ctx.config.patchRemoveIndexes);
  } catch (error) {
    if (!(error instanceof jsonPatch.JsonPatchError)) throw error;
    const op = ops[error.index ?? 0];
    throw flowError(
      1455,
      400,
      "Bad request",
      `Error validating patch instructions: Missing field "${op?.path ?? "?"}" (operation ${error.index ?? 0}, ${error.name}).`,
      { operation: error.index },
    );
  }
  // `description` stays present, "" once removed, as on create.
  const updated = revalidate(ctx, resource, { ...document, description: document.description ?? "" }, current);
  collection.put(touched(updated, ctx.caller, ctx.clock.now()));
  if (resource !== "flows") refreshDependents(ctx.collections, updated, resource);
  ctx.changed();
  // streaming-destinations.md: "Look for a 202 OK response. No response body is returned."
  if (resource === "flows" && ctx.config.flowPatchResponse === "accepted") return { status: 202 };
  const stored = collection.get(id)!;
  return jsonResponse(200, { id, etag: stored.etag });
}

/** If-Match is required and must equal the current etag exactly, quotes included. */
export function checkIfMatch(header: string | undefined, current: Entity): void {
  if (header === undefined || header.trim() === "")
    throw flowError(1403, 400, "Bad request", "The header 'If-Match' is missing in the request.");
  const supplied = header.trim();
  if (supplied === current.etag) return;
  const message = `Supplied version=[${supplied}] does not match the current version on entity=[${String(current.etag)}]`;
  throw flowError(1404, 412, "Version not matching", message, { id: current.id });
}

function readOperations(body: unknown, resource: ResourceName, strict: boolean): Operation[] {
  if (body === undefined || (Array.isArray(body) && body.length === 0))
    throw flowError(1405, 400, "Bad request", "Request body cannot be null or empty.");
  if (!Array.isArray(body))
    throw flowError(
      1455,
      400,
      "Bad request",
      "Error validating patch instructions: the body must be a JSON array of operations.",
    );
  const writable = new Set(writableFields(resource));
  return body.map((raw, index) => {
    if (!isPlainObject(raw) || typeof raw.op !== "string" || typeof raw.path !== "string") {
      throw flowError(
        1455,
        400,
        "Bad request",
        `Error validating patch instructions: operation ${index} needs string 'op' and 'path'.`,
      );
    }
    const op = raw.op.toLowerCase();
    if (op !== "add" && op !== "replace" && op !== "remove")
      throw flowError(1434, 400, "Bad request", `Unsupported operation '${raw.op}'.`);
    const field = topField(raw.path, index);
    if (field === "connectionSpec" || field === "flowSpec") {
      throw flowError(
        1414,
        400,
        "Bad request",
        `The ${field === "flowSpec" ? "flow spec of a flow" : "connection spec of a connection"} cannot be updated.`,
      );
    }
    if (SERVER_FIELDS.has(field))
      throw flowError(
        1455,
        400,
        "Bad request",
        `Error validating patch instructions: '/${field}' is managed by the server and cannot be patched.`,
      );
    if (!writable.has(field))
      throw flowError(
        1455,
        400,
        "Bad request",
        `Error validating patch instructions: Missing field "${raw.path}": '${field}' is not a field of ${resource}.`,
      );
    if (op === "remove") {
      if (strict) checkRemoveHasValue(raw, index);
      return { op, path: raw.path };
    }
    if (!("value" in raw))
      throw flowError(
        1455,
        400,
        "Bad request",
        `Error validating patch instructions: operation ${index} (${op} ${raw.path}) needs a 'value'.`,
      );
    return { op, path: raw.path, value: raw.value } as Operation;
  });
}

function topField(path: string, index: number): string {
  const field = path.split("/")[1];
  if (!path.startsWith("/") || field === undefined || field === "") {
    throw flowError(
      1455,
      400,
      "Bad request",
      `Error validating patch instructions: operation ${index} has an invalid path '${path}'.`,
    );
  }
  return field.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** Validates the patched object like a create body and recomputes its derived fields. */
function revalidate(ctx: HandlerContext, resource: ResourceName, document: Entity, current: Entity): Entity {
  const projection = Object.fromEntries(
    writableFields(resource)
      .filter((f) => document[f] !== undefined)
      .map((f) => [f, document[f]]),
  );
  const problems = validateBody(resource, projection);
  if (problems.length > 0)
    throw flowError(1455, 400, "Bad request", `Error validating patch instructions: ${problems.join("; ")}.`, {
      errors: problems,
    });
  if (resource === "flows") {
    checkStreamingFlow(document, "patch");
    checkFlowConnections(ctx.collections, ctx.sandbox.name, flowSpecOrThrow(document.flowSpec, ctx.specs), document);
    return { ...document, inheritedAttributes: flowInherited(ctx.collections, document) };
  }
  const spec = connectionSpecOrThrow(document.connectionSpec, ctx.specs);
  if (resource === "connections") {
    credentialsOrThrow(spec, document.auth);
    return sealSecrets(document, spec, current, ctx.vault);
  }
  const schema =
    resource === "targetConnections"
      ? spec.targetSpec?.spec
      : (spec.sourceSpec?.spec as Record<string, unknown> | undefined);
  const paramProblems = schema ? validateAgainstSpec(schema, document.params ?? {}, "params") : [];
  if (paramProblems.length > 0)
    throw invalidParams(
      `Invalid ${resource === "targetConnections" ? "target" : "source"} connection params for ${spec.name}: ${paramProblems.join("; ")}.`,
      { errors: paramProblems },
    );
  checkBaseConnection(ctx.collections, ctx.sandbox.name, spec, document.baseConnectionId);
  return { ...document, inheritedAttributes: connectionInherited(ctx.collections, document) };
}
