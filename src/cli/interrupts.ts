// Ctrl-C during `apply` (and `apply FILE`), as a person at a terminal reads it: the first signal is
// answered at once with how many changes are still in flight, a second one (or the grace period over)
// stops the process after saving what must be saved. src/app/interrupt.ts has the mechanism; both
// apply commands run their writes through whileWriting, so they report an interrupt the same way.
import { EXIT_ON, graceMs, watchInterrupts, type Interrupt } from "../app/interrupt.js";
import type { Io } from "../app/io.js";
import type { Output } from "../app/output.js";
import type { Change } from "../domain/plan/plan.js";
import type { ItemResult } from "../domain/apply/results.js";
import { interruptedSummary } from "../report/apply/interrupted.js";
import type { Progress } from "./progress.js";

/** What the writes are run with: stop starting new ones once interrupted, and say what happens. */
export interface WriteHooks {
  stop: () => boolean;
  onItemStart(sandbox: string, change: Change): void;
  onItem(sandbox: string, item: ItemResult): void;
}

/**
 * Runs the writes while listening for SIGINT and SIGTERM (only then: before, nothing needs undoing),
 * with progress shown. `result` is undefined when an interrupt came before any write (waiting for the
 * lock, reading live state): nothing was changed, and that is said here. `closeNow` saves synchronously
 * what closing would save, for a command that must end at once.
 */
export async function whileWriting<T>(
  output: Output,
  io: Io,
  closeNow: () => void,
  progress: Progress | undefined,
  write: (hooks: WriteHooks) => Promise<T>,
): Promise<{ result: T | undefined; interrupt: Interrupt }> {
  const running = new Set<string>();
  const key = (sandbox: string, ref: string) => `${sandbox}\u0000${ref}`;
  const interrupt = watchInterrupts(
    io.signals,
    {
      first: (signal) =>
        output.err(
          `\nInterrupt received (${signal}): finishing ${running.size} change${running.size === 1 ? "" : "s"} in flight, starting no new ones. Interrupt again to stop at once.`,
        ),
      now: (signal, why) => {
        output.err(
          `Stopping now (${why}): changes in flight may or may not have landed. Run apply again: it converges from whatever is there (no --force needed).`,
        );
        closeNow();
        io.exit?.(EXIT_ON[signal]);
      },
    },
    graceMs(io.env),
  );
  const result = await write({
    stop: interrupt.requested,
    onItemStart: (sandbox, change) => {
      running.add(key(sandbox, change.ref));
      progress?.start(sandbox, change);
    },
    onItem: (sandbox, item) => {
      running.delete(key(sandbox, item.ref));
      progress?.done(sandbox, item);
    },
  })
    .catch((error: unknown) => {
      if (!interrupt.requested()) throw error;
      output.err(`Interrupted (${interrupt.signal()}) before anything was changed: ${(error as Error).message}`);
      return undefined;
    })
    .finally(() => {
      interrupt.dispose();
      progress?.stop();
    });
  return { result, interrupt };
}

/** After the report of an interrupted apply: what was done and what applying again does, and the exit code. */
export function interruptedExit(output: Output, interrupt: Interrupt, results: { items: ItemResult[] }[]): number {
  output.err(interruptedSummary(results, interrupt.signal()!));
  return interrupt.exitCode();
}
