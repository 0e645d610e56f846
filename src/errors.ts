// The error taxonomy, in one place. Every failure a user can cause or meet is one of these; the CLI and
// the Action map them to exit codes at a single boundary (src/cli/main.ts, src/action/main.ts).
// Anything else that escapes is a bug and is reported as such.

export const ExitCode = {
  ok: 0,
  /** An error: invalid config, refused plan, failed apply, unreachable API. */
  error: 1,
  /** Success, but the plan has changes (plan) or the live state has drifted (drift). */
  changes: 2,
} as const;

export type ErrorKind =
  | "usage" // the command line is wrong
  | "config" // the YAML or tool config is invalid
  | "auth" // IMS or gateway refused the credentials
  | "api" // Flow Service answered with an error we do not recover from
  | "network" // the API could not be reached after retries
  | "refused" // a safety rail stopped the run (threshold, empty set, checksum, ownership)
  | "partial"; // apply finished, but some items failed

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly hint: string | undefined;
  constructor(kind: ErrorKind, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.kind = kind;
    this.hint = options.hint;
  }
}

export function exitCodeFor(_error: AppError): number {
  return ExitCode.error;
}
