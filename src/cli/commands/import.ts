// aep-gitops import: YAML for destinations that already exist in a sandbox (made in Adobe's UI), so
// they come under Git without being recreated. The next plan shows only "adopt" changes.
import { lazyHandler, type CommandSpec } from "../command.js";
import { ADOBE_ENV } from "../help.js";

export const importCommand: CommandSpec = {
  name: "import",
  summary: "write YAML for destinations that already exist in a sandbox",
  description: `Reads the sandbox's Amazon Kinesis and Azure Event Hubs destinations that aep-gitops does not manage yet
and writes one YAML file per destination and per account into DIR. Credentials become \${env:NAME}
references (the names are listed); no secret is ever written. The next plan adopts them: it only marks
them as managed, nothing is recreated and no data is re-exported.`,
  options: [
    { name: "sandbox", description: "the sandbox to import from (default $AEP_SANDBOX, else prod)" },
    { name: "out", description: "the folder to write the YAML into (required)" },
    { name: "match", description: "only destinations whose name matches GLOB (* any run of characters, ? one)" },
    { name: "force", description: "overwrite files that already exist" },
    "emulator",
    "trace",
  ],
  exitCodes: [
    [0, "written; the next plan only adopts (marks) them"],
    [1, "an error (nothing is written when a file would be overwritten without --force)"],
  ],
  env: [...ADOBE_ENV],
  nature: "only writes YAML for what already exists",
  handle: lazyHandler(() => import("../handlers/import.js")),
};
