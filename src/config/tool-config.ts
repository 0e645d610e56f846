// The tool configuration: which folders hold each sandbox's YAML and the safety settings of plan and
// apply. Validated against schemas/tool-config.schema.json; any problem stops the run with every
// problem listed at file:line:col (a ToolConfigError, which `validate` can also print as JSON).
import path from "node:path";
import type { Policy } from "../domain/checks/policies.js";
import type { MarketingActionDefaults } from "../domain/checks/marketing-actions.js";
import type { Problem } from "../domain/checks/problem.js";
import type { GuardrailSeverity } from "../domain/checks/policies.js";
import { policyGlobProblems, readPolicies } from "./policies.js";
import { AppError } from "../errors.js";
import { problem, sortProblems } from "../domain/checks/problems.js";
import { toolConfigSchema, toolConfigValidator } from "./schema.js";
import { schemaProblems } from "./schema-errors.js";
import { Repository } from "./repository.js";
import { findConfigFile, readConfigFile, SEARCH_PLACES, type ConfigFile } from "./tool-config-file.js";
import type { AepGitopsToolConfig } from "./types.generated.js";

export interface SandboxConfig {
  name: string;
  /** Absolute folders (or files). */
  paths: string[];
}

export interface ToolConfig {
  configFile?: string;
  /** The folder sandbox paths are relative to: the config file's folder, or cwd without one. */
  root: string;
  /** The folder read because nothing named one (no config, or one without `sandboxes`): absolute. */
  defaultFolder?: string;
  /** Where the config was looked for and not found (absolute, nearest first); absent when named or found. */
  searched?: string[];
  sandboxes: SandboxConfig[];
  prune: boolean;
  maxChangePercent: number;
  minResourcesForThreshold: number;
  allowEmpty: boolean;
  /** optional: apply goes on without the sandbox lock when Adobe refuses its write; required: it refuses. */
  lock: "optional" | "required";
  /** `credentials.variablePrefixes`: a credential's variable must start with one of these. */
  variablePrefixes?: string[];
  /** `audit.self`: the audit log's users that are this tool (lower-cased); empty: known by request id. */
  auditSelf: string[];
  /** Data policies (src/domain/checks/policies.ts), and the severities the config gives Adobe's guardrails. */
  policies: Policy[];
  guardrails: GuardrailSeverity;
  /** `marketingActions`: the marketing actions of destinations whose YAML declares none, by type or `all`. */
  marketingActions: MarketingActionDefaults;
}

export class ToolConfigError extends AppError {
  declare readonly problems: Problem[];
  constructor(problems: Problem[], cwd: string) {
    const lines = problems.map((p) => `  ${path.relative(cwd, p.file) || p.file}:${p.line}:${p.column}  ${p.message}`);
    super("config", `invalid aep-gitops config:\n${lines.join("\n")}`, {
      hint: "the config's fields are described in schemas/tool-config.schema.json",
      problems,
    });
  }
}

/** Defaults come from the schema, the one place they are written. */
const DEFAULTS = {
  prune: toolConfigSchema.properties.prune.default,
  maxChangePercent: toolConfigSchema.properties.maxChangePercent.default,
  minResourcesForThreshold: toolConfigSchema.properties.minResourcesForThreshold.default,
  allowEmpty: toolConfigSchema.properties.allowEmpty.default,
  lock: toolConfigSchema.properties.lock.default as "optional" | "required",
};
const DEFAULT_FOLDER = "destinations";
const DEFAULT_SANDBOX = "prod";

export async function loadToolConfig(opts: {
  cwd: string;
  env: Record<string, string | undefined>;
  configFile?: string;
  /** Use the defaults without looking for a config file (validate with paths, no --config). */
  skipSearch?: boolean;
  /** What may be read (default: the repository around cwd): the config and its sandboxes' folders. */
  repository?: Repository;
}): Promise<ToolConfig> {
  const repository = opts.repository ?? Repository.around(opts.cwd);
  const found = opts.configFile
    ? await readConfigFile(path.resolve(opts.cwd, opts.configFile), { repository, shown: opts.configFile })
    : opts.skipSearch
      ? undefined
      : await findConfigFile(repository);
  const root = found ? path.dirname(found.file) : path.resolve(opts.cwd);
  const raw = (found?.config ?? {}) as AepGitopsToolConfig;
  if (found) {
    const problems = validate(found, raw, root, repository);
    if (problems.length > 0) throw new ToolConfigError(sortProblems(problems), opts.cwd);
  }
  const defaultSandbox = { [opts.env.AEP_SANDBOX || DEFAULT_SANDBOX]: DEFAULT_FOLDER };
  const config: ToolConfig = {
    root,
    sandboxes: Object.entries(raw.sandboxes ?? defaultSandbox).map(([name, paths]) => ({
      name,
      paths: toList(paths).map((p) => path.resolve(root, p)),
    })),
    prune: raw.prune ?? DEFAULTS.prune,
    maxChangePercent: raw.maxChangePercent ?? DEFAULTS.maxChangePercent,
    minResourcesForThreshold: raw.minResourcesForThreshold ?? DEFAULTS.minResourcesForThreshold,
    allowEmpty: raw.allowEmpty ?? DEFAULTS.allowEmpty,
    lock: raw.lock ?? DEFAULTS.lock,
    auditSelf: (raw.audit?.self ?? []).map((user) => user.toLowerCase()),
    ...readPolicies(raw.policies, found?.locator),
    marketingActions: Object.fromEntries(
      Object.entries(raw.marketingActions ?? {}).map(([key, refs]) => [
        key,
        (refs ?? []).map((ref, index) => ({
          ref,
          source: found?.locator.at(["marketingActions", key, index]) ?? { file: root, line: 1, column: 1 },
        })),
      ]),
    ),
  };
  if (raw.credentials?.variablePrefixes) config.variablePrefixes = raw.credentials.variablePrefixes;
  if (found) config.configFile = found.file;
  // Kept to explain a default folder that is not there (default-folder.ts): where it was, where the config was not.
  if (!raw.sandboxes) config.defaultFolder = path.resolve(root, DEFAULT_FOLDER);
  if (!found && !opts.skipSearch) config.searched = repository.foldersUp();
  return config;
}

function validate(found: ConfigFile, raw: unknown, root: string, repository: Repository): Problem[] {
  const validator = toolConfigValidator();
  if (!validator(raw ?? {})) {
    return schemaProblems(validator.errors ?? [], {
      locator: found.locator,
      rule: "tool-config",
      definitions: toolConfigSchema.definitions,
    });
  }
  // A glob the matcher refuses (too long or complex to match safely, or another dialect's syntax).
  const problems: Problem[] = policyGlobProblems((raw as AepGitopsToolConfig).policies, found.locator);
  // A configured folder that does not exist is a typo until proven otherwise; one that leads out of
  // the repository is refused before anything in it is read (repository.ts).
  for (const [name, paths] of Object.entries((raw as AepGitopsToolConfig).sandboxes ?? {})) {
    toList(paths).forEach((p, index) => {
      const where = repository.locate(path.resolve(root, p));
      if (where === "inside") return;
      const at = found.locator.at(Array.isArray(paths) ? ["sandboxes", name, index] : ["sandboxes", name]);
      if (where === "missing")
        problems.push(
          problem(at, "tool-config", `folder '${p}' of sandbox '${name}' does not exist (relative to ${root})`),
        );
      else {
        const { message, hint } = repository.refusalText(where, p);
        problems.push(problem(at, "tool-config", `${message}: sandbox '${name}' cannot read it`, { hint }));
      }
    });
  }
  return problems;
}

function toList(paths: string | string[]): string[] {
  return Array.isArray(paths) ? paths : [paths];
}

// When nothing names the YAML's folder (no path on the command line, no tool config, or one without
// `sandboxes`), the default `destinations/` is read; run from a subfolder, or from the wrong repository,
// that folder is not there. "destinations:1:1 no such file or folder" then leaves a newcomer guessing,
// so the problem says where it looked (the folder, and the folders searched for a config) and the ways
// to point elsewhere: a path argument, --config, or `sandboxes` in the tool config.
/** `problems` with the default folder's path-not-found explained; every other problem as it was. */
export function explainDefaultFolder(problems: Problem[], tool: ToolConfig, cwd: string): Problem[] {
  const folder = tool.defaultFolder;
  if (folder === undefined) return problems;
  return problems.map((p) =>
    p.rule === "path-not-found" && p.file === folder ? { ...p, ...explanation(tool, folder, cwd) } : p,
  );
}

function explanation(tool: ToolConfig, folder: string, cwd: string): Pick<Problem, "message" | "hint"> {
  const shown = (file: string) => path.relative(cwd, file) || ".";
  const name = path.basename(folder);
  if (tool.configFile) {
    const config = shown(tool.configFile);
    return {
      message: `no folder '${shown(folder)}': ${config} lists no sandboxes, so the default '${name}' beside it was read`,
      hint: `list each sandbox's folders in ${config} (sandboxes: { prod: [path/to/yaml] }), or name the folder on the command line (aep-gitops validate path/to/yaml)`,
    };
  }
  const folders = (tool.searched ?? [cwd]).map(shown);
  const searched = folders.length > 1 ? `${folders.slice(0, -1).join(", ")} and ${folders.at(-1)!}` : folders[0]!;
  return {
    message: `no folder '${shown(folder)}', and no aep-gitops config to name another: looked for ${SEARCH_PLACES[0]} (and the other config names) in ${searched} (from here up to the repository root)`,
    hint: `name the folder on the command line (aep-gitops validate path/to/yaml), pass --config path/to/${SEARCH_PLACES[0]}, or write one at the repository root with sandboxes: { prod: [path/to/yaml] }`,
  };
}
