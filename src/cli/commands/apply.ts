// aep-gitops apply: re-read live, re-plan, (confirm on a TTY), execute. Exit 0 when every item
// succeeded, 1 when anything failed or a safety rail refused; a re-run converges either way.
import path from "node:path";
import { readSavedPlan } from "../../app/saved-plans.js";
import { apply, assertComplete, plan } from "../../app/runs.js";
import { assemblePlan, isNoop } from "../../domain/planner.js";
import { ExitCode } from "../../errors.js";
import { applySummaryLine, renderItemLine } from "../../report/apply-result.js";
import { chooseFormat, render } from "../../report/formats/index.js";
import type { Command } from "../command.js";
import { confirm, interactive, requireConsent } from "../consent.js";
import { parseFlags, PLAN_FLAGS } from "../options.js";
import { applySavedFile } from "./apply-saved.js";
import { printProblems, workspaceCommand } from "../workspace-command.js";

const USAGE = `usage: aep-gitops apply [dir...|FILE] [--sandbox NAME] [--config FILE] [--yes] [--expect-checksum SHA] [--format text|json|markdown] [-v] [--prune] [--force] [--allow-empty] [--strict] [--emulator]

Reads the live destinations, plans, and makes them match the YAML. On a terminal it shows the plan and
asks first (--yes skips that); elsewhere it refuses unless --yes is given. --expect-checksum refuses to act when
the fresh plan is not the one reviewed. Given a FILE saved by 'plan --out FILE', it applies exactly that plan,
and refuses with no write at all when an object the plan touches changed since it was saved.`;

const FLAGS = { ...PLAN_FLAGS, yes: { type: "boolean", short: "y" }, "expect-checksum": { type: "string" } } as const;

const applyFromYaml: Command = workspaceCommand(
  USAGE,
  FLAGS,
  async (ws, values, output, io) => {
    const format = chooseFormat("apply", values.format);
    const flags = { ...values, allowEmpty: values["allow-empty"] };
    const run = await plan(ws, flags);
    if (printProblems(run.problems, io, output)) return ExitCode.error;
    const verbose = Boolean(values.verbose);
    if (format === "text") output.out(render("plan", "text", run.plan, { verbose, color: output.tty }));
    if (isNoop(run.plan)) {
      if (format !== "text") output.out(render("apply", format, { checksum: run.plan.checksum, results: [] }));
      return ExitCode.ok;
    }
    const asking = interactive(io) && !values.yes;
    if (asking && run.plan.sandboxes.every((s) => s.refusals.length === 0) && !(await confirm(io))) {
      output.err("Apply cancelled; nothing was changed.");
      return ExitCode.error;
    }
    // What a person confirmed is bound like a reviewed checksum: it runs as shown, or not at all.
    const expectChecksum = values["expect-checksum"] ?? (asking ? run.plan.checksum : undefined);
    const applied = await apply(ws, run, {
      flags,
      ...(expectChecksum ? { expectChecksum } : {}),
      onLockWait: (holder, until) =>
        output.err(
          `Waiting for another apply (run ${holder}) to release sandbox lock, at the latest ${new Date(until).toISOString()}…`,
        ),
      onLockDegraded: (warning) => output.err(`warning: ${warning}`),
      onReplanned: (fresh) => {
        output.err(
          `Live state of sandbox '${fresh.sandbox}' changed before this apply took its lock; applying the fresh plan:`,
        );
        output.err(render("plan", "text", assemblePlan([fresh])));
      },
      onItem: (sandbox, item) => {
        if (format === "text") output.out(renderItemLine(sandbox, item));
      },
    });
    const report = { checksum: run.plan.checksum, results: applied.results };
    if (format !== "text") {
      output.out(render("apply", format, report));
    } else {
      // Items were printed as they finished; a terminal gets the grouped summary as well.
      output.out(output.tty ? render("apply", "text", report) : applySummaryLine(applied.results));
      const calls = ws.adobe.http.stats;
      output.err(`Flow Service calls: ${calls.calls} (${calls.retries} retried, ${calls.throttled} throttled).`);
    }
    assertComplete(applied, "Fix the cause shown above and run apply again: it continues from where this run stopped.");
    return ExitCode.ok;
  },
  requireConsent,
);

export const applyCommand: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, FLAGS, USAGE);
  if (!values.help && positionals.length === 1) {
    const file = path.resolve(io.cwd, positionals[0]!);
    const saved = readSavedPlan(file);
    if (saved) return applySavedFile(file, saved, values, io);
  }
  return applyFromYaml(argv, io);
};
