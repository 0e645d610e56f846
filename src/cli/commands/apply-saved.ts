// `aep-gitops apply FILE`: a plan saved by `plan --out FILE`, applied exactly as it is. Safety flags
// were decided when it was made, so none is taken now; consent is asked as for any apply.
import path from "node:path";
import { openAdobe } from "../../app/adobe.js";
import type { Io } from "../../app/io.js";
import { createOutput } from "../../app/output.js";
import { assertComplete } from "../../app/runs.js";
import { applySaved } from "../../app/saved-plans.js";
import { assemblePlan } from "../../domain/planner.js";
import type { SavedPlan } from "../../domain/saved-plan.js";
import { AppError, ExitCode } from "../../errors.js";
import { applySummaryLine, renderItemLine } from "../../report/apply-result.js";
import { chooseFormat, render } from "../../report/formats/index.js";
import { confirm, interactive, requireConsent } from "../consent.js";

const DECIDED = ["prune", "force", "allow-empty", "strict", "sandbox", "config"] as const;

export async function applySavedFile(
  file: string,
  saved: SavedPlan,
  values: Record<string, string | boolean | undefined>,
  io: Io,
): Promise<number> {
  const given = DECIDED.filter((flag) => values[flag] !== undefined);
  if (given.length > 0)
    throw new AppError(
      "usage",
      `A saved plan is applied as it was made: ${given.map((f) => `--${f}`).join(", ")} cannot change it.`,
      {
        hint: "Make a new plan with those options (aep-gitops plan --out FILE …) and apply that file.",
      },
    );
  const expected = values["expect-checksum"];
  if (typeof expected === "string" && expected !== saved.checksum)
    throw new AppError(
      "refused",
      `${path.basename(file)} has checksum ${saved.checksum}, not the reviewed ${expected}; nothing was changed.`,
    );
  requireConsent({ yes: values.yes === true }, io);
  const format = chooseFormat("apply", typeof values.format === "string" ? values.format : undefined);
  const output = createOutput(io);
  const adobe = await openAdobe(
    { emulator: values.emulator === true, ...(typeof values.trace === "string" ? { trace: values.trace } : {}) },
    io,
    output,
  );
  try {
    const plan = assemblePlan(saved.sandboxes);
    if (format === "text")
      output.out(render("plan", "text", plan, { verbose: values.verbose === true, color: output.tty }));
    if (interactive(io) && values.yes !== true && !(await confirm(io))) {
      output.err("Apply cancelled; nothing was changed.");
      return ExitCode.error;
    }
    const results = await applySaved(
      saved,
      file,
      adobe,
      (sandbox, item) => {
        if (format === "text") output.out(renderItemLine(sandbox, item));
      },
      (warning) => output.err(`warning: ${warning}`),
    );
    const report = { checksum: saved.checksum, results };
    output.out(
      format === "text"
        ? output.tty
          ? render("apply", "text", report)
          : applySummaryLine(results)
        : render("apply", format, report),
    );
    assertComplete(
      { results },
      "Fix the cause shown above and plan again: the saved plan is partly applied, so a new plan finishes it.",
    );
    return ExitCode.ok;
  } finally {
    await adobe.close();
  }
}
