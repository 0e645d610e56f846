// What `aep-gitops status` does (its declaration: commands/status.ts).
import { destinationScope } from "../../app/destination-filter.js";
import { status } from "../../app/status.js";
import { needsAttention } from "../../domain/operate/health.js";
import { ExitCode } from "../../errors.js";
import { chooseFormat, render } from "../../report/formats/index.js";
import { workspaceCommand } from "../workspace-command.js";

// What could not be read is a note inside the report (and the JSON document), not a second copy on stderr.
export const handle = workspaceCommand(async (ws, options, output) => {
  const format = chooseFormat("status", options.format);
  const report = await status(ws, destinationScope(ws.configuration.desired, options.destination));
  output.out(render("status", format, report));
  return report.destinations.some(needsAttention) ? ExitCode.changes : ExitCode.ok;
});
