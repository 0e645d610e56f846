// aep-gitops doctor: checks what a run against a real sandbox needs, one by one, each with ✓/✗ and a
// hint. Reads only. Exit 0 when every check passes, 1 otherwise.
import { openAdobe } from "../../app/adobe.js";
import { runDoctor } from "../../app/doctor.js";
import { createOutput } from "../../app/output.js";
import { loadToolConfig } from "../../config/tool-config.js";
import { ExitCode } from "../../errors.js";
import { chooseFormat, formatsFor, render } from "../../report/formats/index.js";
import type { CommandSpec } from "../command.js";
import { ADOBE_ENV, COLOR_ENV } from "../help.js";

export const doctorCommand: CommandSpec = {
  name: "doctor",
  summary: "check the credentials, sandbox and permissions a run against Adobe needs",
  description: `Checks, with the credentials in the environment: the IMS login, the org, the sandbox, read access to
flows, connections, target connections and audiences (a 403 names the missing AEP permission), the
Kinesis and Event Hubs connection specs and the flow spec, this machine's clock against Adobe's, and how
many destinations are managed. Writes nothing.`,
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
  env: [...ADOBE_ENV, ...COLOR_ENV],
  nature: "only checks access to Adobe",
  async run(_args, options, io) {
    const format = chooseFormat("doctor", options.format);
    const sandboxes = options.sandbox
      ? [options.sandbox]
      : (
          await loadToolConfig({ cwd: io.cwd, env: io.env, ...(options.config ? { configFile: options.config } : {}) })
        ).sandboxes.map((s) => s.name);
    const output = createOutput(io);
    const adobe = await openAdobe(options, io, output);
    try {
      const reports = [];
      for (const sandbox of sandboxes) reports.push(await runDoctor(adobe, sandbox));
      output.out(render("doctor", format, reports));
      return reports.every((r) => r.ok) ? ExitCode.ok : ExitCode.error;
    } finally {
      await adobe.close();
    }
  },
};
