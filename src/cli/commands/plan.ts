// aep-gitops plan: what apply would do. Exit 0 no changes, 2 changes, 1 error or refusal.
import { hasChanges } from "../../domain/planner.js";
import type { Plan } from "../../domain/plan.js";
import { ExitCode } from "../../errors.js";
import { planAll } from "../../reconcile/reconcile.js";
import { renderPlanJson } from "../../report/json.js";
import { renderPlanMarkdown } from "../../report/markdown.js";
import { renderPlanText } from "../../report/text.js";
import type { Command } from "../context.js";
import { formatOf, PLAN_FLAGS, type Format } from "../options.js";
import { runOptions } from "../run-options.js";
import { workspaceCommand } from "../workspace-command.js";
import { reportLiveProblems } from "../workspace.js";

const USAGE = `usage: aep-gitops plan [dir...] [--sandbox NAME] [--config FILE] [--format text|json|markdown] [-v] [--prune] [--force] [--allow-empty] [--strict] [--emulator]

Reads the live destinations (list calls only, nothing is changed) and shows the exact calls apply would make.
Exit codes: 0 no changes, 2 changes, 1 error or a safety rail that apply would stop at.`;

export const planCommand: Command = workspaceCommand(USAGE, PLAN_FLAGS, async (ws, values, output, ctx) => {
  const format = formatOf(values.format);
  const { plan, problems } = await planAll(ws.targets, runOptions(ws, values));
  if (reportLiveProblems(problems, ctx, output)) return ExitCode.error;
  output.out(renderPlan(plan, format, Boolean(values.verbose), output.tty));
  if (plan.sandboxes.some((s) => s.refusals.length > 0)) return ExitCode.error;
  return hasChanges(plan) ? ExitCode.changes : ExitCode.ok;
});

export function renderPlan(plan: Plan, format: Format, verbose: boolean, color: boolean): string {
  if (format === "json") return renderPlanJson(plan);
  if (format === "markdown") return renderPlanMarkdown(plan);
  return renderPlanText(plan, { verbose, color });
}
