// unknown-account: a destination must name an Account declared in the same sandbox. Accounts that failed
// the schema still count as declared, so one typo is not reported twice.
import type { Problem } from "../problem.js";
import { didYouMean } from "../../match/did-you-mean.js";
import { problem } from "../problems.js";
import { accounts, destinations, text, type RuleContext } from "./rule.js";

export function unknownAccounts(context: RuleContext): Problem[] {
  const declared = accounts(context).flatMap((a) => (a.name === undefined ? [] : [a.name]));
  const problems: Problem[] = [];
  for (const destination of destinations(context)) {
    const account = text(destination.value.account);
    if (account === undefined || declared.includes(account)) continue;
    const suggestion = didYouMean(account, declared);
    const tail = suggestion ? ` (did you mean '${suggestion}'?)` : "";
    problems.push(
      problem(
        destination.locator.at(["account"]),
        "unknown-account",
        `no account named '${account}' in sandbox '${context.sandbox}'${tail}`,
        {
          hint: suggestion
            ? undefined
            : "declare it in a document with kind: Account, in one of this sandbox's folders",
        },
      ),
    );
  }
  return problems;
}
