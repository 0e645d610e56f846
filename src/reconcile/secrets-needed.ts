// Every `${env:NAME}` a plan will send, resolved before anything is written. A variable that is not set
// is a problem at each YAML line that refers to it, all of them at once: an error, so apply stops
// before its first write; or, for a plan that is secretless by design (a pull request's plan,
// --secrets optional), a warning saying what apply will need and where to set it.
import type { DesiredSandbox } from "../domain/state/desired.js";
import type { SandboxPlan } from "../domain/plan/plan.js";
import type { Problem } from "../domain/checks/problem.js";
import { ownSecretVariables } from "../domain/checks/env-names.js";
import { envReferences } from "./credentials.js";

export type SecretsMode = "required" | "optional";

export function secretProblems(
  plan: SandboxPlan,
  desired: DesiredSandbox,
  env: Record<string, string | undefined>,
  mode: SecretsMode,
): Problem[] {
  const needed = new Set<string>();
  for (const change of plan.changes)
    for (const call of change.calls) for (const name of envReferences(call.body)) needed.add(name);
  const problems: Problem[] = [];
  // A variable by any name that holds the apply job's own secret (copied into another secret, or set
  // from the same one) would send it to Adobe: refused, naming both variables and never the value.
  const own = ownSecretVariables(env);
  for (const account of desired.accounts) {
    for (const [field, value] of Object.entries(account.credentials)) {
      if (!("env" in value) || !needed.has(value.env)) continue;
      const at = account.credentialSources?.[field] ?? account.source;
      const twin = env[value.env] ? own.find((name) => env[name] === env[value.env]) : undefined;
      if (twin) {
        problems.push({
          file: at.file,
          line: at.line,
          column: at.column,
          rule: "env-name",
          severity: "error",
          message: `${value.env} holds the same value as ${twin}: the ${field} of account '${account.name}' would send aep-gitops's or the runner's own secret to Adobe`,
          hint: `Set ${value.env} to the destination's own credential.`,
        });
        continue;
      }
      if (env[value.env]) continue;
      problems.push({
        file: at.file,
        line: at.line,
        column: at.column,
        rule: "env-not-set",
        severity: mode === "optional" ? "warning" : "error",
        message: `${value.env} is not set: apply needs it to write the ${field} of account '${account.name}'`,
        hint:
          mode === "optional"
            ? `Set ${value.env} where apply runs (in GitHub: a secret of the apply job's environment); this plan does not need it.`
            : `Set ${value.env} in this run's environment (in GitHub: a secret passed to the step), or plan with --secrets optional to review without the destination secrets.`,
      });
    }
  }
  return problems;
}
