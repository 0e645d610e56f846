// aep-gitops status: is data flowing? Each destination's verdict from Adobe's dataflow runs of the last
// 24 hours. Exit 0 when none needs attention, 2 when one is failing or silent, 1 on an error.
import { formatsFor } from "../../report/formats/names.js";
import { lazyHandler, type CommandSpec } from "../command.js";
import { ADOBE_ENV, COLOR_ENV } from "../help.js";
import { ADOBE_OPTIONS } from "../options.js";

export const statusCommand: CommandSpec = {
  name: "status",
  args: "[dir...]",
  summary: "show whether data is flowing to each destination (reads only)",
  description: `Reads Adobe's dataflow runs (hourly windows) of the last 24 hours for every destination in the YAML
and gives each a verdict: failing (the latest window failed or had failed identities), silent (enabled,
but no window for over 150 minutes: Adobe's own delay alert), starting, not running (disabled, or no
audience), or healthy; with the profiles received, the identities activated / excluded / failed, and
Adobe's top error codes. Changes nothing.`,
  options: [
    ...ADOBE_OPTIONS,
    { name: "format", description: "output format (default text)", choices: formatsFor("status") },
    "destination",
  ],
  exitCodes: [
    [0, "no destination needs attention"],
    [1, "an error"],
    [2, "a destination is failing or silent"],
  ],
  env: [...ADOBE_ENV, ...COLOR_ENV],
  nature: "only reads",
  handle: lazyHandler(() => import("../handlers/status.js")),
};
