// Managed objects that left the YAML (orphans) and extra copies of one object (duplicates, left by a
// create whose response was lost, or by two applies racing). Orphans are deleted only with prune;
// duplicates are ours by marker and always removed, so a re-run converges to one of each.
// Deletes run flow → target connection → account, as Adobe refuses to delete what a flow still uses.
import type { LiveConnection, LiveFlow, LiveTargetConnection } from "./live.js";
import type { Change } from "./plan.js";
import type { PlanContext } from "./plan-context.js";

export function planOrphans(ctx: PlanContext): void {
  const desiredDestinations = new Set(ctx.desired.destinations.map((d) => d.name));
  const desiredAccounts = new Set(ctx.desired.accounts.map((a) => a.name));
  const prune = ctx.options.prune;

  const goneFlows = new Set<string>();
  for (const [name, flow] of ctx.flows.primary) {
    if (desiredDestinations.has(name)) continue;
    remove(ctx, `flow/${name}`, "flow", flow, `/flows/${flow.id}`, prune, [], "not in YAML");
    if (prune) goneFlows.add(flow.id);
  }
  ctx.flows.duplicates.forEach((flow, i) => {
    remove(
      ctx,
      `flow/${flow.owner!.name}#dup${i + 1}`,
      "flow",
      flow,
      `/flows/${flow.id}`,
      true,
      [],
      "duplicate of a managed flow",
    );
    goneFlows.add(flow.id);
  });

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
  const targetCandidates: [string, LiveTargetConnection, boolean][] = [
    ...[...ctx.targets.primary]
      .filter(([name]) => !desiredDestinations.has(name))
      .map(([name, t]) => [`target/${name}`, t, prune] as [string, LiveTargetConnection, boolean]),
    ...ctx.targets.duplicates.map(
      (t, i) => [`target/${t.owner!.name}#dup${i + 1}`, t, true] as [string, LiveTargetConnection, boolean],
    ),
  ];
  for (const [ref, target, doDelete] of targetCandidates) {
    if (usedTargets.has(target.id)) {
      orphan(ctx, ref, "target-connection", target, "still used by a flow aep-gitops does not delete");
      continue;
    }
    remove(
      ctx,
      ref,
      "target-connection",
      target,
      `/targetConnections/${target.id}`,
      doDelete,
      flowRefsUsing(target.id),
      ref.includes("#dup") ? "duplicate of a managed target connection" : "not in YAML",
    );
    if (doDelete) goneTargets.add(target.id);
  }

  // An account can go once no target connection that stays uses it (ours or anyone's).
  const usedAccounts = new Set(
    ctx.live.targetConnections.filter((t) => !goneTargets.has(t.id)).map((t) => t.baseConnectionId),
  );
  const accountCandidates: [string, LiveConnection, boolean][] = [
    ...[...ctx.accounts.primary]
      .filter(([name]) => !desiredAccounts.has(name))
      .map(([name, a]) => [`account/${name}`, a, prune] as [string, LiveConnection, boolean]),
    ...ctx.accounts.duplicates.map(
      (a, i) => [`account/${a.owner!.name}#dup${i + 1}`, a, true] as [string, LiveConnection, boolean],
    ),
  ];
  for (const [ref, account, doDelete] of accountCandidates) {
    if (usedAccounts.has(account.id)) {
      orphan(ctx, ref, "account", account, "still used by a target connection that stays");
      continue;
    }
    const after = ctx.changes
      .filter((c) => c.action === "delete" && c.resource === "target-connection")
      .filter((c) => ctx.live.targetConnections.find((t) => t.id === c.liveId)?.baseConnectionId === account.id)
      .map((c) => c.ref);
    remove(
      ctx,
      ref,
      "account",
      account,
      `/connections/${account.id}`,
      doDelete,
      after,
      ref.includes("#dup") ? "duplicate of a managed account" : "not in YAML",
    );
  }
}

type Deletable = LiveFlow | LiveTargetConnection | LiveConnection;

function remove(
  ctx: PlanContext,
  ref: string,
  resource: Change["resource"],
  live: Deletable,
  path: string,
  doDelete: boolean,
  dependsOn: string[],
  why: string,
): void {
  if (!doDelete) {
    orphan(ctx, ref, resource, live, `${why}; prune is off, so it is left in place`);
    return;
  }
  ctx.add({
    ref,
    action: "delete",
    resource,
    name: live.owner!.name,
    liveId: live.id,
    fields: [],
    dependsOn,
    calls: [{ method: "DELETE", path }],
    reason: why,
    attribution: ctx.attribution(live.meta),
  });
  if (resource === "flow" && !why.startsWith("duplicate")) {
    const flow = live as LiveFlow;
    ctx.egress.push({
      destination: flow.owner!.name,
      ...(flow.type ? { type: flow.type } : {}),
      status: "stopped",
      state: { before: flow.state },
      audiencesAdded: [],
      audiencesRemoved: flow.audiences.map((a) => (a.name === undefined ? { id: a.id } : { id: a.id, name: a.name })),
      attributesAdded: [],
      attributesRemoved: flow.attributes.map((a) => a.path),
    });
  }
}

function orphan(ctx: PlanContext, ref: string, resource: Change["resource"], live: Deletable, reason: string): void {
  ctx.add({
    ref,
    action: "orphan",
    resource,
    name: live.owner!.name,
    liveId: live.id,
    fields: [],
    dependsOn: [],
    calls: [],
    reason,
    attribution: ctx.attribution(live.meta),
  });
}
