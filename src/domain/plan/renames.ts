// Renames in place. A document with `renamedFrom: <old name>` takes over the live objects the old name
// owns (the account's base connection; the destination's flow and target connection): they keep their
// ids and get the new name and marker, so nothing is re-created and no data is exported twice. Without
// renamedFrom, a new destination whose data goes exactly where an orphan's still goes is most likely a
// rename: the plan says how to make it one.
import { desiredWhere, liveWhereOfFlow, sameWhere } from "../review/where.js";
import type { PlanContext } from "./context.js";

export function planRenames(ctx: PlanContext): void {
  const declaredAccounts = new Set(ctx.desired.accounts.map((a) => a.name));
  for (const account of ctx.desired.accounts) {
    const previous = account.renamedFrom;
    if (!previous || declaredAccounts.has(previous) || ctx.accounts.primary.has(account.name)) continue;
    const live = ctx.accounts.primary.get(previous);
    if (!live) continue; // already renamed, or never applied: renamedFrom is harmless then
    ctx.accounts.primary.delete(previous);
    ctx.accounts.primary.set(account.name, live);
    ctx.renaming.set(live.id, previous);
  }
  const declared = new Set(ctx.desired.destinations.map((d) => d.name));
  for (const destination of ctx.desired.destinations) {
    const previous = destination.renamedFrom;
    if (!previous || declared.has(previous) || ctx.flows.primary.has(destination.name)) continue;
    const flow = ctx.flows.primary.get(previous);
    if (!flow) continue;
    ctx.flows.primary.delete(previous);
    ctx.flows.primary.set(destination.name, flow);
    ctx.renaming.set(flow.id, previous);
    const target = ctx.targets.primary.get(previous);
    if (target && !ctx.targets.primary.has(destination.name)) {
      ctx.targets.primary.delete(previous);
      ctx.targets.primary.set(destination.name, target);
      ctx.renaming.set(target.id, previous);
    }
  }
}

/** A created destination on the very place an orphaned one still exports to: say how to rename instead. */
export function hintRenames(ctx: PlanContext): void {
  const created = ctx.changes.filter((c) => c.action === "create" && c.resource === "flow");
  const left = ctx.changes.flatMap((c) =>
    (c.action === "orphan" || c.action === "delete") && c.resource === "flow" ? [c] : [],
  );
  for (const create of created) {
    const destination = ctx.desired.destinations.find((d) => d.name === create.name);
    if (!destination) continue;
    const account = ctx.desired.accounts.find((a) => a.name === destination.account);
    const wanted = desiredWhere(destination, account);
    for (const old of left) {
      const flow = ctx.live.flows.find((f) => f.id === old.liveId);
      if (!flow || old.duplicate !== undefined || !sameWhere(wanted, liveWhereOfFlow(ctx.live, flow, wanted))) continue;
      ctx.notes.push({
        level: "warning",
        message: `Destination '${destination.name}' is created and '${old.name}' ${old.action === "delete" ? "is deleted" : "is left in place"}, and both send to the same place. If '${destination.name}' is '${old.name}' renamed, add renamedFrom: ${old.name} to it: the live objects are then renamed in place and no data is re-exported.`,
      });
    }
  }
}
