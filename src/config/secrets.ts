// Which credential fields are secret, read from the schema (writeOnly fields, which must be ${env:NAME}),
// and how environment references are written. Secrets never live in Git: only the reference does.
import type { DestinationType } from "../domain/desired.js";
import { DESTINATION_TYPES, resourceSchema } from "./schema.js";

interface PropertySchema {
  $ref?: string;
  writeOnly?: boolean;
}

const definitions = resourceSchema.definitions as unknown as Record<
  string,
  PropertySchema & { properties?: Record<string, PropertySchema> }
>;
const CREDENTIALS_DEFINITION: Record<DestinationType, string> = {
  "amazon-kinesis": "KinesisCredentials",
  "azure-event-hubs": "EventHubsCredentials",
};

export const SECRET_FIELDS: Record<DestinationType, string[]> = Object.fromEntries(
  DESTINATION_TYPES.map((type) => [type, secretFieldsOf(CREDENTIALS_DEFINITION[type])]),
) as Record<DestinationType, string[]>;

/** The one accepted form, taken from the schema: `${env:NAME}` as the whole value. */
const ENV_REFERENCE = new RegExp(resourceSchema.definitions.secretReference.pattern);

/** The variable name of a well-formed `${env:NAME}` reference, else undefined. */
export function envReferenceName(value: string): string | undefined {
  return ENV_REFERENCE.test(value) ? value.slice("${env:".length, -1) : undefined;
}

/** True for values that were meant as a reference (`$NAME`, `${NAME}`, `${ENV:x}`…), well-formed or not. */
export function looksLikeEnvReference(value: string): boolean {
  return value.startsWith("$") || value.includes("${");
}

/**
 * The well-formed reference a malformed one most likely meant, when its variable name can be read
 * from explicit markers (`${NAME}`, `${ENV:NAME}`, `$env:NAME`); a bare `$…` could be a secret itself,
 * so nothing is echoed for it.
 */
export function repairEnvReference(value: string): string | undefined {
  const match = /^\$(?:\{\s*(?:env\s*[:.]\s*)?([A-Za-z_][A-Za-z0-9_]*)\s*\}|env:([A-Za-z_][A-Za-z0-9_]*))$/i.exec(
    value.trim(),
  );
  const name = match?.[1] ?? match?.[2];
  return name ? `\${env:${name}}` : undefined;
}

/** The conventional variable for a credential: account kinesis-marketing, field secretKey → KINESIS_MARKETING_SECRET_KEY. */
export function suggestedEnvName(account: string, field: string): string {
  const words = [account.replace(/[^A-Za-z0-9]+/g, "_"), field.replace(/([a-z0-9])([A-Z])/g, "$1_$2")];
  return words.join("_").replace(/_+/g, "_").replace(/^_|_$/g, "").toUpperCase();
}

function secretFieldsOf(definition: string): string[] {
  const properties = definitions[definition]?.properties ?? {};
  return Object.entries(properties)
    .filter(
      ([, property]) => (property.$ref ? definitions[property.$ref.split("/").pop()!] : property)?.writeOnly === true,
    )
    .map(([field]) => field);
}
