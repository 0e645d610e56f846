// The JSON Schemas, compiled once per process. They are the single source of truth: the constants the
// loader needs (apiVersion, kinds, types, secret fields) are read from them rather than repeated here.
import { Ajv, type ValidateFunction } from "ajv";
import resourceSchema from "../../schemas/aep-gitops.schema.json" with { type: "json" };
import toolConfigSchema from "../../schemas/tool-config.schema.json" with { type: "json" };
import type { DestinationType } from "../domain/desired.js";

export type Kind = "Account" | "Destination";

export const API_VERSION: string = resourceSchema.definitions.apiVersion.const;
export const KINDS: Kind[] = ["Account", "Destination"];
export const DESTINATION_TYPES: DestinationType[] = [
  resourceSchema.definitions.kinesisType.const as DestinationType,
  resourceSchema.definitions.eventHubsType.const as DestinationType,
];

/** The schema definition that validates each (kind, type) pair: one branch, so errors never mention the others. */
const BRANCHES: Record<Kind, Record<DestinationType, string>> = {
  Account: { "amazon-kinesis": "KinesisAccount", "azure-event-hubs": "EventHubsAccount" },
  Destination: { "amazon-kinesis": "KinesisDestination", "azure-event-hubs": "EventHubsDestination" },
};

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
  return get(`aep-gitops#/definitions/${BRANCHES[kind][type]}`);
}

/** The whole resource schema, oneOf and all, as editors see it (used by the tests of the examples). */
export function resourceValidator(): ValidateFunction {
  return get("aep-gitops");
}

export function toolConfigValidator(): ValidateFunction {
  return get("tool-config");
}

export { resourceSchema, toolConfigSchema };
