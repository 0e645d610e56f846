// The CLI composition root and its one error boundary: every command returns an exit code, every known
// failure is an AppError printed as one clear line (plus a hint), and only bugs print a stack trace.
import { AppError, ExitCode, exitCodeFor } from "../errors.js";
import type { CliContext, Command } from "./context.js";
import { commands, usage } from "./commands.js";

export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    ctx.stdout.write(usage());
    return name === undefined ? ExitCode.error : ExitCode.ok;
  }
  if (name === "--version" || name === "-v") {
    ctx.stdout.write(`${VERSION}\n`);
    return ExitCode.ok;
  }
  const command: Command | undefined = commands[name];
  if (!command) {
    ctx.stderr.write(`aep-gitops: unknown command '${name}'\n\n${usage()}`);
    return ExitCode.error;
  }
  try {
    return await command(rest, ctx);
  } catch (error) {
    if (error instanceof AppError) {
      ctx.stderr.write(`error: ${error.message}\n`);
      if (error.hint) ctx.stderr.write(`hint: ${error.hint}\n`);
      return exitCodeFor(error);
    }
    ctx.stderr.write(
      `aep-gitops: internal error (a bug, please report it):\n${(error as Error)?.stack ?? String(error)}\n`,
    );
    return ExitCode.error;
  }
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === "string" ? __VERSION__ : "0.1.0";
