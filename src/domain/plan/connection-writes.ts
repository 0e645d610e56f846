// Where Adobe refuses PATCH of connections (FLOW-1445-400 "PATCH Connection Feature not enabled"), an
// account can be created and deleted but not written in place: adopting one (its ownership marker goes
// into its description), renaming it, describing it or rotating its credentials would each fail in the
// middle of an apply. The plan refuses them instead, each with what to do; how it knows is reconcile's
// (a probe that changes nothing, or the sandbox lock's own take): live.connectionPatchRefused.
import type { ApiCall, Change } from "./plan.js";
import type { PlanContext } from "./context.js";

const ENABLE =
  "Ask Adobe to enable PATCH of connections (the 'PATCH Connection' feature) for the organization, then plan again";

export function refuseConnectionPatches(ctx: PlanContext): void {
  const refused = ctx.live.connectionPatchRefused;
  if (!refused) return;
  const sandbox = ctx.desired.sandbox;
  for (const change of ctx.changes.filter(patchesConnection)) {
    if (change.action === "adopt") {
      ctx.refusals.push({
        rule: "unsupported-change",
        message: `Cannot adopt account '${change.name}' in sandbox '${sandbox}': Adobe refuses PATCH of connections there (${refused}), and adopting writes the ownership marker into the account's description.`,
        hint: `${ENABLE}; or remove adoptId from account '${change.name}' and give it another name, so aep-gitops creates an account of its own (a create, which Adobe allows) and leaves the existing one as it is.`,
      });
    } else {
      ctx.refusals.push({
        rule: "unsupported-change",
        message: `Cannot change account '${change.name}' in place in sandbox '${sandbox}': Adobe refuses PATCH of connections there (${refused}); it allows only creating and deleting accounts.`,
        hint: `${ENABLE}; or give the account a new name in the YAML: a new account is created, and the old one is pruned once nothing uses it.`,
      });
    }
  }
}

/** The id of the first connection a plan's changes PATCH, if any. */
export function patchedConnection(changes: readonly Change[]): string | undefined {
  const call = changes.flatMap((c) => c.calls).find(isConnectionPatch);
  return call?.path.split("/")[2];
}

function patchesConnection(change: Change): boolean {
  return change.calls.some(isConnectionPatch);
}

function isConnectionPatch(call: ApiCall): boolean {
  return call.method === "PATCH" && call.path.startsWith("/connections/");
}
