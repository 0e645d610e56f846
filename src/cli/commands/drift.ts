// aep-gitops drift: the plan read as drift, with who changed what outside Git. Reports, never fixes.
// Exit 0 no drift, 2 drift, 1 error.
import { ExitCode } from "../../errors.js";
import { planAll } from "../../reconcile/reconcile.js";
import { driftItems, renderDriftMarkdown, renderDriftText } from "../../report/drift.js";
import type { Command } from "../context.js";
import { COMMON_FLAGS, formatOf } from "../options.js";
import { runOptions } from "../run-options.js";
import { workspaceCommand } from "../workspace-command.js";
import { reportLiveProblems } from "../workspace.js";

const USAGE = `usage: aep-gitops drift [dir...] [--sandbox NAME] [--config FILE] [--format text|json|markdown] [--emulator]

Compares the live destinations with the YAML and reports every difference, attributed to whoever made it
(Adobe's updatedBy / updatedClient / updatedAt). Changes nothing. Exit codes: 0 no drift, 2 drift, 1 error.`;

export const driftCommand: Command = workspaceCommand(USAGE, COMMON_FLAGS, async (ws, values, output, ctx) => {
  const format = formatOf(values.format);
  // Thresholds do not apply to a report: force, so a large drift is shown rather than refused.
  const { plan, problems } = await planAll(ws.targets, { ...runOptions(ws, {}), force: true, allowEmpty: true });
  if (reportLiveProblems(problems, ctx, output)) return ExitCode.error;
  const items = driftItems(plan);
  if (format === "json")
    output.out(JSON.stringify({ format: "aep-gitops.drift/v1", count: items.length, items }, null, 2));
  else if (format === "markdown") output.out(renderDriftMarkdown(plan));
  else output.out(renderDriftText(plan));
  return items.length > 0 ? ExitCode.changes : ExitCode.ok;
});
