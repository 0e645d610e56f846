// What `aep-gitops show` does (its declaration: commands/show.ts). The plan goes through the renderers
// plan uses, with the options plan gives them, so each format prints what plan printed.
import path from "node:path";
import { createOutput } from "../../app/output.js";
import { loadSavedPlan } from "../../app/saved-plans.js";
import { assemblePlan } from "../../domain/plan/planner.js";
import { ExitCode } from "../../errors.js";
import { chooseFormat, render } from "../../report/formats/index.js";
import { VERSION } from "../../version.js";
import type { CommandSpec } from "../command.js";

export const handle: CommandSpec["handle"] = async (args, options, io) => {
  const format = chooseFormat("plan", options.format);
  const shown = args[0]!;
  const saved = loadSavedPlan(path.resolve(io.cwd, shown), shown);
  const output = createOutput(io);
  // Shown all the same: a reviewer may read an old plan; applying it is what another version refuses.
  if (saved.toolVersion !== VERSION)
    output.err(
      `warning: ${shown} was made by aep-gitops ${saved.toolVersion}, and this is ${VERSION}: apply refuses it.`,
    );
  output.out(
    render("plan", format, assemblePlan(saved.sandboxes), {
      verbose: Boolean(options.verbose),
      color: output.color,
      cwd: io.cwd,
    }),
  );
  return ExitCode.ok;
};
