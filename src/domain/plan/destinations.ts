// Destinations: each is a target connection (where data goes, target-connection.ts) and a flow (what
// goes there, flow.ts). A name taken by a flow someone else made is refused, never taken over.
import { adobeName } from "./describe.js";
import type { PlanContext } from "./context.js";
import { planFlowCreate, planFlowUpdate } from "./flow.js";
import { planTargetConnection } from "./target-connection.js";

export function planDestinations(ctx: PlanContext): void {
  for (const destination of ctx.desired.destinations) {
    const flow = ctx.flows.primary.get(destination.name);
    if (!flow) {
      const foreign = ctx.live.flows.find((f) => !f.owner && f.name === adobeName(destination));
      if (foreign) {
        ctx.refusals.push({
          rule: "foreign-object",
          message: `A destination dataflow named '${destination.name}' already exists in sandbox '${ctx.desired.sandbox}' (flow ${foreign.id}) and was not created by aep-gitops.`,
          hint: "Bring it under aep-gitops with 'aep-gitops import' (no data is re-exported), or give the destination in YAML another name.",
        });
        continue;
      }
    }
    const target = planTargetConnection(ctx, destination);
    if (target === undefined) continue;
    if (flow) planFlowUpdate(ctx, destination, flow, target.where);
    else planFlowCreate(ctx, destination, target);
  }
}
