// aep-gitops validate: checks destination YAML offline (schema and semantic rules; nothing is read from
// Adobe) and prints every problem at once. Exit 0 valid (warnings allowed), 1 invalid.
import { formatsFor } from "../../report/formats/names.js";
import { lazyHandler, type CommandSpec } from "../command.js";

export const validateCommand: CommandSpec = {
  name: "validate",
  args: "[path...]",
  summary: "check destination YAML against the schemas and rules, offline",
  description: `Checks destination YAML against the JSON Schema and the semantic rules, offline: nothing is read from
Adobe, and every problem is shown at once, at its file:line:column.

With paths (folders or files), they are validated together as one sandbox (--sandbox, else $AEP_SANDBOX,
else prod). Without, every sandbox of the tool config is (--sandbox NAME: only that one).

--cache, for a pre-commit hook or an editor: a file whose path and content are those of the last --cache
run, checked by the same build of aep-gitops, is not checked again; its problems are shown as found then.`,
  options: [
    {
      name: "format",
      description: "output format (default text; JSON: docs/json-output.md)",
      choices: formatsFor("problems"),
    },
    "config",
    { name: "sandbox", description: "the sandbox to validate (with paths: the sandbox they belong to)" },
    "cache",
  ],
  exitCodes: [
    [0, "valid (warnings are printed but allowed)"],
    [1, "invalid, or a usage error"],
  ],
  env: ["AEP_SANDBOX"],
  nature: "reads only the YAML and never talks to Adobe",
  handle: lazyHandler(() => import("../handlers/validate.js")),
};
