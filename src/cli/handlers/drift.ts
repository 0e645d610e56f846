// What `aep-gitops drift` does (its declaration: commands/drift.ts).
import path from "node:path";
import { drift } from "../../app/use-cases.js";
import { ExitCode } from "../../errors.js";
import { chooseFormat, render } from "../../report/formats/index.js";
import type { DriftReport } from "../../report/operate/drift.js";
import type { CommandSpec } from "../command.js";
import { secretsMode } from "../options.js";
import { stopOnProblems, warningsOf, workspaceCommand } from "../workspace-command.js";

export const handle: CommandSpec["handle"] = workspaceCommand(async (ws, options, output, io) => {
  const format = chooseFormat("drift", options.format);
  const drifted = await drift(ws, { secrets: secretsMode(options.secrets), destination: options.destination });
  stopOnProblems(drifted.problems, options, io, output);
  let report: DriftReport = drifted.report;
  if (options.write) {
    // Loaded only when asked: a plain drift never evaluates the YAML splicer.
    const { driftRewrite, writeDriftFiles } = await import("../../app/drift-write.js");
    const rewrite = await driftRewrite(ws, drifted);
    writeDriftFiles(rewrite.files);
    report = {
      ...report,
      written: rewrite.files.map((f) => ({
        file: path.relative(io.cwd, f.path) || f.path,
        refs: f.changes.flatMap((c) => c.refs),
        fields: [...new Set(f.changes.flatMap((c) => c.fields))],
      })),
      writeNotes: rewrite.notes,
    };
  }
  output.out(render("drift", format, report, { cwd: io.cwd, problems: warningsOf(ws, drifted.problems) }));
  // Drift found exits 2 whether or not it was written: the live state did differ from the commit the
  // command read, and the scheduled job and scripts read the code as that. `written` says what changed.
  return drifted.items.length > 0 ? ExitCode.changes : ExitCode.ok;
});
