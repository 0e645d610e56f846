// The CLI's one error boundary: the command line is parsed (src/cli/program.ts), the command runs and
// returns its exit code, and every failure on the way is shown once: an AppError as one clear line
// plus a hint, a bug with its stack, and with --format json as one JSON document on stdout instead, so
// a script reads a document whatever happened. Every error exits 1 (ExitCode.error, src/errors.ts).
import { withIo, type Io } from "../app/io.js";
import { createOutput } from "../app/output.js";
import { describeError, ExitCode } from "../errors.js";
import { renderErrorJson } from "../report/problems/error-json.js";
import { printableLines } from "../report/escape/terminal.js";
import type { CommandSpec } from "./command.js";
import { parseCommandLine } from "./program.js";

export async function runCommandLine(argv: string[], io: Io, specs: readonly CommandSpec[]): Promise<number> {
  let json = asksForJson(argv);
  // --format jsonl: the error document is the stream's last line, so it is written on one line.
  let lines = asksFor(argv, "jsonl");
  // The command an error document names: the one parsed, else the one typed, else the program.
  let command = specs.find((s) => argv.includes(s.name))?.name ?? "aep-gitops";
  try {
    const parsed = await parseCommandLine(argv, specs, io);
    if ("done" in parsed) return parsed.done;
    lines = parsed.options.format === "jsonl";
    json = parsed.options.format === "json" || lines;
    command = parsed.spec.name;
    // --no-color is NO_COLOR for everything the command runs (src/app/output.ts decides colour).
    const env = parsed.options.color === false ? { ...io.env, NO_COLOR: "1", FORCE_COLOR: undefined } : io.env;
    return await parsed.spec.handle(parsed.args, parsed.options, withIo(io, { env }));
  } catch (error) {
    const description = describeError(error);
    // Messages quote values from the YAML, the tool config and Adobe: printed through the output port
    // (no line of them a workflow command), each line printable. The JSON document keeps them as they are.
    const output = createOutput(io);
    if (json) {
      output.out(renderErrorJson(command, description, io.cwd, { oneLine: lines }));
    } else if (description.kind === "bug") {
      output.err(`aep-gitops: ${description.title}:\n${printableLines(description.stack ?? description.message)}`);
    } else {
      output.err(`error: ${printableLines(description.message)}`);
      if (description.hint) output.err(`hint: ${printableLines(description.hint)}`);
    }
    return ExitCode.error;
  }
}

/** --format json (or jsonl), as any of its spellings, for errors met before the command line is parsed. */
function asksForJson(argv: string[]): boolean {
  return asksFor(argv, "json") || asksFor(argv, "jsonl");
}

function asksFor(argv: string[], format: string): boolean {
  return argv.some(
    (arg, i) =>
      arg === `--format=${format}` ||
      arg === `-f${format}` ||
      ((arg === "--format" || arg === "-f") && argv[i + 1] === format),
  );
}
