// What leaves where, for the picture in the PR comment: every destination of the sandbox (not only the
// changed ones) with its account, the place its data lands (stream and region, namespace and event hub),
// how many audiences and attributes it sends, and what this plan does to it; plus the destinations the
// plan removes and the orphans that still export. A reviewer sees the change in its surroundings: a new
// stream next to the five that already receive the same audience. Pure; not part of the checksum.
import { whereParams, whereSettings } from "../destination-types/index.js";
import type { DesiredSandbox } from "../state/desired.js";
import type { LiveSandbox } from "../state/live.js";
import type { EgressMap, MapDestination, SandboxPlan } from "../plan/plan.js";
import { desiredWhere, liveWhereOfFlow, type Where } from "./where.js";

export function egressMap(plan: SandboxPlan, desired: DesiredSandbox, live: LiveSandbox | undefined): EgressMap {
  const deltas = new Map(plan.egress.map((e) => [e.destination, e]));
  const created = new Set(
    plan.changes.filter((c) => c.resource === "flow" && c.action === "create").map((c) => c.name),
  );
  const wanted = new Set(desired.destinations.map((d) => d.name));
  const destinations: MapDestination[] = desired.destinations.map((d) => {
    const { account, ...place } = desiredWhere(
      d,
      desired.accounts.find((a) => a.name === d.account),
    );
    const delta = deltas.get(d.name);
    const base = {
      name: d.name,
      type: d.type,
      account: String(account),
      place,
      audiences: d.audiences.length,
      attributes: d.profileAttributes.length,
      state: d.state,
    };
    if (created.has(d.name)) return { ...base, delta: "added" as const };
    if (!delta) return base;
    if (delta.status === "stopped") return { ...base, delta: "stopped" as const };
    return {
      ...base,
      delta: "changed" as const,
      moved: {
        audiencesAdded: delta.audiencesAdded.length,
        audiencesRemoved: delta.audiencesRemoved.length,
        attributesAdded: delta.attributesAdded.length,
        attributesRemoved: delta.attributesRemoved.length,
        audiencesRescheduled: delta.audiencesRescheduled?.length,
      },
      ...(delta.target?.before ? { relocated: true } : {}),
      ...(delta.status === "started" ? { restarted: true } : {}),
    };
  });
  for (const delta of plan.egress) {
    if (wanted.has(delta.destination)) continue;
    const known = delta.target?.before ?? placeOfLive(delta.destination, live);
    const { account = "(unknown account)", ...place } = known ?? {};
    const orphan = delta.status === "still-exporting";
    destinations.push({
      name: delta.destination,
      type: delta.type,
      account: String(account),
      place,
      audiences: orphan ? (delta.counts?.audiences ?? 0) : delta.audiencesRemoved.length,
      attributes: orphan ? (delta.counts?.attributes ?? 0) : delta.attributesRemoved.length,
      state: orphan ? "enabled" : String(delta.state?.before ?? "enabled"),
      delta: orphan ? "orphan" : "removed",
    });
  }
  return {
    destinations: destinations.sort((a, b) => a.account.localeCompare(b.account) || a.name.localeCompare(b.name)),
  };
}

/** Where a removed destination's flow sent its data, read from the live objects the plan deletes. */
function placeOfLive(name: string, live: LiveSandbox | undefined): Where | undefined {
  const flow = live?.flows.find((f) => f.owner?.name === name && f.type);
  if (!live || !flow?.type) return undefined;
  const keys = [...whereSettings(flow.type), ...whereParams(flow.type)];
  return liveWhereOfFlow(live, flow, Object.fromEntries(keys.map((k) => [k, true])));
}
