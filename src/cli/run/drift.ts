// What `aep-gitops drift` does (its declaration: commands/drift.ts).
import { drift } from "../../app/runs.js";
import { ExitCode } from "../../errors.js";
import { chooseFormat, render } from "../../report/formats/index.js";
import type { CommandSpec } from "../command.js";
import { secretsMode } from "../options.js";
import { stopOnProblems, warningsOf, workspaceCommand } from "../workspace-command.js";

export const run: CommandSpec["run"] = workspaceCommand(async (ws, options, output, io) => {
  const format = chooseFormat("drift", options.format);
  const run = await drift(ws, { secrets: secretsMode(options.secrets), destination: options.destination });
  stopOnProblems(run.problems, options, io, output);
  output.out(render("drift", format, run.report, { cwd: io.cwd, problems: warningsOf(ws, run.problems) }));
  return run.items.length > 0 ? ExitCode.changes : ExitCode.ok;
});
