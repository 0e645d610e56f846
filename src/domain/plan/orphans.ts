// Managed objects that left the YAML (orphans) and extra copies of one object (duplicates, left by a
// create whose response was lost, or by two applies racing). Orphans are deleted only with prune;
// duplicates are ours by marker and always removed, so applying again converges to one of each.
// Deletes run flow → target connection → account, as Adobe refuses to delete what a flow still uses.
import type { LiveConnection, LiveFlow, LiveTargetConnection } from "../state/live.js";
import { COLLECTION, type ResourceKind } from "./plan.js";
import type { PlanContext } from "./context.js";
import { whereParams, whereSettings } from "../destination-types/index.js";
import { changeRef } from "./refs.js";
import { orphanScope } from "./destination-filter.js";

type Deletable = LiveFlow | LiveTargetConnection | LiveConnection;

/** One object that may go: which one, whether it is a duplicate (the nth extra copy), and whether to delete. */
interface Candidate<T extends Deletable> {
  live: T;
  duplicate?: number;
  doDelete: boolean;
}

export function planOrphans(ctx: PlanContext): void {
  const desiredDestinations = new Set(ctx.desired.destinations.map((d) => d.name));
  const desiredAccounts = new Set(ctx.desired.accounts.map((a) => a.name));
  const prune = ctx.options.prune;
  // A plan narrowed by --destination neither deletes nor lists what lies outside its filter: such an
  // object is simply not a candidate, so it also counts as staying (and keeps what it uses).
  const scope = orphanScope(ctx.desired, ctx.live);
  const candidates = <T extends Deletable>(
    owned: { primary: Map<string, T>; duplicates: T[] },
    wanted: Set<string>,
    inScope: (name: string) => boolean,
  ) => [
    ...[...owned.primary]
      .filter(([name]) => !wanted.has(name) && inScope(name))
      .map(([, live]): Candidate<T> => ({ live, doDelete: prune })),
    ...owned.duplicates
      .map((live, i): Candidate<T> => ({ live, duplicate: i + 1, doDelete: true }))
      .filter((candidate) => inScope(candidate.live.owner!.name)),
  ];

  const goneFlows = new Set<string>();
  for (const candidate of candidates(ctx.flows, desiredDestinations, scope.destination)) {
    remove(ctx, "flow", candidate, []);
    if (candidate.doDelete) goneFlows.add(candidate.live.id);
  }

  // A target connection can go once no flow that stays uses it.
  const usedTargets = new Set(ctx.live.flows.filter((f) => !goneFlows.has(f.id)).flatMap((f) => f.targetConnectionIds));
  const flowRefsUsing = (targetId: string) =>
    ctx.changes
      .filter(
        (c) =>
          c.action === "delete" &&
          c.resource === "flow" &&
          ctx.live.flows.find((f) => f.id === c.liveId)?.targetConnectionIds.includes(targetId),
      )
      .map((c) => c.ref);
  const goneTargets = new Set<string>();
  for (const candidate of candidates(ctx.targets, desiredDestinations, scope.destination)) {
    if (usedTargets.has(candidate.live.id)) {
      orphan(ctx, "target-connection", candidate, "still used by a flow aep-gitops does not delete");
      continue;
    }
    remove(ctx, "target-connection", candidate, flowRefsUsing(candidate.live.id));
    if (candidate.doDelete) goneTargets.add(candidate.live.id);
  }

  // An account can go once no target connection that stays uses it (ours or anyone's).
  const usedAccounts = new Set(
    ctx.live.targetConnections.filter((t) => !goneTargets.has(t.id)).map((t) => t.baseConnectionId),
  );
  for (const candidate of candidates(ctx.accounts, desiredAccounts, scope.account)) {
    const account = candidate.live;
    if (usedAccounts.has(account.id)) {
      orphan(ctx, "account", candidate, "still used by a target connection that stays");
      continue;
    }
    const after = ctx.changes
      .filter((c) => c.action === "delete" && c.resource === "target-connection")
      .filter((c) => ctx.live.targetConnections.find((t) => t.id === c.liveId)?.baseConnectionId === account.id)
      .map((c) => c.ref);
    remove(ctx, "account", candidate, after);
  }
}

const DUPLICATE_OF: Record<ResourceKind, string> = {
  "profile-connection": "duplicate of the managed Profile connection",
  "profile-source": "duplicate of the managed Profile source",
  account: "duplicate of a managed account",
  "target-connection": "duplicate of a managed target connection",
  flow: "duplicate of a managed flow",
};

function remove(ctx: PlanContext, resource: ResourceKind, candidate: Candidate<Deletable>, dependsOn: string[]): void {
  const { live, duplicate } = candidate;
  const why = duplicate === undefined ? "not in YAML" : DUPLICATE_OF[resource];
  if (!candidate.doDelete) {
    orphan(ctx, resource, candidate, `${why}; prune is off, so it is left in place`);
    if (resource === "flow" && duplicate === undefined) stillExporting(ctx, live as LiveFlow, `${why}, prune is off`);
    return;
  }
  ctx.add({
    ref: changeRef(resource, live.owner!.name, duplicate),
    action: "delete",
    resource,
    name: live.owner!.name,
    liveId: live.id,
    fields: [],
    dependsOn,
    calls: [{ method: "DELETE", path: `/${COLLECTION[resource]}/${live.id}` }],
    reason: why,
    attribution: ctx.attribution(live.meta),
    duplicate,
  });
  // A duplicate exported nothing of its own that the kept copy does not: no egress changes.
  if (resource === "flow" && duplicate === undefined) {
    const flow = live as LiveFlow;
    ctx.egress.push({
      destination: flow.owner!.name,
      type: flow.type,
      status: "stopped",
      state: { before: flow.state },
      audiencesAdded: [],
      audiencesRemoved: flow.audiences.map((a) => (a.name === undefined ? { id: a.id } : { id: a.id, name: a.name })),
      attributesAdded: [],
      attributesRemoved: flow.attributes.map((a) => a.path),
    });
  }
}

function orphan(ctx: PlanContext, resource: ResourceKind, candidate: Candidate<Deletable>, reason: string): void {
  const { live, duplicate } = candidate;
  ctx.add({
    ref: changeRef(resource, live.owner!.name, duplicate),
    action: "orphan",
    resource,
    name: live.owner!.name,
    liveId: live.id,
    fields: [],
    dependsOn: [],
    calls: [],
    reason,
    attribution: ctx.attribution(live.meta),
    duplicate,
  });
}

/** An orphan left in place that is still enabled keeps sending data: data leaving the company says so. */
function stillExporting(ctx: PlanContext, flow: LiveFlow, why: string): void {
  if (flow.state !== "enabled") return;
  const target = ctx.live.targetConnections.find((t) => t.id === flow.targetConnectionIds[0]);
  const account = ctx.live.connections.find((c) => c.id === target?.baseConnectionId);
  const where: Record<string, unknown> = { account: account?.owner?.name ?? account?.name ?? "(unknown)" };
  if (flow.type) {
    for (const field of whereSettings(flow.type))
      if (account?.authParams?.[field] !== undefined) where[field] = account.authParams[field];
    for (const param of whereParams(flow.type))
      if (target?.params[param] !== undefined) where[param] = target.params[param];
  }
  ctx.egress.push({
    destination: flow.owner!.name,
    type: flow.type,
    status: "still-exporting",
    target: { before: where },
    counts: { audiences: flow.audiences.length, attributes: flow.attributes.length },
    reason: `left in place: ${why}`,
    audiencesAdded: [],
    audiencesRemoved: [],
    attributesAdded: [],
    attributesRemoved: [],
  });
}
