// `aep-gitops status`: is data flowing to each destination of the YAML? One flow list per sandbox, then
// the dataflow runs of its running flows (src/app/health.ts): no plan, no connections, no audiences are read.
import { DESTINATION_FLOWS } from "../aep/flow-service.js";
import { toFlow } from "../aep/mapping.js";
import type { HealthReport } from "../domain/operate/health.js";
import { readHealth } from "./health.js";
import type { Workspace } from "./workspace.js";

export async function status(
  ws: Workspace,
  only?: (sandbox: string, destination: string) => boolean,
): Promise<HealthReport> {
  const scopes = await Promise.all(
    ws.sandboxes.map(async (sandbox) => {
      const flows = (await sandbox.port.list("flows", [DESTINATION_FLOWS])).map(toFlow);
      const names = sandbox.desired.destinations
        .map((d) => d.name)
        .filter((n) => !only || only(sandbox.desired.sandbox, n));
      return { desired: sandbox.desired, flows, only: new Set(names) };
    }),
  );
  return readHealth(ws.adobe, scopes);
}
