// The CLI's dispatcher: help, version, then the named command through the error boundary.
import type { Io } from "../app/io.js";
import { ExitCode } from "../errors.js";
import { VERSION } from "../version.js";
import { runCommand } from "./boundary.js";
import { commands, usage } from "./commands.js";

export async function runCli(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.stdout.write(usage());
    return name === undefined ? ExitCode.error : ExitCode.ok;
  }
  if (name === "--version" || name === "-v") {
    io.stdout.write(`${VERSION}\n`);
    return ExitCode.ok;
  }
  const command = commands[name];
  if (!command) {
    io.stderr.write(`aep-gitops: unknown command '${name}'\n\n${usage()}`);
    return ExitCode.error;
  }
  return runCommand(command, rest, io);
}
