// Reads a sandbox's live state in one pass of list calls: destination flows, the Kinesis / Event Hubs
// base and target connections. No per-object GETs, so a read costs O(pages), not O(objects).
// The shared Profile source is found through a managed flow; only when no managed flow exists yet
// (first apply, or a crash before the first flow) does it cost two more filtered list calls.
import { PROFILE_CONNECTION_SPEC_ID } from "../domain/state/adobe.js";
import { DESTINATION_CONNECTION_SPEC_IDS } from "../domain/destination-types/index.js";
import type { LiveSandbox } from "../domain/state/live.js";
import { PROFILE_CONNECTION_NAME } from "../domain/plan/profile.js";
import { DESTINATION_FLOWS, type FlowServicePort } from "../aep/flow-service.js";
import { toConnection, toFlow, toSourceConnection, toTargetConnection } from "../aep/mapping.js";

const DESTINATION_SPECS = DESTINATION_CONNECTION_SPEC_IDS.join(",");

export async function readLive(port: FlowServicePort, options: { needProfileSource: boolean }): Promise<LiveSandbox> {
  const [flows, connections, targets] = await Promise.all([
    // Every destination flow, of any type: names must not clash with any of them, and Adobe's
    // guardrail of 100 destinations per sandbox counts them all.
    port.list("flows", [DESTINATION_FLOWS]),
    // Kinesis and Event Hubs specs are shared with *sources*: those accounts come back too and are
    // told apart by the ownership marker, never by spec alone.
    port.list("connections", [`connectionSpec.id==${DESTINATION_SPECS}`]),
    port.list("targetConnections", [`connectionSpec.id==${DESTINATION_SPECS}`]),
  ]);
  const live: LiveSandbox = {
    sandbox: port.sandbox,
    flows: flows.map(toFlow),
    connections: connections.map(toConnection),
    targetConnections: targets.map(toTargetConnection),
  };

  const managedFlow = live.flows.find((f) => f.owner?.kind === "destination" && f.sourceConnectionIds.length > 0);
  if (managedFlow) {
    live.profileSource = { id: managedFlow.sourceConnectionIds[0]!, name: "", description: "", etag: "", meta: {} };
  } else if (options.needProfileSource) {
    await findProfileObjects(port, live);
  }
  return live;
}

async function findProfileObjects(port: FlowServicePort, live: LiveSandbox): Promise<void> {
  const bases = (
    await port.list("connections", [
      `connectionSpec.id==${PROFILE_CONNECTION_SPEC_ID}`,
      `name==${PROFILE_CONNECTION_NAME}`,
    ])
  )
    .map(toConnection)
    .filter((c) => c.owner?.kind === "profile")
    .sort((a, b) => (a.meta.createdAt ?? 0) - (b.meta.createdAt ?? 0));
  const profileBase = bases[0];
  if (!profileBase) return;
  live.profileBase = profileBase;
  const sources = (await port.list("sourceConnections", [`baseConnectionId==${profileBase.id}`]))
    .map(toSourceConnection)
    .filter((s) => s.owner?.kind === "profile")
    .sort((a, b) => (a.meta.createdAt ?? 0) - (b.meta.createdAt ?? 0));
  if (sources[0]) live.profileSource = sources[0];
}
