// The semantic rules (layer 2), run in this order over every checked document of a sandbox. The field
// rules (audience-id, xdm-path, literal-secret, env-ref) run inside layer 1: see schema-errors.ts.
import { audienceSchedules } from "./audience-schedule.js";
import { duplicateAttributes } from "./duplicate-attribute.js";
import { duplicateAudiences } from "./duplicate-audience.js";
import { duplicateNames } from "./duplicate-name.js";
import { envNames, envOutsideCredentials } from "./env-scope.js";
import { guardrailAttributes, guardrailAudiences, guardrailDestinations } from "./guardrails.js";
import type { Rule } from "./rule.js";
import { renamedFrom } from "./renamed-from.js";
import { sharedTargets } from "./shared-target.js";
import { typeMismatches } from "./type-mismatch.js";
import { unknownAccounts } from "./unknown-account.js";

export const SEMANTIC_RULES: Rule[] = [
  duplicateNames,
  renamedFrom,
  unknownAccounts,
  typeMismatches,
  duplicateAudiences,
  duplicateAttributes,
  audienceSchedules,
  guardrailAudiences,
  guardrailAttributes,
  guardrailDestinations,
  sharedTargets,
  envOutsideCredentials,
  envNames,
];
