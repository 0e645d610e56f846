// Helpers shared by every rule: building problems, ordering them, and telling whether any blocks a plan.
import type { SourceLocation } from "../state/desired.js";
import type { Problem, RuleId } from "./problem.js";

export function problem(
  at: SourceLocation,
  rule: RuleId,
  message: string,
  options: { severity?: Problem["severity"]; hint?: string | undefined } = {},
): Problem {
  const result: Problem = {
    file: at.file,
    line: at.line,
    column: at.column,
    rule,
    severity: options.severity ?? "error",
    message,
  };
  if (options.hint !== undefined) result.hint = options.hint;
  return result;
}

/** Errors block planning; warnings (Adobe's soft guardrails, an empty folder) are only shown. */
export function hasErrors(problems: Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}

/** File, line, column, then rule and message, so output is stable whatever order rules ran in. */
export function compareProblems(a: Problem, b: Problem): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.rule, b.rule) ||
    compareStrings(a.message, b.message)
  );
}

/** Sorted, without exact repeats (a file shared by two sandboxes is checked twice). */
export function sortProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return [...problems].sort(compareProblems).filter((p) => {
    const key = JSON.stringify([p.file, p.line, p.column, p.rule, p.severity, p.message, p.hint]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
