// duplicate-attribute: profile attributes are matched by path, so a path listed twice is a mistake
// (XDM paths are case-sensitive: person.lastName and person.lastname are different fields).
import type { Problem } from "../problem.js";
import { problem } from "../problems.js";
import { destinations, list, text, type RuleContext } from "./rule.js";

export function duplicateAttributes(context: RuleContext): Problem[] {
  const problems: Problem[] = [];
  for (const destination of destinations(context)) {
    const seen = new Map<string, number>();
    list(destination.value.profileAttributes).forEach((item, index) => {
      const path = text(item);
      if (path === undefined) return;
      const first = seen.get(path);
      if (first === undefined) {
        seen.set(path, index);
        return;
      }
      const firstLine = destination.locator.at(["profileAttributes", first]).line;
      problems.push(
        problem(
          destination.locator.at(["profileAttributes", index]),
          "duplicate-attribute",
          `attribute '${path}' is listed twice (first at line ${firstLine})`,
          {
            hint: "remove one of the two entries",
          },
        ),
      );
    });
  }
  return problems;
}
