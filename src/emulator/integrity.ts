// Referential integrity inside one sandbox: references must exist (400 naming the missing id), spec
// combinations must make sense, and objects still used by a flow cannot be deleted (1418 / 1447).
import { flowError } from "./errors.js";
import { connectionSpec, type ConnectionSpec, type FlowSpec } from "./specs.js";
import type { SandboxCollections } from "./store.js";
import type { Entity, ResourceName } from "./types.js";

function missing(field: string, id: string, sandbox: string): never {
  throw flowError(
    1101,
    400,
    "Invalid reference",
    `'${field}' refers to ${id}, which does not exist in sandbox ${sandbox}.`,
    { field, id },
  );
}

/** The base connection a source/target connection points at: it must exist and share the connection spec. */
export function checkBaseConnection(
  collections: SandboxCollections,
  sandbox: string,
  spec: ConnectionSpec,
  baseConnectionId: unknown,
): void {
  if (baseConnectionId === undefined) return;
  const base = collections.connections.get(String(baseConnectionId));
  if (!base) missing("baseConnectionId", String(baseConnectionId), sandbox);
  const baseSpecId = (base.connectionSpec as { id?: unknown }).id;
  if (baseSpecId !== spec.id) {
    throw flowError(
      1451,
      400,
      "Invalid params",
      `'baseConnectionId' ${base.id} uses connection spec ${String(baseSpecId)}, not ${spec.id}.`,
      { field: "baseConnectionId" },
    );
  }
}

/** A flow's connections must exist and match the flow spec's source and target connection specs. */
export function checkFlowConnections(
  collections: SandboxCollections,
  sandbox: string,
  spec: FlowSpec,
  flow: Record<string, unknown>,
): void {
  const check = (
    field: "sourceConnectionIds" | "targetConnectionIds",
    resource: "sourceConnections" | "targetConnections",
    allowed: string[],
  ): void => {
    for (const id of (flow[field] as string[] | undefined) ?? []) {
      const connection = collections[resource].get(id);
      if (!connection) missing(field, id, sandbox);
      const specId = (connection.connectionSpec as { id?: unknown }).id;
      if (!allowed.includes(String(specId))) {
        const name = connectionSpec(specId)?.name ?? String(specId);
        throw flowError(
          1451,
          400,
          "Invalid params",
          `'${field}' ${id} uses connection spec ${name}, which flow spec ${spec.id} does not accept.`,
          { field, id },
        );
      }
    }
  };
  check("sourceConnectionIds", "sourceConnections", spec.sourceConnectionSpecIds);
  check("targetConnectionIds", "targetConnections", spec.targetConnectionSpecIds);
}

function flowsUsing(
  collections: SandboxCollections,
  field: "sourceConnectionIds" | "targetConnectionIds",
  ids: ReadonlySet<string>,
): Entity[] {
  const flows: Entity[] = [];
  for (const { entity } of collections.flows.newestFirst()) {
    if (((entity[field] as string[] | undefined) ?? []).some((id) => ids.has(id))) flows.push(entity);
  }
  return flows;
}

/** Refuses to delete an object that a flow still uses. */
export function checkDeletable(collections: SandboxCollections, resource: ResourceName, id: string): void {
  if (resource === "flows") return;
  if (resource === "connections") {
    const sourceIds = new Set(
      [...collections.sourceConnections.newestFirst()]
        .filter((r) => r.entity.baseConnectionId === id)
        .map((r) => r.entity.id),
    );
    const targetIds = new Set(
      [...collections.targetConnections.newestFirst()]
        .filter((r) => r.entity.baseConnectionId === id)
        .map((r) => r.entity.id),
    );
    const flows = [
      ...flowsUsing(collections, "sourceConnectionIds", sourceIds),
      ...flowsUsing(collections, "targetConnectionIds", targetIds),
    ];
    if (flows.length > 0) {
      const flowIds = [...new Set(flows.map((f) => f.id))];
      throw flowError(
        1418,
        400,
        "Bad request",
        `The base connection with the ID ${id} cannot be deleted because the base connection is being used in one or more flows: ${flowIds.join(", ")}.`,
        { flowIds },
      );
    }
    return;
  }
  const field = resource === "sourceConnections" ? "sourceConnectionIds" : "targetConnectionIds";
  const flows = flowsUsing(collections, field, new Set([id]));
  if (flows.length > 0) {
    const flowIds = flows.map((f) => f.id);
    throw flowError(
      1447,
      400,
      "Bad request",
      `Found active flows containing id ${id}: ${flowIds.join(", ")}. Delete the flows first.`,
      { flowIds },
    );
  }
}
