// The JSON Schemas, compiled once per process. They are the single source of truth for the format: the
// constants the loader needs (apiVersion, kinds) are read from them rather than repeated here. Which
// branch validates which destination type is the type's own fact (src/domain/destination-types/).
import { Ajv, type ValidateFunction } from "ajv";
import resourceSchema from "../../schemas/aep-gitops.schema.json" with { type: "json" };
import toolConfigSchema from "../../schemas/tool-config.schema.json" with { type: "json" };
import { destinationType, type DestinationType } from "../domain/destination-types/index.js";

export type Kind = "Account" | "Destination";

export const API_VERSION: string = resourceSchema.definitions.apiVersion.const;
export const KINDS = resourceSchema.definitions.resourceKind.enum as Kind[];

/** The schema definition that validates a (kind, type) pair: one branch, so errors never mention the others. */
function branch(kind: Kind, type: DestinationType): string {
  const { schema } = destinationType(type);
  return kind === "Account" ? schema.account : schema.destination;
}

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function instance(): Ajv {
  if (!ajv) {
    ajv = new Ajv({
      allErrors: true,
      // verbose adds parentSchema to each error: the humanizer reads patternErrorMessage and property lists from it.
      verbose: true,
      strict: true,
      allowUnionTypes: true,
    });
    // An editor annotation (the YAML language server shows it); ajv only has to accept it.
    ajv.addKeyword({ keyword: "patternErrorMessage", schemaType: "string" });
    // Each schema is also known by its $id (one instance, added once: ajv refuses a second schema with the same id).
    ajv.addSchema(resourceSchema, "aep-gitops");
    ajv.addSchema(toolConfigSchema, "tool-config");
  }
  return ajv;
}

function get(ref: string): ValidateFunction {
  let validate = compiled.get(ref);
  if (!validate) {
    validate = instance().getSchema(ref);
    if (!validate) throw new Error(`schema ${ref} not found`);
    compiled.set(ref, validate);
  }
  return validate;
}

/** The validator of one (kind, type) branch of aep-gitops.schema.json. */
export function branchValidator(kind: Kind, type: DestinationType): ValidateFunction {
  return get(`aep-gitops#/definitions/${branch(kind, type)}`);
}

/** The whole resource schema, its if/then dispatch on kind and type included, as editors see it (used by tests). */
export function resourceValidator(): ValidateFunction {
  return get("aep-gitops");
}

export function toolConfigValidator(): ValidateFunction {
  return get("tool-config");
}

export { resourceSchema, toolConfigSchema };
