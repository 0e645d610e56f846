// aep-gitops doctor: checks what an apply against a real sandbox needs, one by one, each with ✓/✗ and a
// hint. Reads only. Exit 0 when every check passes, 1 otherwise.
import { formatsFor } from "../../report/formats/names.js";
import { lazyHandler, type CommandSpec } from "../command.js";
import { ADOBE_ENV, COLOR_ENV } from "../help.js";

export const doctorCommand: CommandSpec = {
  name: "doctor",
  summary: "check the credentials, sandbox and permissions a run against Adobe needs",
  description: `Checks, with the credentials in the environment: the IMS login, the org, the sandbox, read access to
flows, connections, target connections and audiences (a 403 names the missing AEP permission), the
Kinesis and Event Hubs connection specs and the flow spec, this machine's clock against Adobe's, how
many destinations are managed, and whether each Kinesis stream the YAML names exists (with its account's
credentials, and its open shard count where the account may read it). Writes nothing.`,
  options: [
    {
      name: "sandbox",
      description: "the sandbox to check (default: every sandbox of the tool config, else $AEP_SANDBOX, else prod)",
    },
    "config",
    { name: "format", description: "output format (default text)", choices: formatsFor("doctor") },
    "emulator",
    "trace",
  ],
  exitCodes: [
    [0, "every check passed"],
    [1, "a check failed, or an error"],
  ],
  env: [...ADOBE_ENV, "${env:NAME}", "AWS_ENDPOINT_URL_KINESIS", ...COLOR_ENV],
  nature: "only checks access to Adobe",
  handle: lazyHandler(() => import("../handlers/doctor.js")),
};
