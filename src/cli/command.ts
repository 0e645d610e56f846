// What a command is: it parses its own argv (after the command name) and returns the exit code. It
// never reads process.* itself, so tests and the demo run it with their own environment and streams.
import type { Io } from "../app/io.js";

export type Command = (argv: string[], io: Io) => Promise<number>;
