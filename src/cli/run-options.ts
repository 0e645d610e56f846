// Safety settings: the tool config gives the defaults, the command line can only make a run bolder
// when asked explicitly (--prune, --force, --allow-empty).
import type { RunOptions } from "../reconcile/reconcile.js";
import type { Workspace } from "./workspace.js";

export function runOptions(
  ws: Workspace,
  flags: {
    prune?: boolean | undefined;
    force?: boolean | undefined;
    "allow-empty"?: boolean | undefined;
    strict?: boolean | undefined;
  },
): RunOptions {
  return {
    prune: Boolean(flags.prune) || ws.tool.prune,
    force: Boolean(flags.force),
    allowEmpty: Boolean(flags["allow-empty"]) || ws.tool.allowEmpty,
    maxChangePercent: ws.tool.maxChangePercent,
    minResourcesForThreshold: ws.tool.minResourcesForThreshold,
    strict: Boolean(flags.strict),
    clientId: ws.settings.clientId,
    env: ws.env,
  };
}
