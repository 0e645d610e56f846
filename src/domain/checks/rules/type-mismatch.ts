// type-mismatch: a Kinesis destination cannot send through Event Hubs credentials (and vice versa): the
// account's type must equal the destination's.
import type { Problem } from "../problem.js";
import { problem } from "../problems.js";
import { accounts, destinations, text, where, type RuleContext } from "./rule.js";

export function typeMismatches(context: RuleContext): Problem[] {
  const problems: Problem[] = [];
  const declared = accounts(context);
  for (const destination of destinations(context)) {
    const name = text(destination.value.account);
    if (name === undefined || destination.type === undefined) continue;
    const candidates = declared.filter((a) => a.name === name && a.type !== undefined);
    if (candidates.length === 0 || candidates.some((a) => a.type === destination.type)) continue;
    const account = candidates[0]!;
    const message = `account '${name}' is ${account.type} (${where(context, destination.file, account.locator.at(["type"]))}) but this destination is ${destination.type}`;
    problems.push(
      problem(destination.locator.at(["account"]), "type-mismatch", message, {
        hint: `reference an account of type ${destination.type}`,
      }),
    );
  }
  return problems;
}
