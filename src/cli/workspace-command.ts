// The shape every command that talks to Adobe shares: parse flags (or print help), open the
// workspace (validated YAML + Flow Service client), run, and always close the client (and the
// embedded emulator, with --emulator) however the run ends.
import type { ParseArgsConfig } from "node:util";
import { ExitCode } from "../errors.js";
import type { CliContext, Command } from "./context.js";
import { parseFlags } from "./options.js";
import { createOutput, type Output } from "./output.js";
import { openWorkspace, type Workspace } from "./workspace.js";

type Flags = NonNullable<ParseArgsConfig["options"]>;
type Values<F extends Flags> = ReturnType<typeof parseFlags<F>>["values"];

export function workspaceCommand<F extends Flags>(
  usage: string,
  flags: F,
  run: (ws: Workspace, values: Values<F>, output: Output, ctx: CliContext) => Promise<number>,
): Command {
  return async (argv, ctx) => {
    const { values, positionals } = parseFlags(argv, flags, usage);
    if ((values as { help?: boolean }).help) {
      ctx.stdout.write(`${usage}\n`);
      return ExitCode.ok;
    }
    const output = createOutput(ctx);
    const ws = await openWorkspace(positionals, values as Parameters<typeof openWorkspace>[1], ctx, output);
    try {
      return await run(ws, values, output, ctx);
    } finally {
      await ws.close();
    }
  };
}
