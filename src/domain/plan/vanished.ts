// Objects deleted in Adobe: what the YAML describes and Adobe no longer holds is created like anything
// new (never refused: the YAML is still right, nobody should edit it). What this file adds is the why,
// where the live state shows that the object existed: the create's reason and one note per YAML
// document. Adobe's Flow Service keeps no trace of a deleted object or of who deleted it (a GET answers
// 404, the lists leave it out), and its audit log is not read, so the plan says what it knows:
// "deleted in Adobe; re-created". Pure, like every planner step; reasons and notes are not checksummed.
import type { Change } from "./plan.js";
import type { PlanContext } from "./context.js";

export const RECREATED = "deleted in Adobe; re-created";
/** A managed target without its flow: a deletion, or an apply stopped between the two creates. */
export const MISSING = "missing in Adobe: deleted there, or an earlier apply stopped before creating it";

interface Evidence {
  reason: string;
  /** Said once per YAML document, however many of its objects are re-created. */
  note: string;
}

export function explainVanished(ctx: PlanContext): void {
  const noted = new Set<string>();
  ctx.changes.forEach((change, i) => {
    if (change.action !== "create") return;
    const evidence = evidenceFor(ctx, change);
    if (!evidence) return;
    ctx.changes[i] = { ...change, reason: evidence.reason };
    if (noted.has(evidence.note)) return;
    noted.add(evidence.note);
    ctx.notes.push({ level: "warning", message: evidence.note });
  });
  for (const id of ctx.stranded) {
    const i = ctx.changes.findIndex((c) => c.action === "delete" && c.liveId === id);
    if (i >= 0) ctx.changes[i] = { ...ctx.changes[i]!, reason: "its account no longer exists in Adobe" };
  }
}

function evidenceFor(ctx: PlanContext, change: Change): Evidence | undefined {
  if (change.resource === "account") return accountEvidence(ctx, change.name);
  if (change.resource === "flow" || change.resource === "target-connection")
    return destinationEvidence(ctx, change.name, change.resource);
  return undefined;
}

function accountEvidence(ctx: PlanContext, name: string): Evidence | undefined {
  const { sandbox } = ctx.desired;
  const account = ctx.desired.accounts.find((a) => a.name === name);
  if (account?.adoptId && !ctx.live.connections.some((c) => c.id === account.adoptId)) {
    return {
      reason: RECREATED,
      note: `Account '${name}': its connection ${account.adoptId} (adoptId) is no longer in sandbox '${sandbox}': ${RECREATED} (Adobe does not say by whom).`,
    };
  }
  // A target connection of ours still names the account it was made on, which Adobe no longer lists.
  const left = ctx.live.targetConnections.find(
    (t) =>
      ctx.stranded.has(t.id) && ctx.desired.destinations.some((d) => d.name === t.owner?.name && d.account === name),
  );
  if (!left) return undefined;
  return {
    reason: RECREATED,
    note: `Account '${name}': its connection ${left.baseConnectionId} (named by target connection ${left.id}) is no longer in sandbox '${sandbox}': ${RECREATED} (Adobe does not say by whom).`,
  };
}

function destinationEvidence(
  ctx: PlanContext,
  name: string,
  resource: "flow" | "target-connection",
): Evidence | undefined {
  const { sandbox } = ctx.desired;
  const destination = ctx.desired.destinations.find((d) => d.name === name);
  if (destination?.adoptId && !ctx.live.flows.some((f) => f.id === destination.adoptId)) {
    return {
      reason: RECREATED,
      note: `Destination '${name}': its dataflow ${destination.adoptId} (adoptId) is no longer in sandbox '${sandbox}': ${RECREATED} (Adobe does not say by whom), and what it exports starts leaving again.`,
    };
  }
  // Adobe deletes an account only once no flow uses it: a target of ours left on a deleted account means
  // the destination's flow and its account were both deleted.
  const stranded = ctx.live.targetConnections.find((t) => ctx.stranded.has(t.id) && t.owner?.name === name);
  if (stranded) {
    return {
      reason: RECREATED,
      note: `Destination '${name}': its dataflow is gone and its target connection ${stranded.id} names an account no longer in sandbox '${sandbox}': ${RECREATED} (Adobe does not say by whom), and what it exports starts leaving again.`,
    };
  }
  const target = ctx.targets.primary.get(name);
  if (resource === "flow" && target) {
    return {
      reason: MISSING,
      note: `Destination '${name}': its target connection ${target.id} is in sandbox '${sandbox}' but its dataflow is not: deleted in Adobe, or an earlier apply stopped before creating it; re-created.`,
    };
  }
  return undefined;
}
