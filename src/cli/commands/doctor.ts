// aep-gitops doctor: checks what a run against a real sandbox needs, one by one, each with ✓/✗ and a
// hint. Reads only. Exit 0 when every check passes, 1 otherwise.
import { openAdobe } from "../../app/adobe.js";
import { runDoctor } from "../../app/doctor.js";
import { createOutput } from "../../app/output.js";
import { loadToolConfig } from "../../config/tool-config.js";
import { ExitCode } from "../../errors.js";
import { chooseFormat, render } from "../../report/formats/index.js";
import type { Command } from "../command.js";
import { COMMON_FLAGS, parseFlags } from "../options.js";

const USAGE = `usage: aep-gitops doctor [--sandbox NAME] [--config FILE] [--format text|json] [--emulator] [--trace FILE]

Checks, with the credentials in the environment: the IMS login, the org, the sandbox, read access to
flows, connections, target connections and audiences (a 403 names the missing AEP permission), the
Kinesis and Event Hubs connection specs and the flow spec, this machine's clock against Adobe's, and how
many destinations are managed. Writes nothing. Exit codes: 0 every check passed, 1 otherwise.`;

export const doctorCommand: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, COMMON_FLAGS, USAGE);
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return ExitCode.ok;
  }
  const format = chooseFormat("doctor", values.format);
  const sandboxes = values.sandbox
    ? [values.sandbox]
    : positionals.length > 0
      ? [io.env.AEP_SANDBOX || "prod"]
      : (
          await loadToolConfig({ cwd: io.cwd, env: io.env, ...(values.config ? { configFile: values.config } : {}) })
        ).sandboxes.map((s) => s.name);
  const output = createOutput(io);
  const adobe = await openAdobe(values, io, output);
  try {
    const reports = [];
    for (const sandbox of sandboxes) reports.push(await runDoctor(adobe, sandbox));
    output.out(render("doctor", format, reports));
    return reports.every((r) => r.ok) ? ExitCode.ok : ExitCode.error;
  } finally {
    await adobe.close();
  }
};
