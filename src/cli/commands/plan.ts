// aep-gitops plan: what apply would do. Exit 0 no changes, 2 changes, 1 error or refusal.
import path from "node:path";
import { plan } from "../../app/runs.js";
import { writeSavedPlan } from "../../app/saved-plans.js";
import { hasChanges } from "../../domain/planner.js";
import { ExitCode } from "../../errors.js";
import { chooseFormat, render } from "../../report/formats/index.js";
import type { Command } from "../command.js";
import { PLAN_FLAGS, SECRETS_FLAG, secretsMode } from "../options.js";
import { printProblems, workspaceCommand } from "../workspace-command.js";

const USAGE = `usage: aep-gitops plan [dir...] [--sandbox NAME] [--config FILE] [--format text|json|markdown] [-v] [--prune] [--force] [--allow-empty] [--strict] [--secrets required|optional] [--out FILE] [--emulator]

Reads the live destinations (list calls only, nothing is changed) and shows the exact calls apply would make.
--out FILE saves the plan (its calls, and the etag of every object it writes) for 'aep-gitops apply FILE',
which applies exactly it, or refuses when anything it touches changed since.
--secrets optional plans without the destination secrets (a pull request's plan): a credential whose
variable is not set is a warning saying what apply will need, not an error; the checksum is the same.
Exit codes: 0 no changes, 2 changes, 1 error or a safety rail that apply would stop at.`;

const FLAGS = { ...PLAN_FLAGS, ...SECRETS_FLAG, out: { type: "string", short: "o" } } as const;

export const planCommand: Command = workspaceCommand(USAGE, FLAGS, async (ws, values, output, io) => {
  const format = chooseFormat("plan", values.format);
  const secrets = secretsMode(values.secrets);
  const run = await plan(ws, { ...values, allowEmpty: values["allow-empty"], secrets });
  if (printProblems(run.problems, io, output)) return ExitCode.error;
  output.out(render("plan", format, run.plan, { verbose: Boolean(values.verbose), color: output.tty }));
  if (run.plan.sandboxes.some((s) => s.refusals.length > 0)) return ExitCode.error;
  if (values.out) {
    const file = path.resolve(io.cwd, values.out);
    const saved = writeSavedPlan(file, run, ws.adobe);
    output.err(
      `Saved the plan (checksum ${saved.checksum}) to ${values.out}; apply exactly it with: aep-gitops apply ${values.out}`,
    );
  }
  return hasChanges(run.plan) ? ExitCode.changes : ExitCode.ok;
});
