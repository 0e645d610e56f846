// The tool config's `policies` as the planner's Policy values: globs as lists, each with the place it is
// written, `severity: off` dropped. An entry whose id is a built-in guardrail's (guardrail-audiences,
// guardrail-attributes, guardrail-destinations) is no policy of its own: it sets that guardrail's
// severity (Adobe's soft limits are warnings by default; `error` makes them stop the plan, `off` quiet).
import { globProblem } from "../domain/match/glob.js";
import { GUARDRAIL_IDS, type GuardrailSeverity, type Policy, type PolicySet } from "../domain/checks/policies.js";
import type { Problem } from "../domain/checks/problem.js";
import type { Locator } from "./locator.js";
import { problem } from "../domain/checks/problems.js";
import type { AepGitopsToolConfig } from "./types.generated.js";

type RawPolicy = NonNullable<AepGitopsToolConfig["policies"]>[number];

export function readPolicies(raw: RawPolicy[] | undefined, locator: Locator | undefined): PolicySet {
  const policies: Policy[] = [];
  const guardrails: GuardrailSeverity = {};
  (raw ?? []).forEach((entry, index) => {
    const severity = entry.severity ?? "error";
    if ((GUARDRAIL_IDS as readonly string[]).includes(entry.id)) {
      guardrails[entry.id as (typeof GUARDRAIL_IDS)[number]] = severity;
      return;
    }
    if (severity === "off") return;
    const list = (value: string | string[] | undefined) =>
      value === undefined ? undefined : Array.isArray(value) ? value : [value];
    const scope = (
      match: { type?: string | string[]; name?: string | string[]; sandbox?: string | string[] } | undefined,
    ) =>
      match && {
        ...(match.type ? { type: list(match.type)! } : {}),
        ...(match.name ? { name: list(match.name)! } : {}),
        ...(match.sandbox ? { sandbox: list(match.sandbox)! } : {}),
      };
    const { deny, require } = entry;
    policies.push({
      id: entry.id,
      ...(entry.message ? { message: entry.message } : {}),
      severity,
      ...(deny
        ? {
            deny: {
              ...(deny.attributes ? { attributes: list(deny.attributes)! } : {}),
              ...(deny.audiences ? { audiences: list(deny.audiences)! } : {}),
              ...(deny.audienceLabels ? { audienceLabels: list(deny.audienceLabels)! } : {}),
              ...(deny.audienceOrigins ? { audienceOrigins: list(deny.audienceOrigins)! } : {}),
              ...(deny.destinations ? { destinations: scope(deny.destinations)! } : {}),
            },
          }
        : {}),
      ...(require
        ? {
            require: {
              ...(require.description ? { description: true } : {}),
              ...(require.maxAttributes !== undefined ? { maxAttributes: require.maxAttributes } : {}),
              ...(require.maxAudiences !== undefined ? { maxAudiences: require.maxAudiences } : {}),
              ...(require.destinations ? { destinations: scope(require.destinations)! } : {}),
            },
          }
        : {}),
      ...(locator ? { source: locator.at(["policies", index]) } : {}),
    });
  });
  return { policies, guardrails };
}

/** Where a policy holds globs, below its entry. */
const GLOB_PATHS = [
  ["deny", "attributes"],
  ["deny", "audiences"],
  ["deny", "audienceLabels"],
  ["deny", "audienceOrigins"],
  ...["deny", "require"].flatMap((section) => ["type", "name", "sandbox"].map((key) => [section, "destinations", key])),
];

/**
 * Every glob the matcher refuses (too long, too many alternatives, another dialect's syntax), at its
 * line: a refused glob would otherwise fail the run where it is first matched, or never.
 */
export function policyGlobProblems(raw: RawPolicy[] | undefined, locator: Locator): Problem[] {
  const problems: Problem[] = [];
  (raw ?? []).forEach((entry, index) => {
    for (const keys of GLOB_PATHS) {
      const value = keys.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], entry);
      const items =
        typeof value === "string"
          ? [[value, []] as const]
          : Array.isArray(value)
            ? value.map((v, i) => [v, [i]] as const)
            : [];
      for (const [pattern, item] of items) {
        const refused = typeof pattern === "string" ? globProblem(pattern) : undefined;
        if (refused)
          problems.push(
            problem(
              locator.at(["policies", index, ...keys, ...item]),
              "tool-config",
              `glob '${pattern}': ${refused.message}`,
              {
                hint: "globs take * (any run of characters but /), ? (one character), {a,b} (either) and \\ before a literal character",
              },
            ),
          );
      }
    }
  });
  return problems;
}

/** Adobe's guardrails as the tool config sets them: a severity of their own, or left out. */
export function applyGuardrailSeverity(problems: Problem[], guardrails: GuardrailSeverity): Problem[] {
  return problems.flatMap((p) => {
    const severity = guardrails[p.rule as (typeof GUARDRAIL_IDS)[number]];
    if (severity === undefined) return [p];
    return severity === "off" ? [] : [{ ...p, severity }];
  });
}
