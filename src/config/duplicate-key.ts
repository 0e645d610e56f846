// duplicate-key: YAML keeps the last of two equal keys, so a duplicated `audiences:` would silently drop
// the first list. The yaml parser flags it; this names the key and where it first appeared.
import { isMap, isScalar, visit, type Document, type YAMLError } from "yaml";
import type { Problem } from "../domain/checks/problem.js";
import type { SourceLocation } from "../domain/state/desired.js";
import { problem } from "../domain/checks/problems.js";

export function duplicateKeyProblem(
  doc: Document,
  error: YAMLError,
  position: (offset: number) => SourceLocation,
): Problem {
  const at = position(error.pos[0]);
  const first = firstOccurrence(doc, error.pos[0]);
  if (!first) return problem(at, "duplicate-key", "duplicate key in this mapping");
  const earlier = position(first.offset);
  return problem(at, "duplicate-key", `duplicate key '${first.key}' (first set at line ${earlier.line})`, {
    hint: "YAML keeps only the last value of a repeated key; merge the two or remove one",
  });
}

/** Finds the mapping holding the repeated key at `offset` and the earlier key with the same value. */
function firstOccurrence(doc: Document, offset: number): { key: string; offset: number } | undefined {
  let found: { key: string; offset: number } | undefined;
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return;
      const repeated = map.items.find((pair) => isScalar(pair.key) && pair.key.range?.[0] === offset);
      if (!repeated || !isScalar(repeated.key)) return;
      const key = String(repeated.key.value);
      const first = map.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key);
      if (first && isScalar(first.key)) found = { key, offset: first.key.range?.[0] ?? offset };
      return visit.BREAK;
    },
  });
  return found;
}
