// The command's warnings in a plan's markdown (the PR comment, the job summary, `plan --format markdown`):
// what apply will need (a destination secret this plan ran without), Adobe's soft guardrails, a folder
// without YAML. As annotations alone they are easy to miss (GitHub shows ten per step, none on a file
// the pull request does not touch), and the reviewer reads the comment. Every message quotes the YAML,
// so each goes through md(); the list is bounded (count and length) so it never crowds out the plan.
import path from "node:path";
import { sortProblems } from "../../domain/checks/problems.js";
import type { Problem } from "../../domain/checks/problem.js";
import { code, md } from "../escape/markdown.js";

/** At most this many are listed; the rest are counted, and are in the workflow run's log as annotations. */
export const MAX_WARNINGS_SHOWN = 20;
/** A message or hint longer than this (in characters) is cut: a warning is a line, not a document. */
const MAX_TEXT = 300;

/** The warnings among `problems`, as a quoted alert; nothing when there is none. */
export function warningsSection(problems: readonly Problem[], cwd: string | undefined): string[] {
  const warnings = sortProblems(problems.filter((p) => p.severity === "warning"));
  if (warnings.length === 0) return [];
  const shown = warnings.slice(0, MAX_WARNINGS_SHOWN);
  const count = warnings.length === 1 ? "1 warning" : `${warnings.length} warnings`;
  const lines = ["> [!WARNING]", `> **${count}** (each is also annotated at its line in the workflow run):`, ">"];
  for (const p of shown) {
    lines.push(`> - ${code(`${where(p.file, cwd)}:${p.line}:${p.column}`)} ${code(p.rule)}: ${md(cut(p.message))}`);
    if (p.hint) lines.push(`>   - Hint: ${md(cut(p.hint))}`);
  }
  const more = warnings.length - shown.length;
  if (more > 0) lines.push(`> - … and ${more} more, in the workflow run's log.`);
  return lines;
}

/** Relative to the workspace with forward slashes, as the annotations name files. */
function where(file: string, cwd: string | undefined): string {
  return (cwd === undefined ? file : path.relative(cwd, file) || file).split(path.sep).join("/");
}

/** At a code point, never inside a surrogate pair, with an ellipsis saying something was left out. */
function cut(text: string): string {
  const chars = Array.from(text);
  return chars.length <= MAX_TEXT ? text : `${chars.slice(0, MAX_TEXT - 1).join("")}…`;
}
