// Every option of the CLI, declared once. A command lists the ones it takes (src/cli/commands/*); the
// program (src/cli/program.ts) gives each one its help line there, and rejects the others with a
// sentence saying which commands do take them. Names are commander's camelCase attribute names.
import { AppError } from "../errors.js";
import type { SecretsMode } from "../reconcile/secrets-needed.js";

export interface OptionSpec {
  /** commander's flags: short and long form, and the value's placeholder. */
  flags: string;
  description: string;
  /** The only values accepted (checked by commander, listed in the help). */
  choices?: readonly string[];
  /** Given more than once, every value counts (the command gets them as an array, in order). */
  repeatable?: true;
}

export const OPTIONS = {
  config: {
    flags: "-c, --config <file>",
    description:
      "the tool config (default: aep-gitops.config.yaml and friends, searched from here up to the repository root)",
  },
  sandbox: {
    flags: "-s, --sandbox <name>",
    description:
      "only this sandbox; with dirs, the sandbox they belong to (default $AEP_SANDBOX, else the first in the tool config, else prod)",
  },
  format: { flags: "-f, --format <format>", description: "output format" },
  emulator: {
    flags: "--emulator",
    description: "run against the embedded Flow Service emulator (state in .aep-gitops/); nothing is sent to Adobe",
  },
  trace: {
    flags: "--trace <file>",
    description:
      "write every request to Adobe and IMS, with its answer, to FILE as HAR 1.2; tokens, secrets and credentials are REDACTED",
  },
  prune: {
    flags: "--prune",
    description: "delete managed destinations and accounts whose YAML is gone (default: leave them, as orphans)",
  },
  force: {
    flags: "--force",
    description: "go past the change threshold (maxChangePercent in the tool config)",
  },
  allowEmpty: {
    flags: "--allow-empty",
    description: "allow a plan when a sandbox has no YAML at all (it would otherwise refuse to touch anything)",
  },
  strict: { flags: "--strict", description: "Adobe's soft guardrails (e.g. over 100 destinations) become errors" },
  verbose: { flags: "-v, --verbose", description: "show every API call with its body" },
  secrets: {
    flags: "--secrets <mode>",
    description:
      "optional: plan without the destination secrets (a pull request's plan); a variable not set is a warning, the checksum the same",
    choices: ["required", "optional"],
  },
  detailedExitcode: {
    flags: "--detailed-exitcode",
    description: "exit 2 when the plan has changes (0 only when it has none), as Terraform's flag does",
  },
  out: { flags: "-o, --out <path>", description: "where to write" },
  yes: { flags: "-y, --yes", description: "apply without asking (required where there is no terminal to ask on)" },
  expectChecksum: {
    flags: "--expect-checksum <sha>",
    description: "refuse, with no write, unless the fresh plan has this checksum (the one reviewed)",
  },
  destination: {
    flags: "-d, --destination <name>",
    description:
      "only the destinations matching NAME: a YAML name, its ref (flow/NAME), or a glob (* ? {a,b}); repeatable",
    repeatable: true,
  },
  run: {
    flags: "--run <id>",
    description: "release the lock only if this run holds it (the run id a waiting apply names)",
  },
  match: { flags: "--match <glob>", description: "only names matching GLOB (* any run of characters, ? one)" },
  port: { flags: "--port <n>", description: "port to listen on; 0 picks a free one" },
  host: { flags: "--host <host>", description: "interface to bind" },
  state: { flags: "--state <file>", description: "load the store from FILE at start and save it after every change" },
  cache: {
    flags: "--cache",
    description: "take the checks of files unchanged since the last --cache run (kept per user in the OS temp folder)",
  },
  write: {
    flags: "--write",
    description:
      "rewrite the YAML of what was changed outside Git so it describes Adobe's live state (only the drifted lines; never a secret)",
  },
  color: { flags: "--no-color", description: "no ANSI colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)" },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;

/** What commander hands a command: every option any command has, each absent unless given. */
export interface CliOptions {
  cache?: boolean;
  config?: string;
  sandbox?: string;
  format?: string;
  emulator?: boolean;
  trace?: string;
  prune?: boolean;
  force?: boolean;
  allowEmpty?: boolean;
  strict?: boolean;
  verbose?: boolean;
  secrets?: string;
  detailedExitcode?: boolean;
  out?: string;
  yes?: boolean;
  expectChecksum?: string;
  destination?: string[];
  run?: string;
  match?: string;
  port?: string;
  host?: string;
  state?: string;
  color?: boolean;
  write?: boolean;
}

/** The options every command that talks to Adobe takes. */
export const ADOBE_OPTIONS = ["config", "sandbox", "emulator", "trace"] as const satisfies readonly OptionName[];
/** The safety options plan and apply share. */
export const SAFETY_OPTIONS = ["prune", "force", "allowEmpty", "strict"] as const satisfies readonly OptionName[];

/** The long flag of an option, as a person types it. */
export function longFlag(name: OptionName): string {
  return /--[\w-]+/.exec(OPTIONS[name].flags)![0];
}

export function secretsMode(value: string | undefined): SecretsMode {
  if (value === undefined || value === "required" || value === "optional") return value ?? "required";
  throw new AppError("usage", `--secrets must be required or optional, not '${value}'.`);
}
