// The configuration of a command, loaded once: the tool config, then every chosen sandbox's YAML, validated
// (every problem at file:line:col, sorted, each once). The CLI prints the problems, the Action annotates
// them; both then plan from the same desired state without reading a file again.
import path from "node:path";
import { checkSandboxes, hasErrors, loadSandboxes, type LoadResult, type SandboxCheck } from "../config/load.js";
import { explainDefaultFolder } from "../config/tool-config.js";
import { sortProblems } from "../domain/checks/problems.js";
import { Repository } from "../config/repository.js";
import { loadToolConfig, type SandboxConfig, type ToolConfig } from "../config/tool-config.js";
import type { DesiredSandbox } from "../domain/state/desired.js";
import type { Problem } from "../domain/checks/problem.js";
import type { PolicySet } from "../domain/checks/policies.js";
import { applyGuardrailSeverity } from "../config/policies.js";
import { AppError } from "../errors.js";
import type { Io } from "./io.js";
import type { CheckCache } from "../config/check-cache.js";

export interface ConfigurationRequest {
  /** Folders or files given on the command line: together they are one sandbox. */
  paths: string[];
  /** The tool config file; without it, it is searched from the working directory up. */
  config?: string | undefined;
  sandbox?: string | undefined;
  /** Adobe's soft guardrails become errors. */
  strict?: boolean | undefined;
  /**
   * `validate` with paths reads no tool config unless one is named: it checks files, wherever they are.
   * Commands that talk to Adobe always read it, for the safety settings.
   */
  toolConfigOnlyIfNamed?: boolean;
  /** Checks of unchanged files come from here (`validate --cache`). */
  cache?: CheckCache | undefined;
  /**
   * The data policies to judge by, instead of the tool config's own (a pull request's plan: its base
   * branch's, src/app/base-policies.ts). The CLI has no base branch: it judges by the working tree's.
   */
  judgePolicies?: ((tool: ToolConfig) => Promise<PolicySet>) | undefined;
}

/** What a check of the configuration finds. */
export interface ConfigurationCheck {
  /** Every problem of every sandbox, sorted, each once (a file two sandboxes share is read once). */
  problems: Problem[];
  valid: boolean;
  /** Every YAML file read, once. */
  files: string[];
}

export interface Configuration extends ConfigurationCheck {
  /** With the policies that judge this command's plan (judgePolicies'). */
  tool: ToolConfig;
  /** The tool config's own policies, when judgePolicies replaced them: what a pull request proposes. */
  proposedPolicies?: PolicySet;
  sandboxes: LoadResult[];
  desired: DesiredSandbox[];
}

export async function loadConfiguration(request: ConfigurationRequest, io: Io): Promise<Configuration> {
  const { tool, requests, options, proposedPolicies } = await prepare(request, io);
  const sandboxes = await loadSandboxes(requests, options);
  const desired = sandboxes.map((l) => l.desired);
  return {
    tool,
    proposedPolicies,
    sandboxes,
    desired,
    ...(await summarize(tool, request, sandboxes, desired, io.cwd)),
  };
}

/**
 * The problems loadConfiguration finds, for `validate`, which reports nothing else: without a desired
 * state to build (unless a data policy reads one), no document's positions are read but a problem's.
 */
export async function checkConfiguration(request: ConfigurationRequest, io: Io): Promise<ConfigurationCheck> {
  const { tool, requests, options } = await prepare(request, io);
  if (tool.policies.length > 0) {
    const sandboxes = await loadSandboxes(requests, options);
    return summarize(
      tool,
      request,
      sandboxes,
      sandboxes.map((l) => l.desired),
      io.cwd,
    );
  }
  return summarize(tool, request, await checkSandboxes(requests, options), [], io.cwd);
}

async function prepare(request: ConfigurationRequest, io: Io) {
  // What may be read: the repository around the working folder. A path on the command line that leads
  // out of it is refused before anything (the tool config included) is read.
  const repository = Repository.around(io.cwd);
  for (const p of request.paths) repository.admit(p, p);
  const own = await loadToolConfig({
    cwd: io.cwd,
    env: io.env,
    repository,
    ...(request.config ? { configFile: request.config } : {}),
    ...(request.toolConfigOnlyIfNamed && request.paths.length > 0 && !request.config ? { skipSearch: true } : {}),
  });
  const judged = request.judgePolicies ? await request.judgePolicies(own) : undefined;
  // The base branch's rules judge (the Action, on a pull request): its policies, its guardrail
  // severities and the variables its credentials may name, whatever the pull request's config says.
  const tool: ToolConfig = judged ? withRules(own, judged) : own;
  const requests = chooseSandboxes(tool, request, io).map((s) => ({ sandbox: s.name, paths: s.paths }));
  const options = {
    repository,
    cache: request.cache,
    variablePrefixes: tool.variablePrefixes,
  };
  const proposed = judged && {
    policies: own.policies,
    guardrails: own.guardrails,
    variablePrefixes: own.variablePrefixes,
  };
  return { tool, requests, options, proposedPolicies: proposed };
}

function withRules(own: ToolConfig, judged: PolicySet): ToolConfig {
  const { variablePrefixes: _own, ...rest } = own;
  return {
    ...rest,
    policies: judged.policies,
    guardrails: judged.guardrails,
    variablePrefixes: judged.variablePrefixes,
  };
}

/** Every sandbox's problems, with Adobe's guardrails at the tool config's severity, and the data policies'. */
async function summarize(
  tool: ToolConfig,
  request: ConfigurationRequest,
  sandboxes: SandboxCheck[],
  desired: DesiredSandbox[],
  cwd: string,
): Promise<ConfigurationCheck> {
  // Loaded only when there are policies: their glob matcher is a start-up cost validate need not pay.
  const policies = tool.policies.length > 0 ? await import("../domain/checks/policies.js") : undefined;
  // Adobe's guardrails at the severity the tool config gives them (--strict: errors), then the data
  // policies that need nothing but the YAML (the rest is checked by plan, against the sandbox).
  const problems = sortProblems([
    ...applyGuardrailSeverity(
      sandboxes.flatMap((l) => l.problems),
      tool.guardrails,
    ).map((p) => (request.strict && p.rule.startsWith("guardrail-") ? { ...p, severity: "error" as const } : p)),
    ...(policies ? desired.flatMap((d) => policies.policyProblems(d, tool.policies, "offline")) : []),
  ]);
  return {
    // A default folder that is not there says where it was looked for, and how to name another.
    problems: request.paths.length === 0 ? explainDefaultFolder(problems, tool, cwd) : problems,
    valid: !hasErrors(problems),
    files: [...new Set(sandboxes.flatMap((l) => l.files))].sort(),
  };
}

/** Stops the command when the YAML is invalid: nothing may be read from or sent to Adobe then. */
export function assertValid(configuration: Configuration): void {
  if (configuration.valid) return;
  throw new AppError("config", "The configuration is invalid; nothing was read from or sent to Adobe.", {
    hint: "Fix the problems at the lines shown (aep-gitops validate lists them).",
    problems: configuration.problems,
  });
}

function chooseSandboxes(tool: ToolConfig, request: ConfigurationRequest, io: Io): SandboxConfig[] {
  if (request.paths.length > 0) {
    // --sandbox, else $AEP_SANDBOX (never silently the first configured sandbox when the environment
    // names another one), else the first configured sandbox.
    const name = request.sandbox ?? (io.env.AEP_SANDBOX || tool.sandboxes[0]?.name || "prod");
    return [{ name, paths: request.paths.map((p) => path.resolve(io.cwd, p)) }];
  }
  if (!request.sandbox) return tool.sandboxes;
  const chosen = tool.sandboxes.filter((s) => s.name === request.sandbox);
  if (chosen.length > 0) return chosen;
  const known = tool.sandboxes.map((s) => s.name).join(", ");
  throw new AppError("usage", `sandbox '${request.sandbox}' is not configured (configured: ${known})`, {
    hint: tool.configFile
      ? `sandboxes are listed in ${path.relative(io.cwd, tool.configFile) || tool.configFile}`
      : "without a config file the only sandbox is $AEP_SANDBOX or prod",
  });
}
