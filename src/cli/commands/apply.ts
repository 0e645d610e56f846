// aep-gitops apply: re-read live, re-plan, (confirm on a TTY), execute. Exit 0 when every item
// succeeded, 1 when anything failed or a safety rail refused; applying again converges either way.
import { formatsFor } from "../../report/formats/names.js";
import { lazyHandler, type CommandSpec } from "../command.js";
import { ADOBE_ENV, COLOR_ENV } from "../help.js";
import { ADOBE_OPTIONS, SAFETY_OPTIONS } from "../options.js";

export const applyCommand: CommandSpec = {
  name: "apply",
  args: "[path...]",
  summary: "make the live destinations match the YAML (or apply a saved plan FILE)",
  description: `Reads the live destinations, plans, and makes them match the YAML (paths: folders of one sandbox's YAML, or one plan FILE). On a terminal it shows the plan and
asks first (--yes skips that); elsewhere it refuses unless --yes is given. Given a FILE saved by
'plan --out FILE', it applies exactly that plan, and refuses with no write at all when an object the plan
touches changed since it was saved (safety options were decided by that plan and are refused here).
--destination applies only the matching destinations, as 'plan --destination' shows them.`,
  options: [
    ...ADOBE_OPTIONS,
    "destination",
    "yes",
    "expectChecksum",
    {
      name: "format",
      description:
        "output format (default text); jsonl: JSON lines as apply goes, one per request to Adobe sent and answered and per item done, then the summary",
      choices: formatsFor("apply"),
    },
    "verbose",
    ...SAFETY_OPTIONS,
  ],
  exitCodes: [
    [0, "applied (or nothing to do)"],
    [1, "an error, a refusal, or a partial failure (run apply again: it converges)"],
  ],
  env: [
    ...ADOBE_ENV,
    "AEP_GITOPS_FINGERPRINT_KEY",
    "AEP_GITOPS_LOCK_TTL_SECONDS",
    "AEP_GITOPS_LOCK_WAIT_SECONDS",
    "AEP_GITOPS_PROGRESS_SECONDS",
    "${env:NAME}",
    "AWS_ENDPOINT_URL_KINESIS",
    ...COLOR_ENV,
  ],
  nature: "makes the live destinations match the YAML",
  handle: lazyHandler(() => import("../handlers/apply.js")),
};
