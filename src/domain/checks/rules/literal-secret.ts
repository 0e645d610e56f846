// literal-secret: a secret credential field (writeOnly in the schema: secretKey, sasKey) holds a value
// instead of an environment reference. Secrets never live in Git; the message never echoes the value.
import type { SourceLocation } from "../../state/desired.js";
import type { Problem } from "../problem.js";
import { problem } from "../problems.js";
import { suggestedVariable } from "../env-names.js";

export function literalSecretProblem(
  at: SourceLocation,
  context: { account: string | undefined; field: string },
): Problem {
  const variable = suggestedVariable(context.account ?? "account", context.field);
  return problem(
    at,
    "literal-secret",
    `'${context.field}' holds a literal secret; secrets must come from the environment`,
    {
      hint: `use ${context.field}: \${env:${variable}} and set ${variable} where aep-gitops runs (a CI secret); if the value was real, rotate it: it is in the Git history`,
    },
  );
}
