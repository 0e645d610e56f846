// What a command gets from the outside world. Commands never read process.* themselves, so tests and
// the Action can run them with their own environment and streams.
export interface CliContext {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

/** A command parses its own argv (after the command name) and returns the process exit code. */
export type Command = (argv: string[], ctx: CliContext) => Promise<number>;
