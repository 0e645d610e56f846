// Ctrl-C during `apply` (and `apply FILE`), as a person at a terminal reads it: the first signal is
// answered at once with how many changes are still in flight, a second one (or the grace period over)
// stops the process after saving what must be saved. src/app/interrupt.ts has the mechanism.
import { EXIT_ON, graceMs, watchInterrupts, type Interrupt } from "../app/interrupt.js";
import type { Io } from "../app/io.js";
import type { Output } from "../app/output.js";

export interface ApplyInterrupts {
  interrupt: Interrupt;
  /** An item's first call is about to go out. */
  started(sandbox: string, ref: string): void;
  /** An item finished, however it ended. */
  finished(sandbox: string, ref: string): void;
}

/** Listens while apply writes; `closeNow` saves synchronously what closing would save. */
export function applyInterrupts(output: Output, io: Io, closeNow: () => void): ApplyInterrupts {
  const running = new Set<string>();
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
  return {
    interrupt,
    started: (sandbox, ref) => void running.add(`${sandbox}\u0000${ref}`),
    finished: (sandbox, ref) => void running.delete(`${sandbox}\u0000${ref}`),
  };
}
