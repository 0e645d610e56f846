// One profile as a Kinesis stream or an Event Hub receives it, following the record Adobe documents
// under "Exported data" (help/destinations/catalog/cloud-storage/amazon-kinesis.md, azure-event-hubs.md,
// and the HTTP API destination page): the mapped attributes nested by their XDM paths, then
// `segmentMembership.ups.<audienceId>`, then `identityMap`. Values are samples, picked by the field's
// type in the sandbox's Profile union schema, and the same on every call: a preview is compared across
// commits and reviewed in pull requests, so nothing in it may depend on a clock or a random source.
import type { DesiredDestination } from "../state/desired.js";
import type { UnionField, UnionIndex } from "../state/union-schema.js";

export type Sample = Record<string, unknown>;

/** What one record is built from: the destination's selectors and the target params that shape it. */
export interface SampleInput {
  /** XDM paths, in YAML order (the record's key order follows it). */
  attributes: readonly string[];
  audiences: readonly { id: string; name?: string }[];
  /** includeSegmentNames / includeSegmentTimestamps as the target sets them (absent: off). */
  target: Readonly<Record<string, unknown>>;
}

export interface SampleContext {
  /** The sandbox's Profile union; without it, every attribute is shown as a string. */
  union?: UnionIndex | undefined;
  /** Audience names as the sandbox has them, by id: the `name` that includeSegmentNames adds. */
  audienceNames?: ReadonlyMap<string, string>;
}

/** A profile that qualified for a mapped audience; Adobe's example's time, and "realized" (just qualified). */
const SAMPLE_QUALIFICATION = { lastQualificationTime: "2020-05-25T21:24:39Z", status: "realized" } as const;

/** includeSegmentTimestamps: epoch milliseconds, Adobe's example's values. */
const SAMPLE_TIMESTAMPS = {
  createdAt: 1648553325000,
  updatedAt: 1648553330000,
  mappingCreatedAt: 1649856570000,
  mappingUpdatedAt: 1649856570000,
} as const;

// example.com is reserved for examples (RFC 2606): a sample can never name a real person's mailbox.
const SAMPLE_EMAIL = "john.doe@example.com";

/** sha256 of the sample email, written out so the domain needs no crypto for a constant. */
const SAMPLE_EMAIL_SHA256 = "836f82db99121b3481011f16b49dfa5fbc714a0d1b1b9f784a1ebbbf5b39577f";

/** Two namespaces, as in Adobe's example: a device (ECID) and the hashed email. */
const SAMPLE_IDENTITY_MAP = {
  ecid: [{ id: "14575006536349286404619648085736425115" }],
  email_lc_sha256: [{ id: SAMPLE_EMAIL_SHA256 }],
};

/** Fields common enough in XDM Individual Profile that a realistic value reads better than a type's. */
const WELL_KNOWN: Record<string, string> = {
  "person.name.firstName": "John",
  "person.firstName": "John",
  "person.name.lastName": "Doe",
  "person.lastName": "Doe",
  "person.name.fullName": "John Doe",
  "person.name.middleName": "Quincy",
  "person.birthDate": "1968-04-12",
  "personalEmail.address": SAMPLE_EMAIL,
  "workEmail.address": "john.doe@work.example.com",
  "mobilePhone.number": "+1 408-555-0100",
  "homePhone.number": "+1 408-555-0199",
  "homeAddress.street1": "345 Park Avenue",
  "homeAddress.city": "San Jose",
  "homeAddress.postalCode": "95110",
  "homeAddress.country": "United States",
  "homeAddress.countryCode": "US",
};

/**
 * What Adobe documents about an export that no single sample shows. Said with every preview, in the
 * order a reviewer is most likely to be surprised by them.
 */
export const PREVIEW_NOTES: readonly string[] = [
  "identityMap is exported whole: every identity namespace of the profile, not only the two shown (identities cannot be mapped on Kinesis or Event Hubs destinations).",
  "segmentMembership carries every audience the profile belongs to, with its latest status: audiences this destination does not map, evaluated under the same merge policy, can appear next to the mapped ones.",
  "Any write to a mapped attribute (even of the same value), a change of a mapped audience's status, or a change of the profile's identities exports the whole record again; only the mapped attributes the profile has are in it.",
  "Values are samples chosen by each field's type in the sandbox's Profile union schema; status is shown as 'realized' (just qualified), while real records also say 'existing' or 'exited'.",
];

export function sampleInput(destination: DesiredDestination): SampleInput {
  return {
    attributes: destination.profileAttributes.map((a) => a.path),
    audiences: destination.audiences.flatMap((a) =>
      a.id === undefined ? [] : [a.name === undefined ? { id: a.id } : { id: a.id, name: a.name }],
    ),
    target: destination.target,
  };
}

/** The record, keys in Adobe's order: attributes (YAML order), segmentMembership, identityMap. */
export function sampleRecord(input: SampleInput, ctx: SampleContext = {}): Sample {
  const record: Sample = {};
  for (const path of input.attributes) place(record, path.split("."), sampleValue(path, ctx.union?.fields.get(path)));
  const ups: Record<string, unknown> = {};
  for (const audience of input.audiences) {
    ups[audience.id] = {
      ...SAMPLE_QUALIFICATION,
      ...(input.target.includeSegmentTimestamps === true ? SAMPLE_TIMESTAMPS : {}),
      ...(input.target.includeSegmentNames === true
        ? { name: ctx.audienceNames?.get(audience.id) ?? audience.name ?? audience.id }
        : {}),
    };
  }
  record.segmentMembership = { ups };
  record.identityMap = structuredClone(SAMPLE_IDENTITY_MAP);
  return record;
}

/** A value of the field's type: a well-known field's realistic one, an enum's first value, else by type. */
export function sampleValue(path: string, field: UnionField | undefined): unknown {
  const type = field?.type;
  const known = WELL_KNOWN[path];
  if (known !== undefined && (type === undefined || type === "string")) return known;
  if (field?.enum?.length) {
    // The index keeps enum values as text; a numeric enum is shown as the number it is.
    const first = field.enum[0]!;
    return type === "integer" || type === "number" ? Number(first) : first;
  }
  switch (type) {
    case "boolean":
      return true;
    case "integer":
      return 42;
    case "number":
      return 19.99;
  }
  const format = field?.format ?? field?.xdmType;
  if (format === "email") return SAMPLE_EMAIL;
  if (format === "date") return "2020-05-25";
  if (format === "date-time") return SAMPLE_QUALIFICATION.lastQualificationTime;
  if (format === "uri" || format === "uri-reference") return "https://www.example.com/";
  return `sample ${path.split(".").at(-1)}`;
}

/** Sets a value at a dotted path, creating the objects on the way (in first-seen order). */
function place(record: Sample, parts: string[], value: unknown): void {
  let node = record;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (next && typeof next === "object" && !Array.isArray(next)) node = next as Sample;
    else node = node[part] = {};
  }
  node[parts.at(-1)!] = value;
}
