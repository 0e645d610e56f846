// duplicate-audience: audiences are matched by id, so one listed twice is a mistake (often a copy-paste
// that meant another audience). A name-only entry duplicates any earlier entry with that name. The later
// entry is reported. (Two ids sharing a name are allowed: Adobe permits duplicate audience names.)
import type { Problem } from "../problem.js";
import { problem } from "../problems.js";
import { destinations, list, record, text, type RuleContext } from "./rule.js";

export function duplicateAudiences(context: RuleContext): Problem[] {
  const problems: Problem[] = [];
  for (const destination of destinations(context)) {
    const audiences = list(destination.value.audiences);
    // Plain loops over every audience of every destination (tens of thousands in a large tree).
    const ids = new Map<string, number>();
    const names = new Map<string, number>();
    for (let index = 0; index < audiences.length; index++) {
      const item = record(audiences[index]);
      const id = text(item.id);
      const name = text(item.name);
      const key = id ?? name;
      if (key === undefined) continue;
      const seen = id !== undefined ? ids : names;
      const first = seen.get(key);
      if (name !== undefined && !names.has(name)) names.set(name, index);
      if (first === undefined) {
        seen.set(key, index);
        continue;
      }
      const field = id !== undefined ? "id" : "name";
      const shown = id !== undefined ? key : `'${key}'`;
      const firstLine = destination.locator.at(["audiences", first]).line;
      problems.push(
        problem(
          destination.locator.at(["audiences", index, field]),
          "duplicate-audience",
          `audience ${shown} is listed twice (first at line ${firstLine})`,
          {
            hint: "remove one of the two entries",
          },
        ),
      );
    }
  }
  return problems;
}
