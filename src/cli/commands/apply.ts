// aep-gitops apply: re-read live, re-plan, (confirm on a TTY), execute. Exit 0 when every item
// succeeded, 1 when anything failed or a safety rail refused; a re-run converges either way.
import { createInterface } from "node:readline/promises";
import { hasChanges } from "../../domain/planner.js";
import { AppError, ExitCode } from "../../errors.js";
import { DEFAULT_LOCK, type LockOptions } from "../../reconcile/lock.js";
import { applyRun, planAll } from "../../reconcile/reconcile.js";
import { applySummaryLine, renderApplyText, renderItemLine } from "../../report/apply-result.js";
import type { CliContext, Command } from "../context.js";
import { formatOf, PLAN_FLAGS } from "../options.js";
import { runOptions } from "../run-options.js";
import { workspaceCommand } from "../workspace-command.js";
import { reportLiveProblems } from "../workspace.js";
import { renderPlan } from "./plan.js";

const USAGE = `usage: aep-gitops apply [dir...] [--sandbox NAME] [--config FILE] [--yes] [--expect-checksum SHA] [--format text|json] [-v] [--prune] [--force] [--allow-empty] [--strict] [--emulator]

Reads the live destinations, plans, and makes them match the YAML. On a terminal it shows the plan and
asks first (--yes skips that); elsewhere it never waits for input. --expect-checksum refuses to act when
the fresh plan is not the one reviewed.`;

const FLAGS = { ...PLAN_FLAGS, yes: { type: "boolean", short: "y" }, "expect-checksum": { type: "string" } } as const;

export const applyCommand: Command = workspaceCommand(USAGE, FLAGS, async (ws, values, output, ctx) => {
  const format = formatOf(values.format, ["text", "json"]);
  const options = runOptions(ws, values);
  const run = await planAll(ws.targets, options);
  if (reportLiveProblems(run.problems, ctx, output)) return ExitCode.error;
  if (format === "text") output.out(renderPlan(run.plan, "text", Boolean(values.verbose), output.tty));
  if (!hasChanges(run.plan) && run.plan.sandboxes.every((s) => s.refusals.length === 0)) {
    if (format === "json")
      output.out(JSON.stringify({ format: "aep-gitops.apply/v1", checksum: run.plan.checksum, results: [] }, null, 2));
    return ExitCode.ok;
  }
  const interactive = Boolean(ctx.stdin.isTTY && ctx.stdout.isTTY) && !values.yes;
  if (interactive && run.plan.sandboxes.every((s) => s.refusals.length === 0) && !(await confirm(ctx))) {
    output.err("Apply cancelled; nothing was changed.");
    return ExitCode.error;
  }
  // What a person confirmed is bound like a reviewed checksum: it runs as shown, or not at all.
  const expectChecksum = values["expect-checksum"] ?? (interactive ? run.plan.checksum : undefined);
  const applied = await applyRun(ws.targets, run, {
    ...options,
    ...(expectChecksum ? { expectChecksum } : {}),
    lock: lockOptions(ctx.env, (holder, until) =>
      output.err(
        `Waiting for another apply (run ${holder}) to release sandbox lock, at the latest ${new Date(until).toISOString()}…`,
      ),
    ),
    onReplanned: (plan) => {
      output.err(
        `Live state of sandbox '${plan.sandbox}' changed before this apply took its lock; applying the fresh plan:`,
      );
      output.err(
        renderPlan(
          {
            version: 1,
            sandboxes: [plan],
            summary: { add: 0, change: 0, destroy: 0, orphaned: 0, adopt: 0 },
            checksum: "",
          },
          "text",
          false,
          false,
        ),
      );
    },
    onItem: (sandbox, item) => {
      if (format === "text") output.out(renderItemLine(sandbox, item));
    },
  });
  if (format === "json") {
    output.out(
      JSON.stringify({ format: "aep-gitops.apply/v1", checksum: run.plan.checksum, results: applied.results }, null, 2),
    );
  } else {
    // Items were printed as they finished; a terminal gets the grouped summary as well.
    output.out(output.tty ? renderApplyText(applied.results) : applySummaryLine(applied.results));
    const calls = ws.http.stats;
    output.err(`Flow Service calls: ${calls.calls} (${calls.retries} retried, ${calls.throttled} throttled).`);
  }
  const failed = applied.results.flatMap((r) => r.items).filter((i) => i.status !== "done").length;
  if (failed > 0)
    throw new AppError("partial", `${failed} item(s) did not complete; the others were applied.`, {
      hint: "Fix the cause shown above and run apply again: it continues from where this run stopped.",
    });
  return ExitCode.ok;
});

/** Lease and wait times of the sandbox lock; tests shorten the lease so a crashed run blocks briefly. */
function lockOptions(
  env: Record<string, string | undefined>,
  onWait: (holder: string, until: number) => void,
): LockOptions {
  const seconds = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isFinite(value) && value > 0 ? value * 1000 : fallback;
  };
  return {
    ttlMs: seconds("AEP_GITOPS_LOCK_TTL_SECONDS", DEFAULT_LOCK.ttlMs),
    waitMs: seconds("AEP_GITOPS_LOCK_WAIT_SECONDS", DEFAULT_LOCK.waitMs),
    onWait,
  };
}

async function confirm(ctx: CliContext): Promise<boolean> {
  const rl = createInterface({ input: ctx.stdin, output: ctx.stdout });
  try {
    const answer = await rl.question("\nApply these changes? Only 'yes' is accepted: ");
    return answer.trim() === "yes";
  } finally {
    rl.close();
  }
}
