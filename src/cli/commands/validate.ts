// aep-gitops validate: checks destination YAML offline (schema and semantic rules; nothing is read from
// Adobe) and prints every problem at once. Exit 0 valid (warnings allowed), 1 invalid.
import { parseArgs } from "node:util";
import { loadConfiguration } from "../../app/configuration.js";
import { hasErrors } from "../../config/problems.js";
import { ToolConfigError } from "../../config/tool-config.js";
import type { Problem } from "../../domain/problem.js";
import { AppError, ExitCode } from "../../errors.js";
import { chooseFormat, render } from "../../report/formats/index.js";
import type { Command } from "../command.js";

const USAGE = `usage: aep-gitops validate [dir|file...] [--format text|json] [--config FILE] [--sandbox NAME]

Checks destination YAML against the JSON Schema and the semantic rules, offline: nothing is read from Adobe.
  With paths: validates them together as one sandbox (--sandbox, else $AEP_SANDBOX, else prod).
  Without:    validates every sandbox of the tool config (--sandbox NAME: only that one).

  -f, --format text|json   output format (default text); JSON is documented in docs/design.md
  -c, --config FILE        the tool config file (default: searched from the current folder up to the repository root)
  -s, --sandbox NAME       the sandbox to validate
  -h, --help               show this help

Exit codes: 0 valid (warnings are printed but allowed), 1 invalid.`;

const FLAGS = {
  format: { type: "string", short: "f" },
  config: { type: "string", short: "c" },
  sandbox: { type: "string", short: "s" },
  help: { type: "boolean", short: "h" },
} as const;

export const validateCommand: Command = async (argv, io) => {
  const { values, positionals } = parse(argv);
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return ExitCode.ok;
  }
  const format = chooseFormat("problems", values.format);
  let problems: Problem[];
  let files: string[];
  try {
    const configuration = await loadConfiguration(
      { paths: positionals, config: values.config, sandbox: values.sandbox, toolConfigOnlyIfNamed: true },
      io,
    );
    ({ problems, files } = configuration);
  } catch (error) {
    // An invalid tool config is a validation result too: shown in the requested format, exit 1.
    if (!(error instanceof ToolConfigError)) throw error;
    problems = error.problems;
    files = [...new Set(error.problems.map((p) => p.file))];
  }
  io.stdout.write(render("problems", format, problems, { cwd: io.cwd, files }));
  return hasErrors(problems) ? ExitCode.error : ExitCode.ok;
};

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new AppError("usage", (error as Error).message, { hint: USAGE.split("\n")[0] });
  }
}
