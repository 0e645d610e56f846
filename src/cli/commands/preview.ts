// aep-gitops preview: one sample record per destination, exactly as its Kinesis stream or event hub
// receives it (Adobe's documented export format). Reads the audiences and the Profile union schema only.
// Exit 0 when it previewed, 1 on an error.
import { formatsFor } from "../../report/formats/names.js";
import { lazyHandler, type CommandSpec } from "../command.js";
import { ADOBE_ENV } from "../help.js";
import { ADOBE_OPTIONS } from "../options.js";

export const previewCommand: CommandSpec = {
  name: "preview",
  args: "[dir...]",
  summary: "show one sample record per destination, as Kinesis or Event Hubs receive it",
  description: `Prints, per destination, one sample profile exactly as Amazon Kinesis or Azure Event Hubs would receive
it, in Adobe's documented export format: the selected attributes nested by their XDM paths (sample values
of each field's type in the sandbox's Profile union schema), segmentMembership with the mapped audiences
(names and timestamps when the target includes them), and identityMap. Ends with what Adobe documents
that no sample can show. Reads the sandbox's audiences and Profile union schema; no dataflow is read.
With dirs, they are one sandbox's YAML; without, every sandbox of the tool config.`,
  options: [
    ...ADOBE_OPTIONS,
    "destination",
    { name: "format", description: "output format (default text)", choices: formatsFor("preview") },
  ],
  exitCodes: [
    [0, "previewed"],
    [1, "an error: invalid YAML, an audience or attribute the sandbox lacks, an unknown --destination"],
  ],
  env: [...ADOBE_ENV],
  nature: "only shows sample records",
  handle: lazyHandler(() => import("../handlers/preview.js")),
};
