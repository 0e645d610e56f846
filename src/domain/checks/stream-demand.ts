// What a plan asks of the Kinesis streams it writes to (pure): which streams must exist before apply
// (a destination the plan creates, or whose stream or region changes), and how many profiles start
// leaving for each (the backfill of the audiences it adds), against what the stream's open shards can
// take. The check itself is at the AWS edge (src/aep/kinesis.ts, src/reconcile/stream-checks.ts).
import type { DesiredDestination, DesiredSandbox, SourceLocation } from "../state/desired.js";
import { sizeSum } from "../review/audience-sizes.js";
import type { SandboxPlan } from "../plan/plan.js";
import type { Problem } from "./problem.js";

/** Kinesis' documented write limit per shard: 1,000 records per second (and 1 MiB/s, unknowable here). */
export const RECORDS_PER_SHARD_SECOND = 1_000;
/** Adobe exports an audience's existing members "within approximately one hour" (amazon-kinesis.md). */
export const ADOBE_BACKFILL_SECONDS = 3_600;

export interface StreamDemand {
  stream: string;
  /** The target's region; absent when the YAML leaves it to the account's (resolved at the edge). */
  region?: string;
  /** The destinations writing to it in this plan, in YAML order; the first one's line carries problems. */
  destinations: DesiredDestination[];
  /** A destination the plan creates or re-points writes to it: it must exist before apply. */
  mustExist: boolean;
  /** Profiles of the audiences the plan adds to destinations writing to it (sizeSum: where Adobe said how many). */
  profiles: number;
  /** Added audiences whose size Adobe did not say: left out of `profiles`. */
  unknownSizes: number;
}

/** The Kinesis streams this plan creates, re-points or adds audiences to, one entry per stream and region. */
export function streamDemands(plan: SandboxPlan, desired: DesiredSandbox): StreamDemand[] {
  const repointed = new Set(
    plan.changes
      .filter(
        (c) =>
          c.resource === "target-connection" &&
          (c.action === "create" || c.fields.some((f) => f.field === "params.stream" || f.field === "params.region")),
      )
      .map((c) => c.name),
  );
  const added = new Map(plan.egress.map((e) => [e.destination, e.audiencesAdded]));
  const demands = new Map<string, StreamDemand>();
  for (const destination of desired.destinations) {
    if (destination.type !== "amazon-kinesis") continue;
    const audiences = added.get(destination.name) ?? [];
    const mustExist = repointed.has(destination.name);
    if (!mustExist && audiences.length === 0) continue;
    const stream = String(destination.target.stream);
    const region = typeof destination.target.region === "string" ? destination.target.region : undefined;
    const key = JSON.stringify([stream, region ?? `account:${destination.account}`]);
    const demand: StreamDemand = demands.get(key) ?? {
      stream,
      ...(region ? { region } : {}),
      destinations: [],
      mustExist: false,
      profiles: 0,
      unknownSizes: 0,
    };
    demand.destinations.push(destination);
    demand.mustExist ||= mustExist;
    const sum = sizeSum(audiences);
    demand.profiles += sum.profiles;
    demand.unknownSizes += sum.unknown;
    demands.set(key, demand);
  }
  return [...demands.values()];
}

/** Seconds the backfill takes at Kinesis' per-shard record limit: profiles ÷ (shards × 1,000 records/s). */
export function backfillSeconds(profiles: number, shards: number): number {
  return shards > 0 ? profiles / (shards * RECORDS_PER_SHARD_SECOND) : Infinity;
}

/** The open shards that take the backfill within Adobe's hour. */
export function shardsNeeded(profiles: number): number {
  return Math.max(1, Math.ceil(profiles / (ADOBE_BACKFILL_SECONDS * RECORDS_PER_SHARD_SECOND)));
}

/** Where problems about a demand's stream point: the first destination's `stream` line. */
export function streamLine(demand: StreamDemand): SourceLocation {
  const first = demand.destinations[0]!;
  return first.targetSources?.stream ?? first.targetSource ?? first.source;
}

export function missingStream(demand: StreamDemand, region: string): Problem {
  const names = demand.destinations.map((d) => `'${d.name}'`).join(", ");
  return {
    ...streamLine(demand),
    rule: "kinesis-stream",
    severity: "error",
    message: `Kinesis stream '${demand.stream}' does not exist in region ${region} (the account's credentials list no such stream): destination ${names} would write to it`,
    hint: `Create the stream in ${region} first (aws kinesis create-stream --stream-name ${demand.stream} --region ${region}), or correct target.stream / target.region.`,
  };
}

/** A warning when the backfill outlasts Adobe's hour at the open shards' write limit; none otherwise. */
export function capacityWarning(demand: StreamDemand, region: string, shards: number): Problem | undefined {
  const seconds = backfillSeconds(demand.profiles, shards);
  if (seconds <= ADOBE_BACKFILL_SECONDS) return undefined;
  const unknown =
    demand.unknownSizes > 0
      ? ` (${demand.unknownSizes} added audience${demand.unknownSizes === 1 ? "" : "s"} of unknown size not counted)`
      : "";
  return {
    ...streamLine(demand),
    rule: "stream-capacity",
    severity: "warning",
    message: `${count(demand.profiles)} profiles start leaving for Kinesis stream '${demand.stream}' in ${region}${unknown}; at ${count(RECORDS_PER_SHARD_SECOND)} records/s per shard, its ${shards === 1 ? "1 open shard takes" : `${shards} open shards take`} ${duration(seconds)} (profiles ÷ (shards × ${count(RECORDS_PER_SHARD_SECOND)} records/s)), longer than the hour Adobe backfills in: deliveries will be throttled, and Adobe retries a failed delivery only twice`,
    hint: `Give the stream at least ${shardsNeeded(demand.profiles)} open shards before apply (aws kinesis update-shard-count), or switch it to on-demand capacity.`,
  };
}

function count(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

function duration(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return minutes < 120 ? `≈ ${minutes} min` : `≈ ${(seconds / 3600).toFixed(1)} h`;
}
