// What `aep-gitops doctor` does (its declaration: commands/doctor.ts).
import { openAdobe } from "../../app/adobe.js";
import { runDoctor } from "../../app/doctor.js";
import { createOutput } from "../../app/output.js";
import { loadToolConfig } from "../../config/tool-config.js";
import { ExitCode } from "../../errors.js";
import { chooseFormat, render } from "../../report/formats/index.js";
import type { CommandSpec } from "../command.js";

export const run: CommandSpec["run"] = async (_args, options, io) => {
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
};
