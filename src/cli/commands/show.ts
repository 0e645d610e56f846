// aep-gitops show: a plan saved by `plan --out FILE`, shown as plan showed it, from the file alone, as
// `terraform show` does. Nothing is read from Adobe or the YAML, so it needs no credential.
import { formatsFor } from "../../report/formats/names.js";
import { lazyHandler, type CommandSpec } from "../command.js";
import { COLOR_ENV } from "../help.js";

export const showCommand: CommandSpec = {
  name: "show",
  args: "<file>",
  summary: "show a plan saved by 'plan --out FILE' (reads only the file)",
  description: `Shows a plan saved by 'plan --out FILE' exactly as plan printed it, in the format asked for: what
'apply FILE' would do, for a reviewer, a pull request's comment (--format markdown) or a script
(--format json). It reads only the file: nothing from Adobe or the YAML, and no credential. A file edited
since it was saved is refused, as apply refuses it.`,
  options: [
    { name: "format", description: "output format (default text)", choices: formatsFor("plan") },
    { name: "verbose", description: "show every API call the plan makes, with its body" },
  ],
  exitCodes: [
    [0, "shown"],
    [1, "not a saved plan, unreadable, edited since it was saved, or a usage error"],
  ],
  env: [...COLOR_ENV],
  nature: "reads only a saved plan, never the YAML or Adobe",
  handle: lazyHandler(() => import("../handlers/show.js")),
};
