// What the fuzz specs ask of every problem and every CLI run on bad input: a place, a known rule and a
// short message; a handled exit, JSON that parses, no raw control or bidi character, no minute-long run.
import { RULES, type Problem } from "../../../src/domain/checks/problem.js";
import { unhandled, type TimedRun } from "./runs.js";

/** Raw terminal control (escape sequences, NUL, …) and bidi overrides: output must never carry them. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

/** A clear error: where (a real line and column), which rule, and a short message that echoes no megabytes. */
export function unclear(p: Problem): string | undefined {
  if (!(p.line >= 1 && p.column >= 1)) return `no position: ${p.line}:${p.column}`;
  if (!(p.rule in RULES)) return `unknown rule ${p.rule}`;
  if (!p.message || p.message.length > 600 || /undefined|\[object /.test(p.message))
    return `unclear message: ${p.message.slice(0, 120)}`;
  return undefined;
}

/** What every CLI run on bad input must look like: a handled exit, readable output, no secret. */
export function cleanRun(run: TimedRun): string[] {
  const problems: string[] = [];
  const bug = unhandled(run);
  if (bug) problems.push(`${run.args.join(" ")}: ${bug}`);
  // JSON output is for machines: JSON escapes control characters itself, and must parse.
  const json = run.args.includes("json");
  if (json && run.stdout.trim() && !parses(run.stdout)) problems.push(`${run.args.join(" ")}: output is not JSON`);
  if (UNSAFE.test(json ? run.stderr : run.stdout + run.stderr))
    problems.push(`${run.args.join(" ")}: raw control or bidi characters in the output`);
  if (run.ms > 20_000) problems.push(`${run.args.join(" ")}: took ${run.ms} ms`);
  return problems;
}

export function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
