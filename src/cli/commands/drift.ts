// aep-gitops drift: the plan read as drift, with who changed what outside Git. Reports, never fixes.
// Exit 0 no drift, 2 drift, 1 error.
import { drift } from "../../app/runs.js";
import { ExitCode } from "../../errors.js";
import { chooseFormat, render } from "../../report/formats/index.js";
import type { Command } from "../command.js";
import { COMMON_FLAGS, SECRETS_FLAG, secretsMode } from "../options.js";
import { printProblems, workspaceCommand } from "../workspace-command.js";

const USAGE = `usage: aep-gitops drift [dir...] [--sandbox NAME] [--config FILE] [--format text|json|markdown] [--secrets required|optional] [--emulator]

Compares the live destinations with the YAML and reports every difference, attributed to whoever made it
(Adobe's updatedBy / updatedClient / updatedAt). Changes nothing. Exit codes: 0 no drift, 2 drift, 1 error.`;

export const driftCommand: Command = workspaceCommand(
  USAGE,
  { ...COMMON_FLAGS, ...SECRETS_FLAG },
  async (ws, values, output, io) => {
    const format = chooseFormat("drift", values.format);
    const run = await drift(ws, { secrets: secretsMode(values.secrets) });
    if (printProblems(run.problems, io, output)) return ExitCode.error;
    output.out(render("drift", format, run.plan));
    return run.items.length > 0 ? ExitCode.changes : ExitCode.ok;
  },
);
