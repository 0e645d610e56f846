// The shape every command that talks to Adobe shares: load the configuration once (its problems shown;
// nothing is read from Adobe while an error stands), open the workspace (Adobe's client, or the
// embedded emulator with --emulator), call the command's body, and always close it however that ends.
import { assertValid, loadConfiguration } from "../app/configuration.js";
import type { Io } from "../app/io.js";
import { createOutput, type Output } from "../app/output.js";
import { openWorkspace, type Workspace } from "../app/workspace.js";
import { hasErrors } from "../domain/checks/problems.js";
import type { Problem } from "../domain/checks/problem.js";
import { AppError } from "../errors.js";
import { formatProblemsText } from "../report/problems/problems.js";
import type { CommandSpec } from "./command.js";
import type { CliOptions } from "./options.js";

export function workspaceCommand(
  body: (ws: Workspace, options: CliOptions, output: Output, io: Io) => Promise<number>,
  /** Checks that need no file and no Adobe (consent), made before anything is read. */
  preflight?: (options: CliOptions, io: Io) => void,
): CommandSpec["handle"] {
  return async (args, options, io) => {
    preflight?.(options, io);
    const output = createOutput(io);
    const configuration = await loadConfiguration(
      { paths: args, config: options.config, sandbox: options.sandbox, strict: options.strict },
      io,
    );
    if (options.format !== "json") showProblems(configuration.problems, io, output);
    assertValid(configuration);
    const ws = await openWorkspace(configuration, options, io, output);
    try {
      return await body(ws, options, output, io);
    } finally {
      await ws.close();
    }
  };
}

/**
 * The problems a plan found against the sandbox (unknown audiences, specs, secrets): on stderr as text,
 * so stdout stays the report alone, or left to the JSON document; an error among them stops the command.
 */
export function stopOnProblems(problems: Problem[], options: CliOptions, io: Io, output: Output): void {
  if (options.format !== "json") showProblems(problems, io, output);
  if (!hasErrors(problems)) return;
  const errors = problems.filter((p) => p.severity === "error");
  // Every error a data policy: the YAML is well-formed, the company's rules refuse what it exports.
  if (errors.every((p) => p.rule === "policy"))
    throw new AppError(
      "refused",
      `A data policy refuses what this YAML exports (${[...new Set(errors.map((p) => p.policy))].join(", ")}); nothing was changed.`,
      {
        hint: "Change the YAML at the lines shown, or the policy in the tool config if it is the policy that is wrong.",
        problems,
      },
    );
  throw new AppError("config", "The YAML does not match the sandbox (see the problems); nothing was changed.", {
    hint: "Fix the problems at the lines shown and run again.",
    problems,
  });
}

/** The command's warnings, for a JSON report: the configuration's and the plan's. */
export function warningsOf(ws: Workspace, problems: Problem[]): Problem[] {
  return [...ws.configuration.problems, ...problems];
}

function showProblems(problems: Problem[], io: Io, output: Output): void {
  if (problems.length > 0) output.err(formatProblemsText(problems, io.cwd));
}
