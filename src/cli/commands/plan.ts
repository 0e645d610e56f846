// aep-gitops plan: what apply would do. Exit 0 when it planned (changes or not), as Terraform does;
// --detailed-exitcode: 2 when there are changes. 1 on an error or a refusal.
import path from "node:path";
import { plan } from "../../app/runs.js";
import { writeSavedPlan } from "../../app/saved-plans.js";
import { hasChanges } from "../../domain/planner.js";
import { ExitCode } from "../../errors.js";
import { chooseFormat, formatsFor, render } from "../../report/formats/index.js";
import type { CommandSpec } from "../command.js";
import { ADOBE_ENV, COLOR_ENV } from "../help.js";
import { ADOBE_OPTIONS, SAFETY_OPTIONS, secretsMode } from "../options.js";
import { stopOnProblems, warningsOf, workspaceCommand } from "../workspace-command.js";

export const planCommand: CommandSpec = {
  name: "plan",
  args: "[dir...]",
  summary: "show what apply would change (reads only)",
  description: `Reads the live destinations (list calls only, nothing is changed) and shows what apply would do:
the Terraform-style summary, what data starts or stops leaving the company, and the exact calls (-v).
With dirs, they are one sandbox's YAML; without, every sandbox of the tool config.`,
  options: [
    ...ADOBE_OPTIONS,
    { name: "format", description: "output format (default text)", choices: formatsFor("plan") },
    "verbose",
    ...SAFETY_OPTIONS,
    "secrets",
    "detailedExitcode",
    {
      name: "out",
      description:
        "save the plan (its calls, and the etag of every object it writes) for 'aep-gitops apply FILE', which applies exactly it or refuses when anything it touches changed since",
    },
  ],
  exitCodes: [
    [0, "planned (with or without changes; with --detailed-exitcode: no changes)"],
    [1, "an error, invalid YAML, or a safety rail that apply would stop at"],
    [2, "with --detailed-exitcode only: the plan has changes"],
  ],
  env: [...ADOBE_ENV, "AEP_GITOPS_FINGERPRINT_KEY", "${env:NAME}", ...COLOR_ENV],
  nature: "only reads",
  run: workspaceCommand(async (ws, options, output, io) => {
    const format = chooseFormat("plan", options.format);
    const secrets = secretsMode(options.secrets);
    const run = await plan(ws, { ...options, secrets });
    stopOnProblems(run.problems, options, io, output);
    output.out(
      render("plan", format, run.plan, {
        verbose: Boolean(options.verbose),
        color: output.color,
        cwd: io.cwd,
        problems: warningsOf(ws, run.problems),
      }),
    );
    // The refusals are in the report itself (each with its hint), so the exit code says the rest.
    if (run.plan.sandboxes.some((s) => s.refusals.length > 0)) return ExitCode.error;
    if (options.out) {
      const saved = writeSavedPlan(path.resolve(io.cwd, options.out), run, ws.adobe);
      output.err(
        `Saved the plan (checksum ${saved.checksum}) to ${options.out}; apply exactly it with: aep-gitops apply ${options.out}`,
      );
    }
    return options.detailedExitcode && hasChanges(run.plan) ? ExitCode.changes : ExitCode.ok;
  }),
};
