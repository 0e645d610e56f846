// Consent before apply changes Adobe: a person at a terminal is shown the plan and asked; anywhere else
// (CI, a pipe, input from /dev/null) only --yes says someone meant it, and without it nothing is read.
import { createInterface } from "node:readline/promises";
import type { Io } from "../app/io.js";
import { AppError } from "../errors.js";

export function interactive(io: Io): boolean {
  return Boolean(io.stdin.isTTY && io.stdout.isTTY);
}

export function requireConsent(values: { yes?: boolean | undefined }, io: Io): void {
  if (values.yes || interactive(io)) return;
  throw new AppError(
    "usage",
    "apply is not running on a terminal, so it cannot ask before it changes Adobe; nothing was read or changed.",
    {
      hint: "Pass --yes to apply without asking (as CI does), or run it on a terminal to review the plan and confirm.",
    },
  );
}

/**
 * Asks on the terminal; only "yes" goes ahead. Ctrl-C and Ctrl-D are a "no" like any other answer:
 * nothing has been written yet, so there is nothing to report but that (no stack trace).
 */
export async function confirm(io: Io, question = "\nApply these changes? Only 'yes' is accepted: "): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, output: io.stdout });
  const cancelled = new AbortController();
  // On a terminal, readline reads Ctrl-C as a key (no SIGINT reaches the process) and Ctrl-D as the
  // end of input: both end the question instead of leaving it, or the process, hanging.
  rl.on("SIGINT", () => cancelled.abort());
  rl.on("close", () => cancelled.abort());
  try {
    const answer = await rl.question(question, { signal: cancelled.signal });
    return answer.trim() === "yes";
  } catch (error) {
    if (cancelled.signal.aborted || (error as Error).name === "AbortError") {
      io.stdout.write("\n");
      return false;
    }
    throw error;
  } finally {
    rl.close();
  }
}
