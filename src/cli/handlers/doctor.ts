// What `aep-gitops doctor` does (its declaration: commands/doctor.ts).
import { openAdobe, type Adobe } from "../../app/adobe.js";
import { loadConfiguration } from "../../app/configuration.js";
import { streamDoctorChecks } from "../../app/doctor-streams.js";
import type { Io } from "../../app/io.js";
import { secretValues } from "../../app/workspace.js";
import { streamChecks } from "../../app/streams.js";
import { runDoctor } from "../../app/doctor.js";
import { createOutput, type Output } from "../../app/output.js";
import { loadToolConfig } from "../../config/tool-config.js";
import { ExitCode } from "../../errors.js";
import { chooseFormat, render } from "../../report/formats/index.js";
import type { CommandSpec } from "../command.js";

export const handle: CommandSpec["handle"] = async (_args, options, io) => {
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
    const yaml = await streamsOf(options, io, output, adobe);
    for (const sandbox of sandboxes) {
      const report = await runDoctor(adobe, sandbox);
      const desired = yaml?.desired.find((d) => d.sandbox === sandbox);
      const streams = desired ? await streamDoctorChecks(streamChecks(adobe), desired, adobe.env) : [];
      reports.push({ ...report, ok: report.ok && streams.every((c) => c.ok), checks: [...report.checks, ...streams] });
    }
    output.out(render("doctor", format, reports));
    return reports.every((r) => r.ok) ? ExitCode.ok : ExitCode.error;
  } finally {
    await adobe.close();
  }
};

/**
 * The YAML, read only for the streams its destinations write to: a YAML with problems (validate lists
 * them) or none at all leaves the streams unchecked, and doctor's other checks as they are.
 */
async function streamsOf(options: Parameters<CommandSpec["handle"]>[1], io: Io, output: Output, adobe: Adobe) {
  const configuration = await loadConfiguration(
    { paths: [], config: options.config, sandbox: options.sandbox },
    io,
  ).catch(() => undefined);
  if (!configuration?.valid) return undefined;
  // The credentials are masked before anything can print them.
  output.addSecrets(
    secretValues(
      configuration.desired.flatMap((d) => d.accounts),
      adobe.env,
    ),
  );
  return configuration;
}
