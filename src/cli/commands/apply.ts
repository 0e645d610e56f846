// aep-gitops apply: re-read live, re-plan, (confirm on a TTY), execute. Exit 0 when every item
// succeeded, 1 when anything failed or a safety rail refused; a re-run converges either way.
import { createInterface } from "node:readline/promises";
import type { Io } from "../../app/io.js";
import { apply, assertComplete, plan } from "../../app/runs.js";
import { assemblePlan, isNoop } from "../../domain/planner.js";
import { AppError, ExitCode } from "../../errors.js";
import { applySummaryLine, renderItemLine } from "../../report/apply-result.js";
import { chooseFormat, render } from "../../report/formats/index.js";
import type { Command } from "../command.js";
import { PLAN_FLAGS } from "../options.js";
import { printProblems, workspaceCommand } from "../workspace-command.js";

const USAGE = `usage: aep-gitops apply [dir...] [--sandbox NAME] [--config FILE] [--yes] [--expect-checksum SHA] [--format text|json|markdown] [-v] [--prune] [--force] [--allow-empty] [--strict] [--emulator]

Reads the live destinations, plans, and makes them match the YAML. On a terminal it shows the plan and
asks first (--yes skips that); elsewhere it refuses unless --yes is given. --expect-checksum refuses to act when
the fresh plan is not the one reviewed.`;

const FLAGS = { ...PLAN_FLAGS, yes: { type: "boolean", short: "y" }, "expect-checksum": { type: "string" } } as const;

/** On a terminal a person is asked; anywhere else only --yes says that someone meant it. */
function interactive(io: Io): boolean {
  return Boolean(io.stdin.isTTY && io.stdout.isTTY);
}

function requireConsent(values: { yes?: boolean | undefined }, io: Io): void {
  if (values.yes || interactive(io)) return;
  throw new AppError(
    "usage",
    "apply is not running on a terminal, so it cannot ask before it changes Adobe; nothing was read or changed.",
    {
      hint: "Pass --yes to apply without asking (as CI does), or run it on a terminal to review the plan and confirm.",
    },
  );
}

export const applyCommand: Command = workspaceCommand(
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

async function confirm(io: Io): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, output: io.stdout });
  try {
    const answer = await rl.question("\nApply these changes? Only 'yes' is accepted: ");
    return answer.trim() === "yes";
  } finally {
    rl.close();
  }
}
