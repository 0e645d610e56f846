// aep-gitops plan: what apply would do. Exit 0 when it planned (changes or not), as Terraform does;
// --detailed-exitcode: 2 when there are changes. 1 on an error or a refusal.
import { formatsFor } from "../../report/formats/names.js";
import { lazyHandler, type CommandSpec } from "../command.js";
import { ADOBE_ENV, COLOR_ENV } from "../help.js";
import { ADOBE_OPTIONS, SAFETY_OPTIONS } from "../options.js";

export const planCommand: CommandSpec = {
  name: "plan",
  args: "[dir...]",
  summary: "show what apply would change (reads only)",
  description: `Reads the live destinations (list calls only, nothing is changed) and shows what apply would do:
the Terraform-style summary, what data starts or stops leaving the company, and the exact calls (-v).
With dirs, they are one sandbox's YAML; without, every sandbox of the tool config. --destination plans only
the matching destinations, with the accounts and shared objects they need: a partial plan, which says so,
whose checksum binds the filter, and which never lists or prunes anything outside it.`,
  options: [
    ...ADOBE_OPTIONS,
    "destination",
    { name: "format", description: "output format (default text)", choices: formatsFor("plan") },
    "verbose",
    ...SAFETY_OPTIONS,
    "secrets",
    "detailedExitcode",
    {
      name: "out",
      description:
        "save the plan (its calls, and the etag of every object it writes) for 'aep-gitops apply FILE', which applies exactly it or refuses when anything it touches changed since",
    },
  ],
  exitCodes: [
    [0, "planned (with or without changes; with --detailed-exitcode: no changes)"],
    [1, "an error, invalid YAML, or a safety rail that apply would stop at"],
    [2, "with --detailed-exitcode only: the plan has changes"],
  ],
  env: [...ADOBE_ENV, "AEP_GITOPS_FINGERPRINT_KEY", "${env:NAME}", "AWS_ENDPOINT_URL_KINESIS", ...COLOR_ENV],
  nature: "only reads",
  handle: lazyHandler(() => import("../handlers/plan.js")),
};
