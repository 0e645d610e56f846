// The data policies a pull request is judged by: its base branch's, read at the base commit (through
// GitHub's contents API, src/action/policy-judge.ts) and parsed by the same code as the working tree's:
// the config loader, the tool config's schema, the glob checks, readPolicies. A PR that edits the
// policies cannot loosen what judges it; its own apply once merged, and the plan comment shows the
// change. The base's config is looked for where the PR's is, then where the PR moved it from, then
// where the search would find one; a base without any has no policies (the empty set judges).
import path from "node:path";
import type { PolicySet } from "../domain/checks/policies.js";
import { policyGlobProblems, readPolicies } from "../config/policies.js";
import { toolConfigSchema, toolConfigValidator } from "../config/schema.js";
import { schemaProblems } from "../config/schema-errors.js";
import { parseConfigText, SEARCH_PLACES, type ConfigFile } from "../config/tool-config-file.js";
import type { AepGitopsToolConfig } from "../config/types.generated.js";
import { AppError } from "../errors.js";

/** The base commit's files, by repository-relative path ('/'-separated). */
export interface BaseFiles {
  /** Short name of the base commit, for messages. */
  label: string;
  /** The file's text at the base commit; undefined when it has none there. */
  read(file: string): Promise<string | undefined>;
  /** The names of the files in a folder at the base commit. */
  filesIn(folder: string): Promise<string[]>;
  /** The path the pull request moved `file` from, if it did. */
  movedFrom(file: string): Promise<string | undefined>;
}

export interface BasePolicies extends PolicySet {
  /** The base's tool config (repository-relative), undefined when the base has none. */
  file?: string;
}

/**
 * `configFile`: the PR's tool config, repository-relative (undefined: it has none). `root`: the
 * checkout, where a policy's place (for hints) is said to be.
 */
export async function readBasePolicies(
  configFile: string | undefined,
  root: string,
  base: BaseFiles,
): Promise<BasePolicies> {
  const tried = new Set<string>();
  const candidates = async function* () {
    if (configFile !== undefined) {
      yield configFile;
      const moved = await base.movedFrom(configFile);
      if (moved !== undefined) yield moved;
    }
    // Where the search would find one: one listing per folder, not a read per name.
    for (const folder of new Set([...(configFile ? [path.posix.dirname(configFile)] : []), "."])) {
      const names = new Set(await base.filesIn(folder));
      for (const place of SEARCH_PLACES.filter((p) => names.has(p))) yield path.posix.join(folder, place);
    }
  };
  for await (const file of candidates()) {
    if (tried.has(file)) continue;
    tried.add(file);
    const text = await base.read(file);
    if (text === undefined) continue;
    const found = parse(file, text, base.label);
    if (found) return { ...policiesOf(found, file, root, base.label), file };
  }
  return { policies: [], guardrails: {} };
}

/** The config as the loader reads a file of that name (undefined: a package.json without our key). */
function parse(file: string, text: string, label: string): ConfigFile | undefined {
  try {
    return parseConfigText(file, text, `${file} at ${label}`);
  } catch (error) {
    throw new AppError(
      "config",
      `The tool config on the base branch (${file} at ${label}) cannot be read: ${message(error)}`,
      {
        hint: "The data policies that judge a pull request are the base branch's: fix the config there first.",
        cause: error,
      },
    );
  }
}

/**
 * Only `policies` and `credentials` (the variables a credential may name) matter here: the rest of the
 * base's config (its folders) is not this commit's.
 */
function policiesOf(found: ConfigFile, file: string, root: string, label: string): PolicySet {
  const config = (found.config ?? {}) as AepGitopsToolConfig;
  const raw = config.policies;
  // Each place is said to be the config's path in the checkout (its lines are the base's).
  const at = path.join(root, file);
  const validator = toolConfigValidator();
  const judged = {
    ...(raw === undefined ? {} : { policies: raw }),
    ...(config.credentials === undefined ? {} : { credentials: config.credentials }),
  };
  const problems = !validator(judged)
    ? schemaProblems(validator.errors ?? [], {
        locator: found.locator,
        rule: "tool-config",
        definitions: toolConfigSchema.definitions,
      })
    : policyGlobProblems(raw, found.locator);
  if (problems.length > 0) {
    const lines = problems.map((p) => `  ${file}:${p.line}:${p.column}  ${p.message}`);
    throw new AppError(
      "config",
      `The data policies on the base branch (${file} at ${label}) are invalid:\n${lines.join("\n")}`,
      {
        hint: "The data policies that judge a pull request are the base branch's: fix them there first.",
        problems: problems.map((p) => ({ ...p, file: at })),
      },
    );
  }
  const read = readPolicies(raw, found.locator);
  const prefixes = config.credentials?.variablePrefixes;
  return {
    ...read,
    policies: read.policies.map((p) => (p.source ? { ...p, source: { ...p.source, file: at } } : p)),
    ...(prefixes ? { variablePrefixes: prefixes } : {}),
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
