// Validation as data: the tool config and every sandbox's YAML are loaded with the config layer's own
// functions, each problem becomes an annotation at its file:line:col (GitHub shows it on the PR's
// diff), and the jobs get the problems to put in the comment. Nothing talks to Adobe or GitHub here.
import path from "node:path";
import type { Problem } from "../domain/problem.js";
import { hasErrors, loadDesired, type LoadResult } from "../config/load.js";
import { loadToolConfig, ToolConfigError, type ToolConfig } from "../config/tool-config.js";
import { AppError } from "../errors.js";
import type { JobContext } from "./job-context.js";

export interface ConfigCheck {
  tool?: ToolConfig;
  loaded: LoadResult[];
  problems: Problem[];
  valid: boolean;
  /** How many YAML files were read. */
  fileCount: number;
}

export async function checkConfig(ctx: JobContext): Promise<ConfigCheck> {
  const { inputs, runner } = ctx;
  let tool: ToolConfig;
  try {
    tool = await loadToolConfig({
      cwd: runner.workspace,
      env: ctx.env,
      ...(inputs.config ? { configFile: inputs.config } : {}),
    });
  } catch (error) {
    if (!(error instanceof ToolConfigError)) throw error;
    annotate(ctx, error.problems);
    return { loaded: [], problems: error.problems, valid: false, fileCount: 0 };
  }
  const sandboxes = inputs.sandbox ? tool.sandboxes.filter((s) => s.name === inputs.sandbox) : tool.sandboxes;
  if (sandboxes.length === 0) {
    throw new AppError(
      "usage",
      `Sandbox '${inputs.sandbox}' is not in the tool config (${tool.configFile ? path.relative(runner.workspace, tool.configFile) : "defaults"}).`,
      {
        hint: `Set the 'sandbox' input to one of: ${tool.sandboxes.map((s) => s.name).join(", ")}.`,
      },
    );
  }
  const loaded = await Promise.all(sandboxes.map((s) => loadDesired(s.name, s.paths)));
  // A file shared by two sandboxes reports its problems twice; one annotation each is enough.
  const seen = new Set<string>();
  const problems = loaded
    .flatMap((l) => l.problems)
    .filter((p) => {
      const key = JSON.stringify(p);
      return seen.has(key) ? false : (seen.add(key), true);
    });
  // Values the YAML's credentials reference are secrets whatever their field: masked before any output.
  ctx.log.mask(
    loaded.flatMap((l) =>
      l.desired.accounts.flatMap((a) =>
        Object.values(a.credentials).map((v) => ("env" in v ? ctx.env[v.env] : undefined)),
      ),
    ),
  );
  annotate(ctx, problems);
  return {
    tool,
    loaded,
    problems,
    valid: !hasErrors(problems),
    fileCount: new Set(loaded.flatMap((l) => l.files)).size,
  };
}

function annotate(ctx: JobContext, problems: Problem[]): void {
  for (const p of problems) {
    ctx.log.annotate({
      level: p.severity === "error" ? "error" : "warning",
      file: path.relative(ctx.runner.workspace, p.file) || p.file,
      line: p.line,
      col: p.column,
      title: `aep-gitops: ${p.rule}`,
      message: p.hint ? `${p.message}\nhint: ${p.hint}` : p.message,
    });
  }
}

/** `destinations/a.yaml:3:5 error duplicate-name: …` lines, for comments and summaries. */
export function problemLines(problems: Problem[], workspace: string): string[] {
  return problems.map(
    (p) => `${path.relative(workspace, p.file) || p.file}:${p.line}:${p.column} ${p.severity} ${p.rule}: ${p.message}`,
  );
}
