// env-ref: credentials name environment variables as ${env:NAME}, the whole value. Anything else that
// looks like a reference ($NAME, ${NAME}, ${ENV:x}, text around it) would be sent to Adobe literally.
// The value itself is never echoed: it may be a secret.
import type { SourceLocation } from "../../domain/desired.js";
import type { Problem } from "../../domain/problem.js";
import { allowedByPrefixes, reservedVariable } from "../../domain/env-names.js";
import { problem } from "../problems.js";
import { envReferenceName, repairEnvReference, suggestedEnvName } from "../secrets.js";
import { accounts, record, text, type RuleContext } from "./rule.js";

export function envRefProblem(
  value: string,
  at: SourceLocation,
  context: { account: string | undefined; field: string },
): Problem {
  const repaired = repairEnvReference(value);
  const name = repaired ?? `\${env:${suggestedEnvName(context.account ?? "account", context.field)}}`;
  const message = value.startsWith("$")
    ? `'${context.field}' is not a valid environment reference`
    : `'${context.field}' mixes text with an environment reference; references are not interpolated`;
  return problem(at, "env-ref", message, {
    hint: `write the whole value as ${context.field}: ${name} (NAME: letters, digits and _, not starting with a digit)`,
  });
}

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
            hint: `give this credential a variable of its own (e.g. ${suggestedEnvName(text(doc.value.name) ?? "account", field)}) and set it where apply runs`,
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
