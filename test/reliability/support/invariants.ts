// Invariants checked on the emulator's admin view (/__emulator/state), independently of the tool's own
// planner: live = desired, no duplicate, no foreign object changed, the sandbox lock released.
import { readLease } from "../../../src/reconcile/lock-object.js";
import { SECRETS } from "../../support/lab.js";
import { audienceIds, type Model } from "./model.js";

type Obj = Record<string, unknown> & {
  id: string;
  name: string;
  etag: string;
  updatedAt: number;
  description?: string;
};
export type SandboxState = Record<"connections" | "sourceConnections" | "targetConnections" | "flows", Obj[]>;
export const COLLECTIONS = ["connections", "sourceConnections", "targetConnections", "flows"] as const;

/**
 * The target params Adobe's UI shows as toggles ("Toggle if you want the data export to include …",
 * amazon-kinesis.md, azure-event-hubs.md): absent means off, so `false` in YAML equals no flag in Adobe.
 */
const INCLUDE_FLAGS = ["includeSegmentNames", "includeSegmentTimestamps"];

const MARKER = /\[managed by aep-gitops: (account|destination|profile)\/([A-Za-z0-9._-]+)/;

export function sandboxOf(state: { sandboxes: Record<string, SandboxState> }, sandbox: string): SandboxState {
  return state.sandboxes[sandbox]!;
}

export function ownerOf(o: Obj): string | undefined {
  const match = MARKER.exec(o.description ?? "");
  return match ? `${match[1]}/${match[2]}` : undefined;
}

/** The user's text of a description: without the marker (and its blank line). */
export function textOf(o: Obj): string {
  return (o.description ?? "").replace(/\s*\[managed by aep-gitops: [^\]]*\]\s*$/, "").trim();
}

/** Two managed objects of one collection with one owner. */
export function duplicates(s: SandboxState): string[] {
  const found: string[] = [];
  for (const collection of COLLECTIONS) {
    const seen = new Map<string, number>();
    for (const o of s[collection]) {
      const owner = ownerOf(o);
      if (owner) seen.set(owner, (seen.get(owner) ?? 0) + 1);
    }
    for (const [owner, n] of seen) if (n > 1) found.push(`${n} ${collection} owned by ${owner}`);
  }
  return found;
}

/** Objects made outside the tool (no marker): id → etag and updatedAt. */
export function foreignSnapshot(s: SandboxState): Map<string, string> {
  const snapshot = new Map<string, string>();
  for (const collection of COLLECTIONS)
    for (const o of s[collection]) if (!ownerOf(o)) snapshot.set(`${collection}/${o.id}`, `${o.etag}@${o.updatedAt}`);
  return snapshot;
}

export function foreignChanged(before: Map<string, string>, after: SandboxState): string[] {
  const now = foreignSnapshot(after);
  return [...before]
    .filter(([key, version]) => now.get(key) !== version)
    .map(([key]) => `${key} ${now.has(key) ? "changed" : "deleted"}`);
}

/**
 * Live = desired: every desired account and destination exists once, with exactly its fields; managed
 * objects the YAML no longer declares are gone with prune, else only those that were there before.
 */
export function converged(
  s: SandboxState,
  model: Model,
  opts: { prune: boolean; before?: Set<string>; leaseGraceMs?: number },
): string[] {
  const v: string[] = [...duplicates(s)];
  const owned = (collection: keyof SandboxState, owner: string) => s[collection].find((o) => ownerOf(o) === owner);
  const profile = owned("connections", "profile/connection");
  const source = owned("sourceConnections", "profile/source");
  // A lease line may stay behind a killed run (a no-op apply takes no lock): it runs out within its
  // TTL and the lock clock's error (the grace). A run that ended by itself must have released its lease.
  // Read as every run reads it (a line the tool could not read back would be a lock nobody holds).
  const lease = readLease(profile?.description ?? "");
  const left = lease ? lease.until - Date.now() : 0;
  // How long it still runs says whose it is: up to a TTL, a write just before the end; less, a clock.
  if (lease && left > (opts.leaseGraceMs ?? 0))
    v.push(`the sandbox lock is still held after every run ended (${left} ms left, lock ${profile?.id})`);
  if (model.destinations.length > 0 && (!profile || !source)) v.push("no Profile connection/source");

  for (const a of model.accounts) {
    const live = owned("connections", `account/${a.name}`);
    if (!live) {
      v.push(`account ${a.name} missing`);
      continue;
    }
    if (live.name !== a.name) v.push(`account ${a.name}: name ${live.name}`);
    if (textOf(live) !== a.description.trim()) v.push(`account ${a.name}: description ${JSON.stringify(textOf(live))}`);
    const params = (live.auth as { params: Record<string, string> }).params;
    const secret =
      a.type === "amazon-kinesis" ? { secretKey: SECRETS.KINESIS_SECRET_KEY } : { sasKey: SECRETS.EVENTHUB_SAS_KEY };
    for (const [k, want] of Object.entries({ ...a.params, ...secret }))
      if (params[k] !== want) v.push(`account ${a.name}: ${k} differs`);
  }

  for (const d of model.destinations) {
    const flow = owned("flows", `destination/${d.name}`);
    const target = owned("targetConnections", `destination/${d.name}`);
    const account = owned("connections", `account/${d.account}`);
    if (!flow || !target) {
      v.push(`destination ${d.name}: ${flow ? "target connection" : "flow"} missing`);
      continue;
    }
    if (flow.name !== d.name) v.push(`flow ${d.name}: name ${flow.name}`);
    if (flow.state !== d.state) v.push(`flow ${d.name}: state ${String(flow.state)}`);
    if (textOf(flow) !== d.description.trim()) v.push(`flow ${d.name}: description ${JSON.stringify(textOf(flow))}`);
    const params =
      (
        flow.transformations as
          { params: Record<string, { selectors: { value: Record<string, string> }[] }> }[] | undefined
      )?.[0]?.params ?? {};
    const ids = (params.segmentSelectors?.selectors ?? []).map((x) => x.value.id!);
    const paths = (params.profileSelectors?.selectors ?? []).map((x) => x.value.path!);
    if (!sameSet(ids, audienceIds(model, d))) v.push(`flow ${d.name}: audiences [${ids.join(" ")}]`);
    if (!sameSet(paths, d.attributes)) v.push(`flow ${d.name}: attributes [${paths.join(" ")}]`);
    if (JSON.stringify(flow.targetConnectionIds) !== JSON.stringify([target.id]))
      v.push(`flow ${d.name}: not on its target connection`);
    if (source && JSON.stringify(flow.sourceConnectionIds) !== JSON.stringify([source.id]))
      v.push(`flow ${d.name}: not on the Profile source`);
    if (target.baseConnectionId !== account?.id) v.push(`target ${d.name}: not on account ${d.account}`);
    const live = target.params as Record<string, unknown>;
    for (const k of new Set([...Object.keys(d.target), ...INCLUDE_FLAGS])) {
      // An include flag Adobe does not hold is off (docs/design.md), on both sides.
      const differs = INCLUDE_FLAGS.includes(k)
        ? (live[k] === true) !== (d.target[k] === true)
        : live[k] !== d.target[k];
      if (differs) v.push(`target ${d.name}: ${k} = ${JSON.stringify(live[k])}`);
    }
  }

  const wanted = new Set([
    ...model.accounts.map((a) => `account/${a.name}`),
    ...model.destinations.map((d) => `destination/${d.name}`),
    "profile/connection",
    "profile/source",
  ]);
  for (const collection of COLLECTIONS) {
    for (const o of s[collection]) {
      const owner = ownerOf(o);
      if (!owner || wanted.has(owner)) continue;
      if (opts.prune) v.push(`${collection} ${owner} not pruned`);
      else if (!opts.before?.has(owner)) v.push(`${collection} ${owner} is neither desired nor an orphan`);
    }
  }
  return v;
}

/** Owners of every managed object in a sandbox. */
export function managedOwners(s: SandboxState): Set<string> {
  return new Set(COLLECTIONS.flatMap((c) => s[c].map(ownerOf).filter((o): o is string => o !== undefined)));
}

function sameSet(live: string[], want: string[]): boolean {
  return live.length === want.length && new Set(live).size === live.length && want.every((x) => live.includes(x));
}
