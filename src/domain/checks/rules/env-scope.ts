// Where environment references may stand, and what they may name (layer 2, over every document): a
// reference is resolved in an account's credentials only, and never names the tool's or the runner's
// own variables (src/domain/checks/env-names.ts says why).
import { allowedByPrefixes, reservedVariable, suggestedVariable } from "../env-names.js";
import type { Problem } from "../problem.js";
import { problem } from "../problems.js";
import { envReferenceName } from "../env-reference.js";
import { accounts, record, text, type RuleContext } from "./rule.js";

/**
 * env-ref outside credentials: `${env:…}` is resolved in an account's credentials only. Anywhere else
 * (a display name, a description, an audience's name) it would be text, or, were it ever filled in, a
 * way to write the apply job's secrets into Adobe where every later plan and drift report shows them.
 */
export function envOutsideCredentials(context: RuleContext): Problem[] {
  const problems: Problem[] = [];
  for (const doc of context.documents) {
    walk(doc.value, [], (value, at) => {
      if (doc.kind === "Account" && at[0] === "credentials") return;
      if (!REFERENCE_LIKE.test(value)) return;
      const field = String([...at].reverse().find((key) => typeof key === "string") ?? "value");
      problems.push(
        problem(
          doc.locator.at(at),
          "env-ref",
          `'${field}' holds an environment reference; references are resolved only in an account's credentials`,
          {
            hint: "write the text itself here: ${env:NAME} is filled in from the environment only in credentials",
          },
        ),
      );
    });
  }
  return problems;
}

/** env-name: a credential may not name the tool's or the runner's own variables, nor leave the config's prefixes. */
export function envNames(context: RuleContext): Problem[] {
  const problems: Problem[] = [];
  for (const doc of accounts(context)) {
    for (const [field, value] of Object.entries(record(doc.value.credentials))) {
      const name = typeof value === "string" ? envReferenceName(value) : undefined;
      if (name === undefined) continue;
      const reserved = reservedVariable(name);
      const at = () => doc.locator.at(["credentials", field]);
      if (reserved) {
        problems.push(
          problem(at(), "env-name", `'${field}' may not refer to ${name}: it is one of ${reserved}`, {
            hint: `give this credential a variable of its own (e.g. ${suggestedVariable(text(doc.value.name) ?? "account", field)}) and set it where apply runs`,
          }),
        );
      } else if (!allowedByPrefixes(name, context.variablePrefixes)) {
        const prefixes = context.variablePrefixes!.join(", ");
        problems.push(
          problem(
            at(),
            "env-name",
            `'${field}' refers to ${name}, which does not start with an allowed prefix (${prefixes})`,
            {
              hint: "the tool config's credentials.variablePrefixes lists the prefixes credential variables may have",
            },
          ),
        );
      }
    }
  }
  return problems;
}

/** `${env:`, `${ENV :` …: whatever a reader would take for a reference. */
const REFERENCE_LIKE = /\$\{\s*env\s*[:.]/i;

function walk(value: unknown, at: (string | number)[], visit: (text: string, at: (string | number)[]) => void): void {
  if (typeof value === "string") visit(value, at);
  else if (Array.isArray(value)) value.forEach((item, index) => walk(item, [...at, index], visit));
  else if (value && typeof value === "object")
    for (const [key, item] of Object.entries(value)) walk(item, [...at, key], visit);
}
