// env-ref: credentials name environment variables as ${env:NAME}, the whole value. Anything else that
// looks like a reference ($NAME, ${NAME}, ${ENV:x}, text around it) would be sent to Adobe literally.
// The value itself is never echoed: it may be a secret.
import type { SourceLocation } from "../../state/desired.js";
import type { Problem } from "../problem.js";
import { problem } from "../problems.js";
import { suggestedVariable } from "../env-names.js";
import { repairEnvReference } from "../env-reference.js";

export function envRefProblem(
  value: string,
  at: SourceLocation,
  context: { account: string | undefined; field: string },
): Problem {
  const repaired = repairEnvReference(value);
  const name = repaired ?? `\${env:${suggestedVariable(context.account ?? "account", context.field)}}`;
  const message = value.startsWith("$")
    ? `'${context.field}' is not a valid environment reference`
    : `'${context.field}' mixes text with an environment reference; references are not interpolated`;
  return problem(at, "env-ref", message, {
    hint: `write the whole value as ${context.field}: ${name} (NAME: letters, digits and _, not starting with a digit)`,
  });
}
