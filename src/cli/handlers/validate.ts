// What `aep-gitops validate` does (its declaration: commands/validate.ts).
import { checkConfiguration } from "../../app/configuration.js";
import { createOutput } from "../../app/output.js";
import { hasErrors } from "../../domain/checks/problems.js";
import { ToolConfigError } from "../../config/tool-config.js";
import type { Problem } from "../../domain/checks/problem.js";
import { ExitCode } from "../../errors.js";
import { chooseFormat } from "../../report/formats/names.js";
import { formatProblemsJson, formatProblemsText } from "../../report/problems/problems.js";
import type { Io } from "../../app/io.js";
import type { CheckCache } from "../../config/check-cache.js";
import type { CommandSpec } from "../command.js";

export const handle: CommandSpec["handle"] = async (args, options, io) => {
  const format = chooseFormat("problems", options.format);
  let problems: Problem[];
  let files: string[];
  const cache = options.cache ? await openCache(io) : undefined;
  try {
    const configuration = await checkConfiguration(
      { paths: args, config: options.config, sandbox: options.sandbox, toolConfigOnlyIfNamed: true, cache },
      io,
    );
    ({ problems, files } = configuration);
    cache?.save();
  } catch (error) {
    // An invalid tool config is a validation result too: shown in the requested format, exit 1.
    if (!(error instanceof ToolConfigError)) throw error;
    problems = error.problems;
    files = [...new Set(error.problems.map((p) => p.file))];
  }
  // The problems' renderers directly, not the format registry: validate runs in editors and pre-commit
  // hooks, where loading every other report's renderers would be most of its start-up.
  const render = format === "json" ? formatProblemsJson : formatProblemsText;
  // Through the output port, like every report: in a CI log no line of it may be a workflow command.
  createOutput(io).out(render(problems, io.cwd, { files }));
  return hasErrors(problems) ? ExitCode.error : ExitCode.ok;
};

/** The cache, or undefined with the reason on stderr: validate then checks every file, as without --cache. */
async function openCache(io: Io): Promise<CheckCache | undefined> {
  // Loaded only with --cache: hashing, the serializer and the cache's code are no other command's cost.
  const opened = (await import("../../app/check-cache-file.js")).openCheckCache(io.cwd);
  if ("cache" in opened) return opened.cache;
  io.stderr.write(`--cache: ${opened.unavailable}; checking every file.\n`);
  return undefined;
}
