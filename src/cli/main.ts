// The CLI: every command of commands.ts, through the one boundary.
import type { Io } from "../app/io.js";
import { runCommandLine } from "./boundary.js";
import { COMMANDS } from "./commands.js";

export function runCli(argv: string[], io: Io): Promise<number> {
  return runCommandLine(argv, io, COMMANDS);
}
