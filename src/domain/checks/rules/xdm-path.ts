// xdm-path: a profile attribute is a dotted XDM path (person.lastName, _tenant.field). The pattern lives
// in the schema; this rule explains the common ways a path goes wrong and how to write it instead.
import type { SourceLocation } from "../../state/desired.js";
import type { Problem } from "../problem.js";
import { problem } from "../problems.js";

export function xdmPathProblem(value: string, at: SourceLocation): Problem {
  return problem(at, "xdm-path", `'${value}' is not an XDM path`, { hint: hintFor(value) });
}

function hintFor(value: string): string {
  const dotted = value
    .trim()
    .replace(/^xdm:/, "")
    .replace(/^\/+|\/+$/g, "")
    .replace(/\//g, ".");
  if (/[[\]]/.test(value))
    return "Adobe exports no array items (only whole fields); select the field that holds the array";
  if (dotted !== value && /^_?[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(dotted))
    return `write it as ${dotted}`;
  if (/^\.|\.$|\.\./.test(value)) return "remove the empty segment: paths have no leading, trailing or doubled dots";
  return "segments start with a letter (the tenant segment with _) and hold letters, digits and _, e.g. person.lastName";
}
