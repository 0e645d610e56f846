// The shape every command that talks to Adobe shares: parse flags (or print help), load the
// configuration once (printing every problem; nothing is read from Adobe while an error stands), open
// the workspace (Adobe's client, or the embedded emulator with --emulator), run, and always close it
// however the run ends.
import type { ParseArgsConfig } from "node:util";
import { assertValid, loadConfiguration } from "../app/configuration.js";
import type { Io } from "../app/io.js";
import { createOutput, type Output } from "../app/output.js";
import { openWorkspace, type Workspace } from "../app/workspace.js";
import { hasErrors } from "../config/problems.js";
import type { Problem } from "../domain/problem.js";
import { ExitCode } from "../errors.js";
import { formatProblemsText } from "../report/problems.js";
import type { Command } from "./command.js";
import { parseFlags } from "./options.js";

type Flags = NonNullable<ParseArgsConfig["options"]>;
type Values<F extends Flags> = ReturnType<typeof parseFlags<F>>["values"];

interface WorkspaceFlags {
  config?: string | undefined;
  sandbox?: string | undefined;
  emulator?: boolean | undefined;
  trace?: string | undefined;
  strict?: boolean | undefined;
}

export function workspaceCommand<F extends Flags>(
  usage: string,
  flags: F,
  run: (ws: Workspace, values: Values<F>, output: Output, io: Io) => Promise<number>,
  /** Checks that need no file and no Adobe (consent), made before anything is read. */
  preflight?: (values: Values<F>, io: Io) => void,
): Command {
  return async (argv, io) => {
    const { values, positionals } = parseFlags(argv, flags, usage);
    if ((values as { help?: boolean }).help) {
      io.stdout.write(`${usage}\n`);
      return ExitCode.ok;
    }
    preflight?.(values, io);
    const output = createOutput(io);
    const options = values as WorkspaceFlags;
    const configuration = await loadConfiguration({ paths: positionals, ...options }, io);
    printProblems(configuration.problems, io, output);
    assertValid(configuration);
    const ws = await openWorkspace(configuration, options, io, output);
    try {
      return await run(ws, values, output, io);
    } finally {
      await ws.close();
    }
  };
}

/** Problems go to stderr, so stdout stays the report alone; true when any is an error (the run stops). */
export function printProblems(problems: Problem[], io: Io, output: Output): boolean {
  if (problems.length > 0) output.err(formatProblemsText(problems, io.cwd));
  return hasErrors(problems);
}
