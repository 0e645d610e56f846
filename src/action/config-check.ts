// Validation as data, for every job: the configuration is loaded once (app/configuration.ts), each
// problem becomes an annotation at its file:line:col (GitHub shows it on the PR's diff), and every value
// the YAML's credentials refer to is masked before anything else is printed. Nothing talks to Adobe or
// GitHub here (but `judgePolicies`, which the plan job passes in to read the base branch's policies);
// the job then opens its workspace from this same configuration.
import path from "node:path";
import { loadConfiguration, type Configuration, type ConfigurationRequest } from "../app/configuration.js";
import { secretValues } from "../app/workspace.js";
import { ToolConfigError } from "../config/tool-config.js";
import type { Problem } from "../domain/checks/problem.js";
import { annotationText } from "../github/workflow-commands.js";
import type { JobContext } from "./job-context.js";

export type ConfigCheck =
  | { configuration: Configuration; problems: Problem[]; valid: boolean; fileCount: number }
  | {
      configuration?: undefined;
      problems: Problem[];
      valid: false;
      fileCount: 0;
    };

export async function checkConfig(
  ctx: JobContext,
  judgePolicies?: ConfigurationRequest["judgePolicies"],
): Promise<ConfigCheck> {
  let configuration: Configuration;
  try {
    configuration = await loadConfiguration(
      { paths: [], config: ctx.inputs.config, sandbox: ctx.inputs.sandbox, judgePolicies },
      ctx.io,
    );
  } catch (error) {
    if (!(error instanceof ToolConfigError)) throw error;
    annotate(ctx, error.problems);
    return { problems: error.problems, valid: false, fileCount: 0 };
  }
  ctx.log.mask(
    secretValues(
      configuration.desired.flatMap((d) => d.accounts),
      ctx.env,
    ),
  );
  annotate(ctx, configuration.problems);
  return {
    configuration,
    problems: configuration.problems,
    valid: configuration.valid,
    fileCount: configuration.files.length,
  };
}

export function annotate(ctx: JobContext, problems: Problem[]): void {
  for (const p of problems) {
    ctx.log.annotate({
      level: p.severity === "error" ? "error" : "warning",
      file: path.relative(ctx.runner.workspace, p.file) || p.file,
      line: p.line,
      col: p.column,
      title: `aep-gitops: ${p.rule}`,
      message: annotationText(p.message, p.hint && `hint: ${p.hint}`),
    });
  }
}
