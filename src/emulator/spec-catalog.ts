// The connection and flow specs one emulator serves and enforces: Adobe's seeded specs, with the params
// `connectionSpecOverrides` removes taken out of the JSON Schemas (properties and required), so a test can
// serve, say, a Kinesis spec without `includeSegmentTimestamps` and see that param refused on create.
import type { SpecOverride } from "./config-checks.js";
import { CONNECTION_SPECS, FLOW_SPECS, type ConnectionSpec, type FlowSpec } from "./specs.js";
import { isPlainObject } from "./types.js";

export class SpecCatalog {
  readonly connectionSpecs: readonly ConnectionSpec[];
  readonly flowSpecs: readonly FlowSpec[] = FLOW_SPECS;

  constructor(overrides: Record<string, SpecOverride> = {}) {
    for (const id of Object.keys(overrides)) {
      if (!CONNECTION_SPECS.some((spec) => spec.id === id))
        throw new Error(`config.connectionSpecOverrides.${id}: no seeded connection spec has this id`);
    }
    this.connectionSpecs = CONNECTION_SPECS.map((spec) =>
      overrides[spec.id] ? applyOverride(spec, overrides[spec.id]!) : spec,
    );
  }

  connection(id: unknown): ConnectionSpec | undefined {
    return this.connectionSpecs.find((spec) => spec.id === id);
  }

  flow(id: unknown): FlowSpec | undefined {
    return this.flowSpecs.find((spec) => spec.id === id);
  }
}

function applyOverride(spec: ConnectionSpec, override: SpecOverride): ConnectionSpec {
  const copy = structuredClone(spec) as ConnectionSpec;
  const at = `config.connectionSpecOverrides.${spec.id}`;
  if (override.removeTargetParams?.length) {
    if (!copy.targetSpec) throw new Error(`${at}.removeTargetParams: ${spec.name} has no targetSpec`);
    removeParams(copy.targetSpec.spec, override.removeTargetParams, `${at}.removeTargetParams`);
  }
  if (override.removeAuthParams?.length) {
    if (copy.authSpec.length === 0) throw new Error(`${at}.removeAuthParams: ${spec.name} has no authSpec`);
    for (const name of override.removeAuthParams) {
      if (!copy.authSpec.some((auth) => name in ((auth.spec.properties as object | undefined) ?? {})))
        throw new Error(`${at}.removeAuthParams: no authSpec of ${spec.name} has a param '${name}'`);
    }
    for (const auth of copy.authSpec) removeParams(auth.spec, override.removeAuthParams, undefined);
  }
  return copy;
}

/** Removes params from a JSON Schema; `at` set: each name must exist (a typo is a config error). */
function removeParams(schema: Record<string, unknown>, names: readonly string[], at: string | undefined): void {
  const properties = isPlainObject(schema.properties) ? schema.properties : {};
  for (const name of names) {
    if (at && !(name in properties)) throw new Error(`${at}: the spec has no param '${name}'`);
    delete properties[name];
  }
  if (Array.isArray(schema.required)) schema.required = schema.required.filter((r) => !names.includes(String(r)));
}
