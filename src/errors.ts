// The error taxonomy, in one place. Every failure a user can cause or meet is an AppError of one of
// these kinds; the CLI (src/cli/boundary.ts) and the Action (src/action/run-action.ts) each have one
// boundary that turns it into ExitCode.error and a message with describeError. Anything else that
// escapes is a bug, and is reported as one.

import type { Problem } from "./domain/checks/problem.js";

export const ExitCode = {
  ok: 0,
  /**
   * An error of any kind exits 1, as Terraform and octoDNS do: a CI step tests for non-zero, and 2 is
   * reserved for "the plan has changes" / "drift". The kind decides everything else at the boundary: the
   * message's prefix, whether a stack is printed, the `kind` of a JSON error, the Action's annotation title.
   */
  error: 1,
  /** Success, but the plan has changes (plan) or the live state has drifted (drift). */
  changes: 2,
} as const;

export type ErrorKind =
  | "usage" // the command line (or the Action's inputs) is wrong: nothing was read or sent
  | "config" // the YAML, the tool config or the environment it names is invalid: nothing was sent
  | "refused" // a safety rail stopped the command (threshold, empty set, checksum, ownership, lock)
  | "partial" // apply finished, but some items failed; applying again converges
  | "adobe" // Adobe (IMS, the gateway, Flow Service) refused or could not be reached
  | "github" // the GitHub API refused or could not be reached (the Action only)
  | "bug"; // an internal error: never expected, always reported with its stack

/** How each kind is introduced to a person: what happened, in a few words. */
const PREFIX: Record<ErrorKind, string> = {
  usage: "usage error",
  config: "invalid configuration",
  refused: "refused",
  partial: "partly applied",
  adobe: "Adobe error",
  github: "GitHub error",
  bug: "internal error (a bug, please report it)",
};

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly hint: string | undefined;
  /** Adobe's request id, when Adobe answered: it identifies the request for Adobe support. */
  readonly requestId: string | undefined;
  /** The problems in the YAML that stopped the command (config errors): a JSON error carries them. */
  readonly problems: readonly Problem[];
  constructor(
    kind: ErrorKind,
    message: string,
    options: {
      hint?: string | undefined;
      cause?: unknown;
      requestId?: string | undefined;
      problems?: readonly Problem[];
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.kind = kind;
    this.hint = options.hint;
    this.requestId = options.requestId;
    this.problems = options.problems ?? [];
  }
}

/**
 * Thrown by the executor's guard before a write once an interrupt (Ctrl-C, a cancelled job) was
 * received: the change was not started. Never reaches a boundary: apply reports it per item.
 */
export class InterruptedError extends Error {
  constructor() {
    super("not started: the run was interrupted");
    this.name = "InterruptedError";
  }
}

export function kindOf(error: unknown): ErrorKind {
  return error instanceof AppError ? error.kind : "bug";
}

export interface ErrorDescription {
  kind: ErrorKind;
  /** The kind in words ("refused", "Adobe error", …). */
  title: string;
  message: string;
  hint?: string;
  requestId?: string;
  problems?: readonly Problem[];
  /** Bugs only: where it happened, for the report a user files. */
  stack?: string;
}

/** What a boundary shows for any error: a known one in plain words, anything else as a bug. */
export function describeError(error: unknown): ErrorDescription {
  const kind = kindOf(error);
  const message = error instanceof Error ? error.message : String(error);
  const description: ErrorDescription = { kind, title: PREFIX[kind], message };
  if (error instanceof AppError) {
    if (error.hint) description.hint = error.hint;
    if (error.requestId) description.requestId = error.requestId;
    if (error.problems.length > 0) description.problems = error.problems;
  } else {
    description.stack = error instanceof Error && error.stack ? error.stack : message;
  }
  return description;
}
