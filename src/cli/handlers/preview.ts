// What `aep-gitops preview` does (its declaration: commands/preview.ts).
import { preview } from "../../app/preview.js";
import { ExitCode } from "../../errors.js";
import { chooseFormat, render } from "../../report/formats/index.js";
import { stopOnProblems, warningsOf, workspaceCommand } from "../workspace-command.js";

export const handle = workspaceCommand(async (ws, options, output, io) => {
  const format = chooseFormat("preview", options.format);
  const { report, problems } = await preview(ws, { destination: options.destination });
  stopOnProblems(problems, options, io, output);
  output.out(render("preview", format, { ...report, problems: warningsOf(ws, problems) }, { cwd: io.cwd }));
  return ExitCode.ok;
});
