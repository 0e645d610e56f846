// aep-gitops drift: the plan read as drift, with who changed what outside Git. Reports; with --write,
// also rewrites the YAML to keep what was changed in Adobe (never Adobe itself). Exit 0 no drift, 2
// drift (written or not), 1 error.
import { formatsFor } from "../../report/formats/names.js";
import { lazyHandler, type CommandSpec } from "../command.js";
import { ADOBE_ENV, COLOR_ENV } from "../help.js";
import { ADOBE_OPTIONS } from "../options.js";

export const driftCommand: CommandSpec = {
  name: "drift",
  args: "[dir...]",
  summary: "report changes made outside Git, with who made them (reads only)",
  description: `Compares the live destinations with the YAML and reports every difference, attributed to whoever made it
(Adobe's updatedBy / updatedClient / updatedAt), with Adobe's audit log of each drifted object since aep-gitops
last wrote it (who did what, when), and leads with each destination's health (as 'status' shows it).
A sandbox that refuses the runs or the audit log gets one note; the drift itself is still reported.
--destination reports only the matching destinations and their accounts. Changes nothing in Adobe.
--write keeps what was changed in Adobe: the YAML of each object changed outside Git is rewritten to
describe it, only the lines that drifted (comments, order and quoting kept; a credential never written:
a rotation is a note). YAML edits not yet applied, objects missing in Adobe, orphans and objects made
in Adobe's UI ('import' brings those in) are left as they are. With --destination, only the matching
destinations are written. Exits 2 all the same: the live state differed from the files the run read.`,
  options: [
    ...ADOBE_OPTIONS,
    "destination",
    { name: "format", description: "output format (default text)", choices: formatsFor("drift") },
    "secrets",
    "write",
  ],
  exitCodes: [
    [0, "no drift"],
    [1, "an error"],
    [2, "drift: the live destinations differ from the YAML"],
  ],
  env: [...ADOBE_ENV, "AEP_GITOPS_FINGERPRINT_KEY", "${env:NAME}", ...COLOR_ENV],
  nature: "only reports what differs and changes nothing in Adobe (--write edits local YAML files)",
  handle: lazyHandler(() => import("../handlers/drift.js")),
};
