// shared-target: two destinations writing to one place (the same stream in the same region of the same
// account, the same event hub of the same account) send every profile twice, usually a rename or a
// copy-paste that forgot to change the target. A warning: a fan-in can be meant.
import { destinationType, isDestinationType, whereParams } from "../../destination-types/index.js";
import type { Problem } from "../problem.js";
import type { CheckedDocument } from "../document.js";
import { problem } from "../problems.js";
import { destinations, record, text, where, type RuleContext } from "./rule.js";

export function sharedTargets(context: RuleContext): Problem[] {
  const seen = new Map<string, CheckedDocument>();
  const problems: Problem[] = [];
  for (const destination of destinations(context)) {
    const type = destination.type;
    const account = text(destination.value.account);
    if (!isDestinationType(type) || account === undefined || destination.name === undefined) continue;
    const target = record(destination.value.target);
    const place = whereParams(type).map((param) => target[param]);
    if (place.some((value) => value === undefined)) continue;
    const key = JSON.stringify([type, account, ...place]);
    const first = seen.get(key);
    if (!first) {
      seen.set(key, destination);
      continue;
    }
    const noun = destinationType(type).targetNoun;
    problems.push(
      problem(
        destination.locator.at(["target"], "key"),
        "shared-target",
        `destination '${destination.name}' writes to the same ${noun} as '${first.name}' (${where(context, destination.file, first.locator.at(["target"], "key"))})`,
        {
          severity: "warning",
          hint: `every profile is sent twice; if one of them was renamed, give the new one renamedFrom: ${first.name} instead of keeping both`,
        },
      ),
    );
  }
  return problems;
}
