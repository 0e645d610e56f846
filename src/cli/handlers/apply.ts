// What `aep-gitops apply` does (its declaration: commands/apply.ts).
import path from "node:path";
import { readSavedPlan } from "../../app/saved-plans.js";
import { apply, assertComplete, failedCount, plan } from "../../app/use-cases.js";
import { assemblePlan, isNoop } from "../../domain/plan/planner.js";
import { ExitCode } from "../../errors.js";
import { applySummaryLine } from "../../report/apply/results.js";
import type { SandboxResults } from "../../domain/apply/results.js";
import { chooseFormat, render } from "../../report/formats/index.js";
import { printableLines } from "../../report/escape/terminal.js";
import type { CommandSpec } from "../command.js";
import { confirm, interactive, requireConsent } from "../consent.js";
import { lockWaitReporter } from "../../app/lock.js";
import { interruptedExit, whileWriting } from "../interrupts.js";
import { createEventStream } from "../event-stream.js";
import { createProgress } from "../progress.js";
import { stopOnProblems, warningsOf, workspaceCommand } from "../workspace-command.js";
import { applySavedFile } from "./apply-saved.js";

const applyFromYaml = workspaceCommand(async (ws, options, output, io) => {
  const format = chooseFormat("apply", options.format);
  const flags = { ...options, secrets: undefined };
  // --format jsonl: every request from the first read on is an event (the plan's reads included).
  const stream = format === "jsonl" ? createEventStream(output) : undefined;
  if (stream) ws.adobe.http.observeCalls(stream.calls);
  const planned = await plan(ws, flags);
  stopOnProblems(planned.problems, options, io, output);
  const text = format === "text";
  if (text)
    output.out(render("plan", "text", planned.plan, { verbose: Boolean(options.verbose), color: output.color }));
  const problems = warningsOf(ws, planned.problems);
  const summary = (results: SandboxResults[]) =>
    render("apply", format, { checksum: planned.plan.checksum, results, problems }, { cwd: io.cwd });
  if (isNoop(planned.plan)) {
    if (!text) output.out(summary([]));
    return ExitCode.ok;
  }
  const asking = interactive(io) && !options.yes;
  if (asking && planned.plan.sandboxes.every((s) => s.refusals.length === 0) && !(await confirm(io))) {
    output.err("Apply cancelled; nothing was changed.");
    return ExitCode.error;
  }
  // What a person confirmed is bound like a reviewed checksum: it runs as shown, or not at all.
  const expectChecksum = options.expectChecksum ?? (asking ? planned.plan.checksum : undefined);
  const progress = text ? createProgress(planned.plan.sandboxes, output, io) : stream;
  // Ctrl-C or a cancelled job: no new write starts, those in flight finish, the lock is released and
  // the results are reported. Stopped at once, a JSON-lines apply still ends with its summary line.
  const { result: applied, interrupt } = await whileWriting(
    output,
    io,
    () => {
      ws.adobe.closeNow();
      if (stream) output.out(summary(stream.results()));
    },
    progress,
    (hooks) =>
      apply(ws, planned, {
        flags,
        ...hooks,
        expectChecksum,
        onLockWait: lockWaitReporter(output, io),
        onLockDegraded: (warning) => output.err(`warning: ${printableLines(warning)}`),
        onReplanned: (fresh) => {
          progress?.replanned(fresh);
          output.err(
            `Live state of sandbox '${fresh.sandbox}' changed before this apply took its lock; applying the fresh plan:`,
          );
          output.err(render("plan", "text", assemblePlan([fresh])));
        },
      }),
  );
  ws.adobe.http.observeCalls(undefined);
  // Interrupted before any write (waiting for the lock): nothing was done, and a document says so.
  if (!applied) {
    if (!text) output.out(summary([]));
    return interrupt.exitCode();
  }
  const report = { checksum: planned.plan.checksum, results: applied.results };
  if (!text) {
    // One document whatever happened: the items say what failed, the exit code that something did.
    output.out(summary(applied.results));
    // What was done and what applying again does, for people, on stderr: stdout stays the document(s).
    if (interrupt.requested()) return interruptedExit(output, interrupt, applied.results);
    return failedCount(applied) > 0 ? ExitCode.error : ExitCode.ok;
  } else {
    // Items were printed as they finished; a terminal gets the grouped summary as well.
    output.out(output.tty ? render("apply", "text", report) : applySummaryLine(applied.results));
    const calls = ws.adobe.http.stats;
    output.err(`Flow Service calls: ${calls.calls} (${calls.retries} retried, ${calls.throttled} throttled).`);
  }
  if (interrupt.requested()) return interruptedExit(output, interrupt, applied.results);
  assertComplete(applied, "Fix the cause shown above and run apply again: it continues from where this run stopped.");
  return ExitCode.ok;
}, requireConsent);

export const handle: CommandSpec["handle"] = async (args, options, io) => {
  if (args.length === 1) {
    const file = path.resolve(io.cwd, args[0]!);
    const saved = readSavedPlan(file);
    if (saved) return applySavedFile(file, saved, options, io);
  }
  return applyFromYaml(args, options, io);
};
