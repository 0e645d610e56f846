// aep-gitops validate: checks destination YAML offline (schema and semantic rules; nothing is read from
// Adobe) and prints every problem at once. Exit 0 valid (warnings allowed), 1 invalid.
import path from "node:path";
import { parseArgs } from "node:util";
import { formatProblemsJson, formatProblemsText } from "../../config/format-problems.js";
import { hasErrors, loadDesired } from "../../config/load.js";
import { loadToolConfig, ToolConfigError, type SandboxConfig } from "../../config/tool-config.js";
import type { Problem } from "../../domain/problem.js";
import { AppError, ExitCode } from "../../errors.js";
import type { CliContext, Command } from "../context.js";

const USAGE = `usage: aep-gitops validate [dir|file...] [--format text|json] [--config FILE] [--sandbox NAME]

Checks destination YAML against the JSON Schema and the semantic rules, offline: nothing is read from Adobe.
  With paths: validates them together as one sandbox (--sandbox, else $AEP_SANDBOX, else prod).
  Without:    validates every sandbox of the tool config (--sandbox NAME: only that one).

  -f, --format text|json   output format (default text); JSON is documented in docs/design.md
  -c, --config FILE        the tool config file (default: searched from the current folder up to the repository root)
  -s, --sandbox NAME       the sandbox to validate
  -h, --help               show this help

Exit codes: 0 valid (warnings are printed but allowed), 1 invalid.`;

const FLAGS = {
  format: { type: "string", short: "f" },
  config: { type: "string", short: "c" },
  sandbox: { type: "string", short: "s" },
  help: { type: "boolean", short: "h" },
} as const;

type Format = "text" | "json";

export const validateCommand: Command = async (argv, ctx) => {
  const { values, positionals } = parse(argv);
  if (values.help) {
    ctx.stdout.write(`${USAGE}\n`);
    return ExitCode.ok;
  }
  const format = formatOf(values.format);
  const problems: Problem[] = [];
  const files = new Set<string>();
  try {
    for (const sandbox of await sandboxesToValidate(positionals, values, ctx)) {
      const result = await loadDesired(sandbox.name, sandbox.paths);
      problems.push(...result.problems);
      result.files.forEach((file) => files.add(file));
    }
  } catch (error) {
    // An invalid tool config is a validation result too: shown in the requested format, exit 1.
    if (!(error instanceof ToolConfigError)) throw error;
    problems.push(...error.problems);
    error.problems.forEach((p) => files.add(p.file));
  }
  const render = format === "json" ? formatProblemsJson : formatProblemsText;
  ctx.stdout.write(render(problems, ctx.cwd, { files: [...files] }));
  return hasErrors(problems) ? ExitCode.error : ExitCode.ok;
};

async function sandboxesToValidate(
  positionals: string[],
  values: { config?: string | undefined; sandbox?: string | undefined },
  ctx: CliContext,
): Promise<SandboxConfig[]> {
  const options = { cwd: ctx.cwd, env: ctx.env, ...(values.config ? { configFile: values.config } : {}) };
  if (positionals.length > 0) {
    // Paths given: they are the sandbox. The config is only read (and so checked) when named with --config.
    if (values.config) await loadToolConfig(options);
    const name = values.sandbox ?? (ctx.env.AEP_SANDBOX || "prod");
    return [{ name, paths: positionals.map((p) => path.resolve(ctx.cwd, p)) }];
  }
  const tool = await loadToolConfig(options);
  if (!values.sandbox) return tool.sandboxes;
  const chosen = tool.sandboxes.filter((s) => s.name === values.sandbox);
  if (chosen.length === 0) {
    const known = tool.sandboxes.map((s) => s.name).join(", ");
    throw new AppError("usage", `sandbox '${values.sandbox}' is not configured (configured: ${known})`, {
      hint: tool.configFile
        ? `sandboxes are listed in ${path.relative(ctx.cwd, tool.configFile)}`
        : "without a config file the only sandbox is $AEP_SANDBOX or prod",
    });
  }
  return chosen;
}

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new AppError("usage", (error as Error).message, { hint: USAGE.split("\n")[0] });
  }
}

function formatOf(value: string | undefined): Format {
  if (value === undefined || value === "text" || value === "json") return value ?? "text";
  throw new AppError("usage", `--format must be text or json, not '${value}'`);
}
