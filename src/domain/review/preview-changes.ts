// The sample record of each destination a plan changes, before and after it, for the PR comment: what a
// reviewer compares is the record a stream receives, not the selector lists. "Before" is what the
// destination exported before the change, rebuilt from the plan itself (the egress delta's added and
// removed lists undo the change on the desired selectors) and the live target's include flags; a new
// destination has no before, a stopped or removed one no after. Pure, and not part of the checksum:
// samples are derived from what the checksum already binds.
import type { DesiredDestination, DesiredSandbox } from "../state/desired.js";
import type { LiveSandbox } from "../state/live.js";
import type { AudienceRef, EgressDelta, SamplePair, SandboxPlan } from "../plan/plan.js";
import { sampleInput, sampleRecord, type SampleContext, type SampleInput } from "./preview.js";

/** The include flags: a toggle reshapes every record, even when no egress delta says so. */
const SHAPING = ["includeSegmentNames", "includeSegmentTimestamps"];

export function samplePairs(
  plan: SandboxPlan,
  desired: DesiredSandbox,
  live: LiveSandbox | undefined,
  ctx: SampleContext,
): SamplePair[] {
  const deltas = new Map(plan.egress.filter((e) => e.status !== "still-exporting").map((e) => [e.destination, e]));
  const reshaped = plan.changes
    .filter((c) => c.resource === "target-connection" && c.action !== "create" && c.action !== "delete")
    .filter((c) => c.fields.some((f) => SHAPING.some((p) => f.field === `params.${p}`)))
    .map((c) => c.name);
  const names = [...new Set([...deltas.keys(), ...reshaped])].sort((a, b) => a.localeCompare(b));
  return names.flatMap((name) => {
    const destination = desired.destinations.find((d) => d.name === name);
    const delta = deltas.get(name);
    const afterInput = destination?.state === "enabled" ? sampleInput(destination) : undefined;
    const beforeInput = exportedBefore(name, destination, delta, live);
    if (!afterInput && !beforeInput) return [];
    const type = destination?.type ?? delta?.type;
    return [
      {
        destination: name,
        type,
        ...(beforeInput ? { before: sampleRecord(beforeInput, ctx) } : {}),
        ...(afterInput ? { after: sampleRecord(afterInput, ctx) } : {}),
      },
    ];
  });
}

/** What the destination exported before the plan, or undefined when it exported nothing. */
function exportedBefore(
  name: string,
  destination: DesiredDestination | undefined,
  delta: EgressDelta | undefined,
  live: LiveSandbox | undefined,
): SampleInput | undefined {
  const stateBefore = delta?.state ? delta.state.before : destination?.state;
  if (stateBefore !== "enabled") return undefined;
  // Undo the plan on the desired selectors: what it adds was not sent, what it removes was.
  const addedIds = new Set((delta?.audiencesAdded ?? []).map((a) => a.id));
  const addedPaths = new Set(delta?.attributesAdded ?? []);
  const kept: AudienceRef[] = (destination ? [...sampleInput(destination).audiences] : []).filter(
    (a) => !addedIds.has(a.id),
  );
  const audiences = [...kept, ...(delta?.audiencesRemoved ?? [])];
  const attributes = [
    ...(destination?.profileAttributes.map((a) => a.path) ?? []).filter((p) => !addedPaths.has(p)),
    ...(delta?.attributesRemoved ?? []),
  ];
  return { attributes, audiences, target: liveParams(name, live) ?? destination?.target ?? {} };
}

/** The live target connection's params: the include flags the records were shaped by until now. */
function liveParams(name: string, live: LiveSandbox | undefined): Record<string, unknown> | undefined {
  const flow = live?.flows.find((f) => f.owner?.name === name);
  const target = live?.targetConnections.find((t) =>
    flow ? t.id === flow.targetConnectionIds[0] : t.owner?.name === name,
  );
  return target?.params;
}
