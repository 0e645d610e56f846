// Adobe's published guardrails for streaming destinations (help/destinations/guardrails.md). They are
// soft limits Adobe can raise per organisation, so exceeding one is a warning, never an error.
import type { Problem, RuleId } from "../problem.js";
import { problem } from "../problems.js";
import { destinations, list, type RuleContext } from "./rule.js";

export const GUARDRAILS = {
  audiencesPerDestination: 250,
  attributesPerDestination: 50,
  destinationsPerSandbox: 100,
} as const;

const WHY =
  "a soft limit of Adobe Experience Platform: past it, exports may be slow or rejected unless Adobe raised it for your organisation";

export function guardrailAudiences(context: RuleContext): Problem[] {
  return perDestination(context, "audiences", GUARDRAILS.audiencesPerDestination, "guardrail-audiences", "audiences");
}

export function guardrailAttributes(context: RuleContext): Problem[] {
  return perDestination(
    context,
    "profileAttributes",
    GUARDRAILS.attributesPerDestination,
    "guardrail-attributes",
    "profile attributes",
  );
}

export function guardrailDestinations(context: RuleContext): Problem[] {
  const names = new Set<string>();
  for (const destination of destinations(context)) {
    if (destination.name === undefined || names.has(destination.name)) continue;
    names.add(destination.name);
    if (names.size === GUARDRAILS.destinationsPerSandbox + 1) {
      // Reported once, at the first destination past the limit, with the total.
      const total = new Set(destinations(context).map((d) => d.name)).size;
      const message = `sandbox '${context.sandbox}' has ${total} destinations; Adobe's guardrail is ${GUARDRAILS.destinationsPerSandbox} per sandbox`;
      return [
        problem(destination.locator.at(["name"]), "guardrail-destinations", message, {
          severity: "warning",
          hint: WHY,
        }),
      ];
    }
  }
  return [];
}

function perDestination(context: RuleContext, field: string, limit: number, rule: RuleId, what: string): Problem[] {
  return destinations(context).flatMap((destination) => {
    const count = list(destination.value[field]).length;
    if (count <= limit) return [];
    const message = `${count} ${what} in one destination; Adobe's guardrail is ${limit} per destination`;
    return [problem(destination.locator.at([field], "key"), rule, message, { severity: "warning", hint: WHY })];
  });
}
