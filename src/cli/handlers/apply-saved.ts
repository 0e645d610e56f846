// `aep-gitops apply FILE`: a plan saved by `plan --out FILE`, applied exactly as it is. Safety flags
// were decided when it was made, so none is taken now; consent is asked as for any apply.
import path from "node:path";
import { openAdobe } from "../../app/adobe.js";
import type { Io } from "../../app/io.js";
import { createOutput } from "../../app/output.js";
import { assertComplete, failedCount } from "../../app/use-cases.js";
import { applySaved } from "../../app/saved-plans.js";
import { assemblePlan } from "../../domain/plan/planner.js";
import type { SavedPlan } from "../../domain/review/saved-plan.js";
import { AppError, ExitCode } from "../../errors.js";
import { applySummaryLine } from "../../report/apply/results.js";
import type { SandboxResults } from "../../domain/apply/results.js";
import { chooseFormat, render } from "../../report/formats/index.js";
import { printableLines } from "../../report/escape/terminal.js";
import { confirm, interactive, requireConsent } from "../consent.js";
import { interruptedExit, whileWriting } from "../interrupts.js";
import { longFlag, type CliOptions, type OptionName } from "../options.js";
import { createEventStream } from "../event-stream.js";
import { createProgress } from "../progress.js";

const DECIDED: OptionName[] = ["prune", "force", "allowEmpty", "strict", "sandbox", "config", "destination"];

export async function applySavedFile(file: string, saved: SavedPlan, options: CliOptions, io: Io): Promise<number> {
  const given = DECIDED.filter((name) => options[name as keyof CliOptions] !== undefined);
  if (given.length > 0)
    throw new AppError(
      "usage",
      `A saved plan is applied as it was made: ${given.map(longFlag).join(", ")} cannot change it.`,
      { hint: "Make a new plan with those options (aep-gitops plan --out FILE …) and apply that file." },
    );
  if (options.expectChecksum !== undefined && options.expectChecksum !== saved.checksum)
    throw new AppError(
      "refused",
      `${path.basename(file)} has checksum ${saved.checksum}, not the reviewed ${options.expectChecksum}; nothing was changed.`,
    );
  requireConsent(options, io);
  const format = chooseFormat("apply", options.format);
  const output = createOutput(io);
  const adobe = await openAdobe(options, io, output);
  const stream = format === "jsonl" ? createEventStream(output) : undefined;
  if (stream) adobe.http.observeCalls(stream.calls);
  try {
    const plan = assemblePlan(saved.sandboxes);
    const text = format === "text";
    if (text) output.out(render("plan", "text", plan, { verbose: options.verbose === true, color: output.color }));
    if (interactive(io) && options.yes !== true && !(await confirm(io))) {
      output.err("Apply cancelled; nothing was changed.");
      return ExitCode.error;
    }
    const progress = text ? createProgress(saved.sandboxes, output, io) : stream;
    const summary = (results: SandboxResults[]) => render("apply", format, { checksum: saved.checksum, results });
    const { result: results, interrupt } = await whileWriting(
      output,
      io,
      () => {
        adobe.closeNow();
        // Stopped at once: a JSON-lines apply still ends with its summary line.
        if (stream) output.out(summary(stream.results()));
      },
      progress,
      (hooks) =>
        applySaved(saved, file, adobe, {
          ...hooks,
          onLockDegraded: (warning) => output.err(`warning: ${printableLines(warning)}`),
        }),
    );
    adobe.http.observeCalls(undefined);
    if (!results) {
      if (!text) output.out(summary([]));
      return interrupt.exitCode();
    }
    const report = { checksum: saved.checksum, results };
    if (!text) {
      // One document whatever happened: the items say what failed, the exit code that something did.
      output.out(summary(results));
      if (interrupt.requested()) return interruptedExit(output, interrupt, results);
      return failedCount({ results }) > 0 ? ExitCode.error : ExitCode.ok;
    }
    output.out(output.tty ? render("apply", "text", report) : applySummaryLine(results));
    if (interrupt.requested()) return interruptedExit(output, interrupt, results);
    assertComplete(
      { results },
      "Fix the cause shown above and plan again: the saved plan is partly applied, so a new plan finishes it.",
    );
    return ExitCode.ok;
  } finally {
    await adobe.close();
  }
}
