// Adoption: bringing objects made in Adobe's UI under aep-gitops without recreating them (which would
// re-export data and reset partners). Only what the YAML names by id (`adoptId`, written by
// `aep-gitops import`) is adopted; its first write sets the ownership marker, and from then on it is
// managed like anything aep-gitops created. Nothing is ever adopted by name alone.
//
// adoptId is history once the object is ours: it is read only while no managed object has the YAML
// name. An id that names nothing in the sandbox (deleted in Adobe, before or after its adoption) is no
// reason to stop: the object is created as any other, and vanished.ts says it was deleted. After
// that apply a managed object has the name, so the stale adoptId is ignored and nobody edits the YAML.
import type { PlanContext } from "./context.js";

export function planAdoptions(ctx: PlanContext): void {
  for (const account of ctx.desired.accounts) {
    if (!account.adoptId || ctx.accounts.primary.has(account.name)) continue;
    const live = ctx.live.connections.find((c) => c.id === account.adoptId);
    if (!live) continue;
    if (live.owner) {
      refuse(
        ctx,
        `account '${account.name}'`,
        account.adoptId,
        `it is already managed as ${live.owner.kind}/${live.owner.name}`,
      );
      continue;
    }
    ctx.accounts.primary.set(account.name, live);
    ctx.adopting.add(live.id);
  }
  for (const destination of ctx.desired.destinations) {
    if (!destination.adoptId || ctx.flows.primary.has(destination.name)) continue;
    const flow = ctx.live.flows.find((f) => f.id === destination.adoptId);
    if (!flow) continue;
    if (flow.owner) {
      refuse(
        ctx,
        `destination '${destination.name}'`,
        destination.adoptId,
        `it is already managed as ${flow.owner.kind}/${flow.owner.name}`,
      );
      continue;
    }
    ctx.flows.primary.set(destination.name, flow);
    ctx.adopting.add(flow.id);
    const target = ctx.live.targetConnections.find((t) => t.id === flow.targetConnectionIds[0]);
    if (target && !target.owner && !ctx.targets.primary.has(destination.name)) {
      ctx.targets.primary.set(destination.name, target);
      ctx.adopting.add(target.id);
    }
  }
}

function refuse(ctx: PlanContext, what: string, id: string, why: string): void {
  ctx.refusals.push({
    rule: "foreign-object",
    message: `Cannot adopt ${what} from id ${id} in sandbox '${ctx.desired.sandbox}': ${why}.`,
    hint: "Run 'aep-gitops import' again to regenerate the YAML from the sandbox, or remove adoptId to create a new object.",
  });
}
