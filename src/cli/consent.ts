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

export async function confirm(io: Io): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, output: io.stdout });
  try {
    const answer = await rl.question("\nApply these changes? Only 'yes' is accepted: ");
    return answer.trim() === "yes";
  } finally {
    rl.close();
  }
}
