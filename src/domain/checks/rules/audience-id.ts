// audience-id: an audience id must be the lower-case UUID Adobe shows. The pattern lives in the schema
// (so editors flag it too); this rule words the problem and suggests the likely fix.
import type { SourceLocation } from "../../state/desired.js";
import type { Problem } from "../problem.js";
import { problem } from "../problems.js";

const UUID_ANY_CASE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function audienceIdProblem(value: string, at: SourceLocation): Problem {
  return problem(at, "audience-id", `'${value}' is not an audience id: ids are lower-case UUIDs`, {
    hint: hintFor(value),
  });
}

function hintFor(value: string): string {
  const trimmed = value.trim().replace(/^\{(.*)\}$/, "$1");
  if (UUID_ANY_CASE.test(trimmed)) return `write it as ${trimmed.toLowerCase()}`;
  if (/\s/.test(value) || !/\d/.test(value)) return `to select the audience by its name, write name: ${value}`;
  return "copy the id from the audience's page in Experience Platform, e.g. 72ddd79b-6b0a-4e97-a8d2-112ccd81bd02";
}
