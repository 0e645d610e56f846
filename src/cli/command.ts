// What a command is: a declaration (its arguments, the options it takes, its exit codes and the
// environment it reads, all shown by --help) and a handler that gets the parsed values and returns
// the exit code (src/cli/handlers/). It never reads process.* itself, so tests and the demo call it with
// their own environment and streams.
import type { Io } from "../app/io.js";
import type { CliOptions, OptionName } from "./options.js";

/** An option a command takes: by name, or by name with what it means for this command. */
export type OptionUse = OptionName | { name: OptionName; description: string; choices?: readonly string[] };

export interface CommandSpec {
  name: string;
  /** commander's argument syntax, e.g. `[dir...]`. */
  args?: string;
  /** The only values the argument takes, when they are a list: the command checks it, completion offers them. */
  argChoices?: readonly string[];
  /** One line for the list of commands. */
  summary: string;
  /** What the command does, for its --help. */
  description: string;
  options: readonly OptionUse[];
  exitCodes: readonly (readonly [code: number, meaning: string])[];
  /** Environment variables it reads (see ENVIRONMENT in src/cli/help.ts). */
  env: readonly string[];
  /** What it is not for, to say why an option it lacks makes no sense here ("reads only the YAML"). */
  nature: string;
  handle(args: string[], options: CliOptions, io: Io): Promise<number>;
}

/**
 * A command's handler, loaded when the command is called: the command line (help, parsing, every declaration) never
 * pays for the modules of commands that do not run (the bundle splits at this import).
 */
export function lazyHandler(load: () => Promise<{ handle: CommandSpec["handle"] }>): CommandSpec["handle"] {
  return async (args, options, io) => (await load()).handle(args, options, io);
}
