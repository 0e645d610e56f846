// The registry of destination types. Adding a type is one file beside these, one line here, a branch
// in schemas/aep-gitops.schema.json and its connection spec in the emulator (docs/design.md).
import { amazonKinesis } from "./amazon-kinesis.js";
import { azureEventHubs } from "./azure-event-hubs.js";
import type { DestinationTypeSpec } from "./destination-type.js";

export type { CredentialField, CredentialRole, DestinationTypeSpec, TargetParam } from "./destination-type.js";

const SPECS = [amazonKinesis, azureEventHubs] as const;

export type DestinationType = (typeof SPECS)[number]["type"];

/** Every type, in the order messages list them. */
export const DESTINATION_TYPES: readonly DestinationType[] = SPECS.map((spec) => spec.type);

const BY_TYPE = new Map<string, DestinationTypeSpec>(SPECS.map((spec) => [spec.type, spec]));

export function isDestinationType(value: unknown): value is DestinationType {
  return typeof value === "string" && BY_TYPE.has(value);
}

export function destinationType(type: DestinationType): DestinationTypeSpec {
  return BY_TYPE.get(type)!;
}

/** The type whose connection spec this is; undefined for any other spec (a source, the Profile store). */
export function typeForConnectionSpec(specId: string): DestinationType | undefined {
  return SPECS.find((spec) => spec.connectionSpecId === specId)?.type;
}

/** Every type's connection spec id, for the filters that list a sandbox's destination objects. */
export const DESTINATION_CONNECTION_SPEC_IDS: readonly string[] = SPECS.map((spec) => spec.connectionSpecId);

/** "Amazon Kinesis or Azure Event Hubs": for messages about any destination type. */
export const TYPE_LABELS: string = SPECS.map((spec) => spec.label).join(" or ");

export function secretFields(type: DestinationType): string[] {
  return destinationType(type)
    .credentials.filter((field) => field.role === "secret")
    .map((field) => field.name);
}

/** Credential fields whose values are masked in every output: secrets and account keys. */
export function sensitiveFields(type: DestinationType): string[] {
  return destinationType(type)
    .credentials.filter((field) => field.role !== "setting")
    .map((field) => field.name);
}

/** The target params that say where data goes (stream and region, event hub), in the registry's order. */
export function whereParams(type: DestinationType): string[] {
  return destinationType(type)
    .targetParams.filter((param) => param.where === true)
    .map((param) => param.name);
}

/** The account settings that say where data goes (a namespace), which target params do not already name. */
export function whereSettings(type: DestinationType): string[] {
  const params = new Set(destinationType(type).targetParams.map((p) => p.name));
  return destinationType(type)
    .credentials.filter((field) => field.role === "setting" && !params.has(field.name))
    .map((field) => field.name);
}

export function booleanTargetParams(type: DestinationType): string[] {
  return destinationType(type)
    .targetParams.filter((param) => param.kind === "boolean")
    .map((param) => param.name);
}
