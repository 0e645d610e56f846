// What `aep-gitops plan` does (its declaration: commands/plan.ts).
import path from "node:path";
import { plan } from "../../app/use-cases.js";
import { writeSavedPlan } from "../../app/saved-plans.js";
import { hasChanges } from "../../domain/plan/planner.js";
import { ExitCode } from "../../errors.js";
import { chooseFormat, render } from "../../report/formats/index.js";
import { secretsMode } from "../options.js";
import { stopOnProblems, warningsOf, workspaceCommand } from "../workspace-command.js";

export const handle = workspaceCommand(async (ws, options, output, io) => {
  const format = chooseFormat("plan", options.format);
  const secrets = secretsMode(options.secrets);
  // A saved plan keeps the review's sample records and picture, so `show --format markdown` has them.
  const planned = await plan(ws, { ...options, secrets, review: format === "markdown" || options.out !== undefined });
  stopOnProblems(planned.problems, options, io, output);
  output.out(
    render("plan", format, planned.plan, {
      verbose: Boolean(options.verbose),
      color: output.color,
      cwd: io.cwd,
      problems: warningsOf(ws, planned.problems),
    }),
  );
  // The refusals are in the report itself (each with its hint), so the exit code says the rest.
  if (planned.plan.sandboxes.some((s) => s.refusals.length > 0)) return ExitCode.error;
  if (options.out) {
    const saved = writeSavedPlan(path.resolve(io.cwd, options.out), planned, ws.adobe);
    output.err(
      `Saved the plan (checksum ${saved.checksum}) to ${options.out}; apply exactly it with: aep-gitops apply ${options.out}`,
    );
  }
  return options.detailedExitcode && hasChanges(planned.plan) ? ExitCode.changes : ExitCode.ok;
});
