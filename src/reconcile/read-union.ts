// The sandbox's Profile union schema, read when a destination exports profile attributes (one call per
// sandbox per command), and indexed for the attribute check and the export preview. A Schema Registry that
// refuses this client skips the check, and the plan says so once for the sandbox.
import type { SchemaRegistryPort } from "../aep/schema-registry.js";
import type { DesiredSandbox } from "../domain/state/desired.js";
import { indexUnionSchema, type UnionIndex } from "../domain/state/union-schema.js";

export async function readUnion(
  port: SchemaRegistryPort,
  desired: DesiredSandbox,
): Promise<{ index?: UnionIndex; note?: string } | undefined> {
  if (!desired.destinations.some((d) => d.profileAttributes.length > 0)) return undefined;
  const schema = await port.profileUnion();
  if (schema === undefined)
    return {
      note: `The Schema Registry refused to show sandbox '${desired.sandbox}''s Profile union schema, so profile attribute paths were not checked against it (the client needs the View Schemas permission).`,
    };
  return { index: indexUnionSchema(schema) };
}
