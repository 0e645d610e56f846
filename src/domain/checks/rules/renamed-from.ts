// renamed-from: `renamedFrom` names the previous identity of an account or destination, to rename the
// live objects in place. If that name is still declared, the two documents would fight over one live
// object; if two documents claim the same previous name, only one can have it.
import type { Problem } from "../problem.js";
import type { CheckedDocument } from "../document.js";
import { problem } from "../problems.js";
import { text, where, type RuleContext } from "./rule.js";

export function renamedFrom(context: RuleContext): Problem[] {
  const problems: Problem[] = [];
  const claimed = new Map<string, CheckedDocument>();
  for (const doc of context.documents) {
    const previous = text(doc.value.renamedFrom);
    if (previous === undefined || doc.name === undefined) continue;
    const kind = doc.kind.toLowerCase();
    const at = doc.locator.at(["renamedFrom"]);
    if (previous === doc.name) {
      problems.push(
        problem(at, "renamed-from", `${kind} '${doc.name}' is renamed from itself`, { hint: "remove renamedFrom" }),
      );
      continue;
    }
    const declared = context.documents.find((other) => other.kind === doc.kind && other.name === previous);
    if (declared) {
      problems.push(
        problem(
          at,
          "renamed-from",
          `${kind} '${doc.name}' is renamed from '${previous}', which is still declared (${where(context, doc.file, declared.locator.at(["name"]))})`,
          { hint: `remove the document of '${previous}' (the rename replaces it), or remove renamedFrom to keep both` },
        ),
      );
      continue;
    }
    const key = `${doc.kind}\u0000${previous}`;
    const first = claimed.get(key);
    if (first) {
      problems.push(
        problem(
          at,
          "renamed-from",
          `'${previous}' is already renamed to '${first.name}' (${where(context, doc.file, first.locator.at(["renamedFrom"]))})`,
          {
            hint: "one live object can take only one new name",
          },
        ),
      );
      continue;
    }
    claimed.set(key, doc);
  }
  return problems;
}
