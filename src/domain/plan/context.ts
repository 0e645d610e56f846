// The planner's working set for one sandbox: live objects indexed by owner, and helpers that every
// per-resource step shares (references to ids, attribution, refusals).
import type { DesiredSandbox } from "../state/desired.js";
import type { LiveConnection, LiveFlow, LiveMeta, LiveSandbox, LiveTargetConnection } from "../state/live.js";
import type { Attribution, Change, EgressDelta, Note, Refusal } from "./plan.js";

export interface PlanOptions {
  prune: boolean;
  allowEmpty: boolean;
  force: boolean;
  maxChangePercent: number;
  minResourcesForThreshold: number;
  /** Keyed fingerprints of each account's credentials; undefined where the secrets are not available. */
  fingerprints: Record<string, string | undefined>;
  /** The tool's own IMS client id: tells its own writes from everyone else's. */
  clientId?: string;
  /** Adobe's soft guardrails become refusals instead of warnings. */
  strict?: boolean;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = {
  prune: false,
  allowEmpty: false,
  force: false,
  maxChangePercent: 30,
  minResourcesForThreshold: 10,
  fingerprints: {},
};

/** Objects carrying our marker, by YAML name; extra ones (a crashed or raced create) are duplicates. */
export interface Owned<T> {
  primary: Map<string, T>;
  duplicates: T[];
}

export class PlanContext {
  readonly changes: Change[] = [];
  readonly refusals: Refusal[] = [];
  readonly notes: Note[] = [];
  readonly egress: EgressDelta[] = [];
  /** Live ids of unmanaged objects the YAML adopts in this plan (their first write sets the marker). */
  readonly adopting = new Set<string>();
  /** Live ids of managed objects renamed in place (renamedFrom), with the name they had. */
  readonly renaming = new Map<string, string>();
  /**
   * Managed target connections of a YAML destination whose account was deleted in Adobe (it deletes an
   * account once no flow uses it): they point nowhere and cannot be re-pointed, so a new one is created
   * and they are removed as duplicates (vanished.ts says why).
   */
  readonly stranded = new Set<string>();
  readonly accounts: Owned<LiveConnection>;
  readonly targets: Owned<LiveTargetConnection>;
  readonly flows: Owned<LiveFlow>;

  constructor(
    readonly desired: DesiredSandbox,
    readonly live: LiveSandbox,
    readonly options: PlanOptions,
  ) {
    this.flows = own(live.flows.filter((f) => f.owner?.kind === "destination"));
    const targets = live.targetConnections.filter((t) => t.owner?.kind === "destination");
    for (const id of strandedTargets(desired, live, targets)) this.stranded.add(id);
    // A target belongs with its destination's flow: prefer the one the kept flow uses.
    this.targets = own(
      targets.filter((t) => !this.stranded.has(t.id)),
      (name) => this.flows.primary.get(name)?.targetConnectionIds ?? [],
    );
    this.targets.duplicates.push(...targets.filter((t) => this.stranded.has(t.id)));
    this.accounts = own(
      live.connections.filter((c) => c.owner?.kind === "account"),
      (name) =>
        [...this.targets.primary.values()].filter((t) => accountOf(this, t) === name).map((t) => t.baseConnectionId),
    );
  }

  add(change: Change): void {
    this.changes.push(change);
  }

  attribution(meta: LiveMeta): Attribution {
    return { ...meta, byThisTool: this.options.clientId !== undefined && meta.updatedClient === this.options.clientId };
  }

  /** How a write to a live managed object is filed: adopting it, renaming it, or a plain update. */
  liveAction(
    id: string,
  ): { action: "adopt" } | { action: "rename"; renamedFrom: string; reason: string } | { action: "update" } {
    if (this.adopting.has(id)) return { action: "adopt" };
    const previous = this.renaming.get(id);
    if (previous !== undefined) return { action: "rename", renamedFrom: previous, reason: `renamed from ${previous}` };
    return { action: "update" };
  }

  /** Whether a write must (re)set the ownership marker: adopted objects get one, renamed ones a new one. */
  markerMode(id: string): "adopt" | "rename" | undefined {
    return this.adopting.has(id) ? "adopt" : this.renaming.has(id) ? "rename" : undefined;
  }

  /** True when this plan already holds a change with this ref. */
  has(ref: string): boolean {
    return this.changes.some((c) => c.ref === ref);
  }

  get managedCount(): number {
    const count = (o: Owned<unknown>) => o.primary.size + o.duplicates.length;
    return count(this.accounts) + count(this.targets) + count(this.flows);
  }

  /** The destinations and accounts that managed objects belong to: what the change guard counts in. */
  get managedIdentities(): number {
    const names = (o: Owned<unknown>, kind: string) => [...o.primary.keys()].map((name) => `${kind}/${name}`);
    return new Set([
      ...names(this.accounts, "account"),
      ...names(this.targets, "destination"),
      ...names(this.flows, "destination"),
    ]).size;
  }
}

/** Targets of YAML destinations whose base connection Adobe no longer lists and that no flow uses. */
function strandedTargets(desired: DesiredSandbox, live: LiveSandbox, targets: LiveTargetConnection[]): string[] {
  const accounts = new Set(live.connections.map((c) => c.id));
  const used = new Set(live.flows.flatMap((f) => f.targetConnectionIds));
  const wanted = new Set(desired.destinations.map((d) => d.name));
  return targets
    .filter((t) => wanted.has(t.owner!.name) && !accounts.has(t.baseConnectionId) && !used.has(t.id))
    .map((t) => t.id);
}

function accountOf(ctx: PlanContext, target: LiveTargetConnection): string | undefined {
  const desired = ctx.desired.destinations.find((d) => d.name === target.owner?.name);
  return desired?.account;
}

function own<T extends { id: string; owner?: { name: string }; meta: LiveMeta }>(
  objects: T[],
  preferredIds: (name: string) => string[] = () => [],
): Owned<T> {
  const byName = new Map<string, T[]>();
  for (const object of objects) {
    const name = object.owner!.name;
    byName.set(name, [...(byName.get(name) ?? []), object]);
  }
  const primary = new Map<string, T>();
  const duplicates: T[] = [];
  for (const [name, group] of byName) {
    const preferred = new Set(preferredIds(name));
    // Keep the one in use, else the oldest: deterministic whichever order Adobe lists them in.
    const sorted = [...group].sort(
      (a, b) =>
        Number(preferred.has(b.id)) - Number(preferred.has(a.id)) ||
        (a.meta.createdAt ?? 0) - (b.meta.createdAt ?? 0) ||
        a.id.localeCompare(b.id),
    );
    primary.set(name, sorted[0]!);
    duplicates.push(...sorted.slice(1));
  }
  return { primary, duplicates };
}
