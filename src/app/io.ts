// What a command gets from the outside world: its folder, its environment and its streams. The CLI and the
// Action build one at their composition roots; nothing below them reads process.* itself, so tests run
// the same code with their own environment and streams.
import type { SignalSource } from "./interrupt.js";

export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** SIGINT and SIGTERM, for a graceful interrupt (the process in the CLI and the Action). */
  signals?: SignalSource;
  /** Ends the process at once: a second interrupt. Absent in tests run in-process. */
  exit?(code: number): void;
}

/**
 * The same io with some fields replaced. Not a spread: that would read every field, and the CLI's stdin
 * is a getter because Node builds the stream on first access, a cost at start-up that seldom needs it
 * (bench/results.md, "Start-up, paired").
 */
export function withIo(io: Io, changes: Partial<Io>): Io {
  return Object.defineProperties(
    {},
    { ...Object.getOwnPropertyDescriptors(io), ...Object.getOwnPropertyDescriptors(changes) },
  ) as Io;
}
