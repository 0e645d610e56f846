// duplicate-name: names are identities, so two accounts (or two destinations) with one name in a sandbox
// would fight over one live object. Every occurrence is reported, each pointing at the others.
import type { Problem } from "../problem.js";
import type { CheckedDocument } from "../document.js";
import { problem } from "../problems.js";
import { where, type RuleContext } from "./rule.js";

export function duplicateNames(context: RuleContext): Problem[] {
  const groups = new Map<string, CheckedDocument[]>();
  for (const doc of context.documents) {
    if (doc.name === undefined) continue;
    const key = `${doc.kind}\u0000${doc.name}`;
    groups.set(key, [...(groups.get(key) ?? []), doc]);
  }
  const problems: Problem[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const doc of group) {
      const others = group
        .filter((other) => other !== doc)
        .map((other) => where(context, doc.file, other.locator.at(["name"])));
      const message = `${doc.kind.toLowerCase()} '${doc.name}' is also defined at ${others.join(", ")}`;
      problems.push(
        problem(doc.locator.at(["name"]), "duplicate-name", message, {
          hint: `names identify ${doc.kind.toLowerCase()}s within a sandbox: rename or remove one`,
        }),
      );
    }
  }
  return problems;
}
