// `inheritedAttributes`, computed from the referenced connections and kept current when they change:
// target/source connections inherit their base connection; flows inherit their source and target
// connections (with their base connections) and `properties.isDestinationFlow`.
import { connectionSpec, isDestinationSpec } from "./specs.js";
import type { SandboxCollections } from "./store.js";
import type { Entity } from "./types.js";

function specRef(entity: Entity | undefined): { id: unknown; version: unknown } | undefined {
  const spec = entity?.connectionSpec as { id?: unknown; version?: unknown } | undefined;
  return spec ? { id: spec.id, version: spec.version } : undefined;
}

function baseConnectionRef(
  collections: SandboxCollections,
  baseConnectionId: unknown,
): Record<string, unknown> | undefined {
  if (typeof baseConnectionId !== "string") return undefined;
  const base = collections.connections.get(baseConnectionId);
  return { id: baseConnectionId, connectionSpec: specRef(base) ?? null };
}

/** inheritedAttributes of a source or target connection. */
export function connectionInherited(collections: SandboxCollections, connection: Entity): Record<string, unknown> {
  const baseConnection = baseConnectionRef(collections, connection.baseConnectionId);
  return baseConnection ? { baseConnection } : {};
}

/** inheritedAttributes of a flow. */
export function flowInherited(collections: SandboxCollections, flow: Entity): Record<string, unknown> {
  const sources = ((flow.sourceConnectionIds as string[] | undefined) ?? []).map((id) => {
    const source = collections.sourceConnections.get(id);
    const item: Record<string, unknown> = { id, connectionSpec: specRef(source) ?? null };
    const base = baseConnectionRef(collections, source?.baseConnectionId);
    if (base) item.baseConnection = base;
    if (source?.typeInfo) item.typeInfo = source.typeInfo;
    return item;
  });
  const targetEntities = ((flow.targetConnectionIds as string[] | undefined) ?? []).map((id) => ({
    id,
    target: collections.targetConnections.get(id),
  }));
  const targets = targetEntities.map(({ id, target }) => {
    const item: Record<string, unknown> = { id, connectionSpec: specRef(target) ?? null };
    const base = baseConnectionRef(collections, target?.baseConnectionId);
    if (base) item.baseConnection = base;
    return item;
  });
  const isDestinationFlow =
    targetEntities.length > 0 &&
    targetEntities.every(({ target }) => isDestinationSpec(connectionSpec(specRef(target)?.id)));
  return { properties: { isDestinationFlow }, sourceConnections: sources, targetConnections: targets };
}

/** After a connection changed, refreshes the derived fields of the objects that reference it. */
export function refreshDependents(
  collections: SandboxCollections,
  changed: Entity,
  kind: "connections" | "sourceConnections" | "targetConnections",
): void {
  if (kind === "connections") {
    for (const resource of ["sourceConnections", "targetConnections"] as const) {
      for (const { entity } of collections[resource].newestFirst()) {
        if (entity.baseConnectionId !== changed.id) continue;
        const updated = { ...entity, inheritedAttributes: connectionInherited(collections, entity) };
        collections[resource].refresh(updated);
        refreshDependents(collections, updated, resource);
      }
    }
    return;
  }
  const key = kind === "sourceConnections" ? "sourceConnectionIds" : "targetConnectionIds";
  for (const { entity } of collections.flows.newestFirst()) {
    if (!((entity[key] as string[] | undefined) ?? []).includes(changed.id)) continue;
    collections.flows.refresh({ ...entity, inheritedAttributes: flowInherited(collections, entity) });
  }
}
