// What `aep-gitops unlock` does (its declaration: commands/unlock.ts).
import { openAdobe } from "../../app/adobe.js";
import { holderIsDead, thisHolder } from "../../app/lock.js";
import { createOutput, type Output } from "../../app/output.js";
import { lockOptions } from "../../app/use-cases.js";
import { AepApiError } from "../../aep/errors.js";
import type { FlowServicePort } from "../../aep/flow-service.js";
import { AppError, ExitCode } from "../../errors.js";
import { refusalReason } from "../../reconcile/lease.js";
import { describeLease } from "../../reconcile/lease-holder.js";
import { refusedLockWrite } from "../../reconcile/lock-object.js";
import { currentLease, releaseLease, renewalWatchMs, watchLease, type HeldLease } from "../../reconcile/unlock.js";
import { printable } from "../../report/escape/terminal.js";
import type { CommandSpec } from "../command.js";
import { confirm, interactive } from "../consent.js";

export const handle: CommandSpec["handle"] = async (_args, values, io) => {
  const sandbox = values.sandbox;
  if (!sandbox)
    throw new AppError("usage", "unlock needs --sandbox NAME: the sandbox whose lock to release.", {
      hint: "aep-gitops unlock --sandbox prod (the waiting apply's line names the sandbox and the run)",
    });
  if (values.run !== undefined && !/^[A-Za-z0-9-]{1,100}$/.test(values.run))
    throw new AppError("usage", `--run '${printable(values.run)}' is not a run id (letters, digits and '-').`);
  if (!values.yes && !interactive(io))
    throw new AppError(
      "usage",
      "unlock is not running on a terminal, so it cannot ask before it releases a lock; nothing was read or changed.",
      { hint: "Pass --yes to release without asking, or run it on a terminal to see who holds the lock and confirm." },
    );
  const output = createOutput(io);
  const adobe = await openAdobe(values, io, output);
  try {
    const port = adobe.port(sandbox);
    const held = await currentLease(port);
    if (!held) {
      output.out(`Sandbox '${printable(sandbox)}' is not locked: nothing to release.`);
      return ExitCode.ok;
    }
    const { lease } = held;
    if (values.run !== undefined && lease.run !== values.run)
      throw new AppError(
        "refused",
        `Sandbox '${printable(sandbox)}' is locked by run ${lease.run}, not by run ${values.run}; nothing was released.`,
        { hint: "--run releases only that run's lock: check the run id the waiting apply named." },
      );
    output.out(`Sandbox '${printable(sandbox)}' is locked by ${printable(describeLease(lease))}.`);
    const stale = await staleLease(port, held, output, adobe.env);
    if (!stale) return ExitCode.ok;
    const question = `\nRelease the lock of run ${lease.run}? Only 'yes' is accepted: `;
    if (!values.yes && !(await confirm(io, question))) {
      output.err("Unlock cancelled; nothing was changed.");
      return ExitCode.error;
    }
    await release(port, stale);
    output.out(`Released the lock of sandbox '${printable(sandbox)}' (run ${lease.run}).`);
    return ExitCode.ok;
  } finally {
    await adobe.close();
  }
};

/** The lease as last read when nobody renews it; undefined when it ended meanwhile; a refusal when alive. */
async function staleLease(
  port: FlowServicePort,
  held: HeldLease,
  output: Output,
  env: Record<string, string | undefined>,
): Promise<HeldLease | undefined> {
  const { lease } = held;
  if (lease.holder && holderIsDead(lease.holder, thisHolder(env))) {
    output.out(`Its process (pid ${lease.holder.pid}) no longer runs on this host.`);
    return held;
  }
  const watchMs = renewalWatchMs(lease, lockOptions(env).ttlMs);
  output.out(`Reading it again in ${Math.ceil(watchMs / 1000)} s: an apply that still runs renews its lease by then…`);
  const watched = await watchLease(port, held, watchMs);
  if (watched.verdict === "ended") {
    output.out("The lock was released (or its lease ran out) meanwhile: nothing to release.");
    return undefined;
  }
  if (watched.verdict === "changed-hands")
    throw new AppError(
      "refused",
      `The lock changed hands meanwhile: ${printable(describeLease(watched.lease))} holds it now; nothing was released.`,
      { hint: "That is a running apply: wait for it to finish." },
    );
  if (watched.verdict === "renewed")
    throw new AppError(
      "refused",
      `Run ${lease.run} still renews its lease (until ${new Date(watched.lease.until).toISOString()} now): its apply is running; nothing was released.`,
      {
        hint: "Wait for that apply to finish, or stop it (Ctrl-C where it runs, or cancel its workflow run): its lock is released as it ends. unlock releases only the lock of an apply that is gone.",
      },
    );
  output.out("Nobody renewed it: its apply is gone.");
  return watched.held;
}

async function release(port: FlowServicePort, held: HeldLease): Promise<void> {
  try {
    await releaseLease(port, held);
  } catch (error) {
    if (error instanceof AepApiError && error.status === 412)
      throw new AppError("refused", "The lock changed while unlock ran; nothing was released.", {
        hint: "Run unlock again: it reads who holds the lock now.",
      });
    const refusal = refusedLockWrite(error);
    if (refusal)
      throw new AppError(
        "refused",
        `Adobe refuses PATCH of connections in sandbox '${port.sandbox}' (${refusalReason(refusal)}): nobody can release this lease.`,
        {
          hint: "Nothing needs releasing: apply ignores a lease where Adobe refuses the lock's write, with a warning, and goes on without the lock.",
          requestId: refusal.requestId,
        },
      );
    throw error;
  }
}
