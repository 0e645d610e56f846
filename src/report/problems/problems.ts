// How problems are shown: text for people (one line each, like a compiler, so editors and terminals can
// jump to file:line:col) and JSON for machines (a documented, versioned shape; see docs/design.md).
import path from "node:path";
import type { Problem } from "../../domain/checks/problem.js";
import { sortProblems } from "../../domain/checks/problems.js";
import { printable } from "../escape/terminal.js";

export interface FormatOptions {
  /** Every file that was checked; the summary counts them (default: the files that have problems). */
  files?: string[];
}

/**
 * `path:line:col  severity  rule-id  message`, an indented `hint: …` line where there is one, sorted by
 * place, then `N errors, M warnings in K files`. Messages quote values from the YAML and the tool config:
 * each is one printable line, so a value can never clear or rewrite a terminal, reorder what a reviewer
 * reads, or start a line of its own.
 */
export function formatProblemsText(problems: Problem[], cwd: string, options: FormatOptions = {}): string {
  const lines: string[] = [];
  for (const p of sortProblems(problems)) {
    lines.push(
      `${printable(display(p.file, cwd))}:${p.line}:${p.column}  ${p.severity}  ${p.rule}  ${printable(p.message)}`,
    );
    if (p.hint) lines.push(`    hint: ${printable(p.hint)}`);
  }
  lines.push(summaryLine(problems, options));
  return `${lines.join("\n")}\n`;
}

export const VALIDATE_JSON_FORMAT = "aep-gitops.validate/v1";

/** One problem as JSON, in a fixed key order (the output diffs cleanly between commands). */
export interface ProblemJson {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: Problem["severity"];
  message: string;
  hint?: string;
  /** For rule `policy`: which policy. */
  policy?: string;
}

/** The JSON shape of `validate --format json` (schemas/output/validate.schema.json, docs/json-output.md). */
export interface ProblemsJson {
  format: typeof VALIDATE_JSON_FORMAT;
  valid: boolean;
  summary: { errors: number; warnings: number; files: number };
  problems: ProblemJson[];
  files: string[];
}

export function problemsJson(problems: Problem[], cwd: string | undefined): ProblemJson[] {
  return sortProblems(problems).map((p) => ({
    file: display(p.file, cwd),
    line: p.line,
    column: p.column,
    rule: p.rule,
    severity: p.severity,
    message: p.message,
    hint: p.hint,
    policy: p.policy,
  }));
}

/** Where a YAML document is, as JSON: its file relative to cwd. */
export function locationJson(source: { file: string; line: number; column: number }, cwd: string | undefined) {
  return { file: display(source.file, cwd), line: source.line, column: source.column };
}

export function formatProblemsJson(problems: Problem[], cwd: string, options: FormatOptions = {}): string {
  const sorted = sortProblems(problems);
  const counts = count(sorted);
  const files = (options.files ?? filesOf(sorted)).map((file) => display(file, cwd)).sort();
  const json: ProblemsJson = {
    format: VALIDATE_JSON_FORMAT,
    valid: counts.errors === 0,
    summary: { ...counts, files: files.length },
    problems: problemsJson(sorted, cwd),
    files,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** `destinations/a.yaml:3:5 error duplicate-name: …`: one line per problem, for comments and summaries. */
export function problemLines(problems: Problem[], cwd: string): string[] {
  return problems.map((p) => `${display(p.file, cwd)}:${p.line}:${p.column} ${p.severity} ${p.rule}: ${p.message}`);
}

export function summaryLine(problems: Problem[], options: FormatOptions = {}): string {
  const { errors, warnings } = count(sortProblems(problems));
  const files = options.files?.length ?? filesOf(problems).length;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(files, "file")}`;
}

function count(problems: Problem[]): { errors: number; warnings: number } {
  const errors = problems.filter((p) => p.severity === "error").length;
  return { errors, warnings: problems.length - errors };
}

function filesOf(problems: Problem[]): string[] {
  return [...new Set(problems.map((p) => p.file))];
}

/** Relative to cwd with forward slashes: stable across machines and operating systems. */
function display(file: string, cwd: string | undefined): string {
  // Without a folder to be relative to, the path as it was found (a pure renderer knows no cwd).
  return (cwd === undefined ? file : path.relative(cwd, file) || ".").split(path.sep).join("/");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
