// Request body validation: hand-written JSON Schemas of the create bodies (from Adobe's OpenAPI request
// schemas and tutorials), compiled once with ajv, and error messages that name the bad field.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { ResourceName } from "./types.js";

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat("password", true);

const specRef = {
  type: "object",
  required: ["id"],
  additionalProperties: false,
  properties: { id: { type: "string", minLength: 1 }, version: { type: "string" } },
};
const name = { type: "string", minLength: 1 };
const description = { type: "string" };
const data = { type: "object", properties: { format: { type: "string" }, schema: { type: "object" } } };
const ids = { type: "array", minItems: 1, items: { type: "string", minLength: 1 } };

const profileSelector = {
  type: "object",
  required: ["type", "value"],
  additionalProperties: false,
  properties: {
    type: { const: "JSON_PATH" },
    value: {
      type: "object",
      required: ["path"],
      properties: { path: { type: "string", minLength: 1 }, operator: { type: "string" } },
    },
  },
};
const DAY = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
const segmentSelector = {
  type: "object",
  required: ["type", "value"],
  additionalProperties: false,
  properties: {
    type: { const: "PLATFORM_SEGMENT" },
    value: {
      type: "object",
      required: ["id"],
      properties: {
        id: { type: "string", minLength: 1 },
        name: { type: "string" },
        description: { type: "string" },
        // destinations.yaml, SegmentSelectorValue schedule: "The correct format is `YYYY-MM-DD`."
        schedule: {
          type: "object",
          properties: { startDate: { type: "string", pattern: DAY }, endDate: { type: "string", pattern: DAY } },
        },
      },
    },
  },
};
/** Streaming destination transformations: one GeneralTransform with profile and segment selectors. */
export const transformationsSchema = {
  type: "array",
  items: {
    type: "object",
    required: ["name", "params"],
    additionalProperties: false,
    properties: {
      name: { const: "GeneralTransform" },
      params: {
        type: "object",
        additionalProperties: false,
        properties: {
          profileSelectors: {
            type: "object",
            required: ["selectors"],
            additionalProperties: false,
            properties: {
              selectors: { type: "array", items: profileSelector },
              mandatoryFields: { type: "array", items: { type: "string" } },
              primaryFields: { type: "array", items: { type: "object" } },
            },
          },
          segmentSelectors: {
            type: "object",
            required: ["selectors"],
            additionalProperties: false,
            properties: { selectors: { type: "array", items: segmentSelector } },
          },
        },
      },
    },
  },
};

/** The fields a client may send on create (and PATCH afterwards, minus the spec reference). */
const endpointConnection = {
  type: "object",
  required: ["name", "connectionSpec"],
  additionalProperties: false,
  properties: {
    name,
    description,
    connectionSpec: specRef,
    baseConnectionId: { type: "string", minLength: 1 },
    data,
    params: { type: "object" },
  },
};

const bodySchemas: Record<ResourceName, Record<string, unknown>> = {
  connections: {
    type: "object",
    required: ["name", "connectionSpec"],
    additionalProperties: false,
    properties: {
      name,
      description,
      connectionSpec: specRef,
      auth: {
        type: "object",
        required: ["specName", "params"],
        additionalProperties: false,
        properties: { specName: { type: "string" }, params: { type: "object" } },
      },
    },
  },
  // Source and target connections share one shape (destinations.yaml SourceConnection / TargetConnection).
  sourceConnections: endpointConnection,
  targetConnections: endpointConnection,
  flows: {
    type: "object",
    required: ["name", "flowSpec", "sourceConnectionIds", "targetConnectionIds", "transformations"],
    additionalProperties: false,
    properties: {
      name,
      description,
      flowSpec: specRef,
      sourceConnectionIds: ids,
      targetConnectionIds: ids,
      transformations: transformationsSchema,
      scheduleParams: { type: "object" },
      labels: { type: "array", items: { type: "string" } },
    },
  },
};

/** The top-level fields each resource accepts from clients. */
export function writableFields(resource: ResourceName): string[] {
  return Object.keys((bodySchemas[resource].properties ?? {}) as object);
}

const validators = new Map<ResourceName, ValidateFunction>();

/** Validates a create body (or a patched object's writable projection); returns messages naming fields. */
export function validateBody(resource: ResourceName, body: unknown): string[] {
  let validate = validators.get(resource);
  if (!validate) {
    validate = ajv.compile(bodySchemas[resource]);
    validators.set(resource, validate);
  }
  return validate(body) ? [] : describeErrors(validate.errors ?? [], "");
}

const specValidators = new WeakMap<object, ValidateFunction>();

/** Validates params against a connection spec's JSON Schema (authSpec or targetSpec). */
export function validateAgainstSpec(schema: Record<string, unknown>, value: unknown, prefix: string): string[] {
  let validate = specValidators.get(schema);
  if (!validate) {
    const { $schema: _ignored, ...rest } = schema;
    validate = ajv.compile(rest);
    specValidators.set(schema, validate);
  }
  return validate(value) ? [] : describeErrors(validate.errors ?? [], prefix);
}

/** Turns ajv errors into messages like `'params.stream' is required` or `'name' must be string`. */
export function describeErrors(errors: ErrorObject[], prefix: string): string[] {
  const messages = errors.map((error) => {
    const at = fieldName(prefix, error.instancePath);
    const params = error.params as Record<string, unknown>;
    if (error.keyword === "required") return `'${join(at, String(params.missingProperty))}' is required`;
    if (error.keyword === "additionalProperties")
      return `'${join(at, String(params.additionalProperty))}' is not an allowed field`;
    if (error.keyword === "const") return `'${at}' must be ${JSON.stringify(params.allowedValue)}`;
    return `'${at || "body"}' ${error.message ?? "is invalid"}`;
  });
  return [...new Set(messages)];
}

function fieldName(prefix: string, pointer: string): string {
  const path = pointer
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : join(acc, part)), "");
  return join(prefix, path);
}

function join(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return b.startsWith("[") ? `${a}${b}` : `${a}.${b}`;
}
