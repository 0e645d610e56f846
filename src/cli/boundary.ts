// The CLI's one error boundary: every command returns an exit code; every known failure is an AppError,
// printed as one clear line (plus a hint), and only bugs print a stack trace. The exit code comes from
// the error's kind (src/errors.ts).
import type { Io } from "../app/io.js";
import { describeError, exitCodeFor } from "../errors.js";
import type { Command } from "./command.js";

export async function runCommand(command: Command, argv: string[], io: Io): Promise<number> {
  try {
    return await command(argv, io);
  } catch (error) {
    const description = describeError(error);
    if (description.kind === "bug") {
      io.stderr.write(`aep-gitops: ${description.title}:\n${description.stack}\n`);
    } else {
      io.stderr.write(`error: ${description.message}\n`);
      if (description.hint) io.stderr.write(`hint: ${description.hint}\n`);
    }
    return exitCodeFor(error);
  }
}
