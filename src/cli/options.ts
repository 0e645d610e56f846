// The flags plan, apply and drift share (validate and import take a subset), parsed once.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { AppError } from "../errors.js";
import type { SecretsMode } from "../reconcile/secrets-needed.js";

export const COMMON_FLAGS = {
  config: { type: "string", short: "c" },
  sandbox: { type: "string", short: "s" },
  format: { type: "string", short: "f" },
  emulator: { type: "boolean" },
  trace: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsConfig["options"];

export const PLAN_FLAGS = {
  ...COMMON_FLAGS,
  prune: { type: "boolean" },
  force: { type: "boolean" },
  "allow-empty": { type: "boolean" },
  strict: { type: "boolean" },
  verbose: { type: "boolean", short: "v" },
} as const satisfies ParseArgsConfig["options"];

export function parseFlags<T extends NonNullable<ParseArgsConfig["options"]>>(
  argv: string[],
  options: T,
  usage: string,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new AppError("usage", (error as Error).message, { hint: usage.split("\n")[0] });
  }
}

/** `--secrets required|optional`: whether a plan may be made without the destination secrets. */
export const SECRETS_FLAG = { secrets: { type: "string" } } as const satisfies ParseArgsConfig["options"];

export function secretsMode(value: string | undefined): SecretsMode {
  if (value === undefined || value === "required" || value === "optional") return value ?? "required";
  throw new AppError("usage", `--secrets must be required or optional, not '${value}'.`);
}
