// The connection specs a sandbox's YAML is held against: one GET per destination type the YAML uses, per
// command (the port caches them, and every sandbox of the command shares it). A spec Adobe will not show is not
// a reason to stop: the check is skipped for that type, and the plan says so.
import type { ConnectionSpecPort } from "../aep/connection-specs.js";
import type { ConnectionSpec } from "../domain/checks/connection-spec.js";
import { destinationType, type DestinationType } from "../domain/destination-types/index.js";
import type { DesiredSandbox } from "../domain/state/desired.js";

export async function readSpecs(
  port: ConnectionSpecPort,
  desired: DesiredSandbox,
): Promise<{ specs: Map<DestinationType, ConnectionSpec>; notes: string[] }> {
  const types = [...new Set([...desired.accounts, ...desired.destinations].map((d) => d.type))];
  const specs = new Map<DestinationType, ConnectionSpec>();
  const notes: string[] = [];
  await Promise.all(
    types.map(async (type) => {
      const { connectionSpecId, label } = destinationType(type);
      const spec = await port.connectionSpec(connectionSpecId);
      if (spec) specs.set(type, spec);
      else
        notes.push(
          `The ${label} connection spec (${connectionSpecId}) could not be read in sandbox '${desired.sandbox}': credentials and target params were not checked against it.`,
        );
    }),
  );
  return { specs, notes };
}
