// How many people a plan sends: each audience that starts or stops leaving carries Adobe's size for it
// (the Audiences API's export metrics, read with the list the plan reads anyway), and each destination
// names the stream or event hub they go to, so a reviewer reads "≈ 1.2 M profiles start leaving for
// stream `crm-churn`". An audience Adobe gave no figure for stays without one: unknown is never 0.
// Outside the checksum (checksum.ts binds audiences by id only): a size that moves between plan and
// apply changes nothing apply does, so it must not refuse the reviewed plan.
import { whereParams } from "../destination-types/index.js";
import type { KnownAudience } from "../checks/audiences.js";
import type { DesiredSandbox } from "../state/desired.js";
import type { LiveSandbox } from "../state/live.js";
import type { AudienceRef, SandboxPlan } from "../plan/plan.js";

/** A sum of sizes: `profiles` over the audiences Adobe sized, `unknown` audiences it did not. */
export interface SizeSum {
  profiles: number;
  unknown: number;
}

/**
 * The sizes added up. A profile in two audiences counts twice: Adobe gives no overlap, so the sum is
 * what the audiences hold, not the number of distinct people (docs say so).
 */
export function sizeSum(audiences: readonly Pick<AudienceRef, "profiles">[]): SizeSum {
  let profiles = 0;
  let unknown = 0;
  for (const a of audiences) {
    if (a.profiles === undefined) unknown += 1;
    else profiles += a.profiles;
  }
  return { profiles, unknown };
}

/** Adobe's size of each audience that has one, by id. */
export function sizesOf(known: readonly KnownAudience[]): Map<string, number> {
  return new Map(known.flatMap((a) => (a.totalProfiles === undefined ? [] : [[a.id, a.totalProfiles] as const])));
}

/**
 * The plan with `profiles` on every audience its egress shows (`sizes`: Adobe's totalProfiles per id,
 * only for audiences it gave one) and each delta's `targetName` (`names`: destination → stream or hub).
 */
export function withAudienceSizes(
  plan: SandboxPlan,
  sizes: ReadonlyMap<string, number>,
  names: ReadonlyMap<string, string>,
): SandboxPlan {
  if (plan.egress.length === 0) return plan;
  const sized = (a: AudienceRef): AudienceRef => {
    const profiles = sizes.get(a.id);
    return profiles === undefined || a.profiles === profiles ? a : { ...a, profiles };
  };
  const egress = plan.egress.map((delta) => {
    const targetName = delta.targetName ?? names.get(delta.destination);
    return {
      ...delta,
      audiencesAdded: delta.audiencesAdded.map(sized),
      audiencesRemoved: delta.audiencesRemoved.map(sized),
      targetName,
    };
  });
  return { ...plan, egress };
}

/**
 * The stream or event hub each destination sends to, by its YAML name: as the YAML sets it, else (a
 * destination the YAML no longer has: pruned, or left in place) as its live target connection holds it.
 * The first `where` target param of its type names it (Kinesis `stream`, Event Hubs `eventHubName`).
 */
export function targetNames(desired: DesiredSandbox, live: LiveSandbox): Map<string, string> {
  const names = new Map<string, string>();
  for (const flow of live.flows) {
    if (!flow.owner || !flow.type) continue;
    const param = whereParams(flow.type)[0];
    const target = live.targetConnections.find((t) => t.id === flow.targetConnectionIds[0]);
    const value = param === undefined ? undefined : target?.params[param];
    if (typeof value === "string") names.set(flow.owner.name, value);
  }
  for (const destination of desired.destinations) {
    const param = whereParams(destination.type)[0];
    const value = param === undefined ? undefined : destination.target[param];
    if (typeof value === "string") names.set(destination.name, value);
  }
  return names;
}
