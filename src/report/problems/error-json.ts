// A failed command as JSON, on stdout, when --format json was asked for: a script reads one document
// whatever happened. The problems that stopped a command (invalid YAML, audiences the sandbox lacks) are in
// it, at their file:line:col.
import type { ErrorDescription } from "../../errors.js";
import { problemsJson } from "./problems.js";

export const ERROR_JSON_FORMAT = "aep-gitops.error/v1";

export function renderErrorJson(
  command: string,
  error: ErrorDescription,
  cwd: string,
  /** The last line of a JSON-lines stream (apply --format jsonl): the same document, unindented. */
  options: { oneLine?: boolean } = {},
): string {
  const doc = {
    format: ERROR_JSON_FORMAT,
    command,
    error: {
      kind: error.kind,
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
      ...(error.requestId ? { requestId: error.requestId } : {}),
    },
    problems: problemsJson([...(error.problems ?? [])], cwd),
  };
  return `${options.oneLine ? JSON.stringify(doc) : JSON.stringify(doc, null, 2)}\n`;
}
