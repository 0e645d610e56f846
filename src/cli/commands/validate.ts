// aep-gitops validate: checks destination YAML offline (schema and semantic rules; nothing is read from
// Adobe) and prints every problem at once. Exit 0 valid (warnings allowed), 1 invalid.
import { loadConfiguration } from "../../app/configuration.js";
import { hasErrors } from "../../config/problems.js";
import { ToolConfigError } from "../../config/tool-config.js";
import type { Problem } from "../../domain/problem.js";
import { ExitCode } from "../../errors.js";
import { chooseFormat, formatsFor, render } from "../../report/formats/index.js";
import type { CommandSpec } from "../command.js";

export const validateCommand: CommandSpec = {
  name: "validate",
  args: "[path...]",
  summary: "check destination YAML against the schemas and rules, offline",
  description: `Checks destination YAML against the JSON Schema and the semantic rules, offline: nothing is read from
Adobe, and every problem is shown at once, at its file:line:column.

With paths (folders or files), they are validated together as one sandbox (--sandbox, else $AEP_SANDBOX,
else prod). Without, every sandbox of the tool config is (--sandbox NAME: only that one).`,
  options: [
    {
      name: "format",
      description: "output format (default text; JSON: docs/json-output.md)",
      choices: formatsFor("problems"),
    },
    "config",
    { name: "sandbox", description: "the sandbox to validate (with paths: the sandbox they belong to)" },
  ],
  exitCodes: [
    [0, "valid (warnings are printed but allowed)"],
    [1, "invalid, or a usage error"],
  ],
  env: ["AEP_SANDBOX"],
  nature: "reads only the YAML and never talks to Adobe",
  async run(args, options, io) {
    const format = chooseFormat("problems", options.format);
    let problems: Problem[];
    let files: string[];
    try {
      const configuration = await loadConfiguration(
        { paths: args, config: options.config, sandbox: options.sandbox, toolConfigOnlyIfNamed: true },
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
  },
};
