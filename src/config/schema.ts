// The JSON Schemas and their validators, generated from them ahead of time (validators.generated.js,
// by `npm run gen:validators`). The schemas are the single source of truth for the format: the
// constants the loader needs (apiVersion, kinds) are read from them rather than repeated here. Which
// branch validates which destination type is the type's own fact (src/domain/destination-types/).
import type { ValidateFunction } from "ajv";
import resourceSchema from "../../schemas/aep-gitops.schema.json" with { type: "json" };
import toolConfigSchema from "../../schemas/tool-config.schema.json" with { type: "json" };
import { destinationType, type DestinationType } from "../domain/destination-types/index.js";
import * as validators from "./validators.generated.js";

export type Kind = "Account" | "Destination";

export const API_VERSION: string = resourceSchema.definitions.apiVersion.const;
export const KINDS = resourceSchema.definitions.resourceKind.enum as Kind[];

/** The schema definition that validates a (kind, type) pair: one branch, so errors never mention the others. */
function branch(kind: Kind, type: DestinationType): string {
  const { schema } = destinationType(type);
  return kind === "Account" ? schema.account : schema.destination;
}

// Compiled at build time (scripts/gen-validators.mjs): no schema is compiled when a process starts.
const VALIDATORS = validators as unknown as Record<string, ValidateFunction>;

function get(name: string): ValidateFunction {
  const validate = VALIDATORS[name];
  if (!validate) throw new Error(`no generated validator ${name}: run npm run gen:validators`);
  return validate;
}

/** The validator of one (kind, type) branch of aep-gitops.schema.json. */
export function branchValidator(kind: Kind, type: DestinationType): ValidateFunction {
  return get(`definition_${branch(kind, type)}`);
}

export function toolConfigValidator(): ValidateFunction {
  return get("toolConfig");
}

export { resourceSchema, toolConfigSchema };
