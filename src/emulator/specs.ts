// The seeded connection specs and flow spec. Ids and auth spec names are Adobe's published ones; the exact
// Kinesis/Event Hubs JSON Schemas are not published, so the property names follow Adobe's tutorial and UI
// (see docs/emulator.md). Kinesis and Event Hubs specs are shared by sources and destinations, so they
// carry both a sourceSpec and a targetSpec.

export const UPS_SPEC_ID = "8a9c3494-9708-43d7-ae3f-cda01e5030e1";
export const KINESIS_SPEC_ID = "86043421-563b-46ec-8e6c-e23184711bf6";
export const EVENT_HUBS_SPEC_ID = "bf9f5905-92b7-48bf-bf20-455bc6b60a4e";
export const DESTINATION_FLOW_SPEC_ID = "71471eba-b620-49e4-90fd-23f1fa0174d8";

const DRAFT_07 = "http://json-schema.org/draft-07/schema#";

export interface AuthSpec {
  name: string;
  type: string;
  spec: Record<string, unknown>;
}

export interface ConnectionSpec {
  id: string;
  name: string;
  providerId: string;
  version: string;
  authSpec: AuthSpec[];
  sourceSpec?: Record<string, unknown>;
  targetSpec?: { name: string; type: string; spec: Record<string, unknown>; attributes: Record<string, unknown> };
  attributes: Record<string, unknown>;
  permissionsInfo: Record<string, unknown>;
}

export interface FlowSpec {
  id: string;
  name: string;
  providerId: string;
  version: string;
  sourceConnectionSpecIds: string[];
  targetConnectionSpecIds: string[];
  attributes: Record<string, unknown>;
  permissionsInfo: Record<string, unknown>;
}

const permissions = (name: string): Record<string, unknown> => ({
  manage: [{ "@type": "lowLevel", name, permissions: ["write"] }],
  view: [{ "@type": "lowLevel", name, permissions: ["read"] }],
});

const segmentToggles = {
  includeSegmentNames: {
    type: "boolean",
    title: "Include Segment Names",
    description: "Adds each audience's name under segmentMembership.ups.<id> in the exported profiles.",
    default: false,
  },
  includeSegmentTimestamps: {
    type: "boolean",
    title: "Include Segment Timestamps",
    description: "Adds the audience and mapping creation and update timestamps to the exported profiles.",
    default: false,
  },
};

const streamingSource = (label: string): Record<string, unknown> => ({
  name: `${label} source`,
  type: "Stream",
  spec: {
    $schema: DRAFT_07,
    type: "object",
    description: `Defines params required to stream from ${label}.`,
    properties: {},
    required: [],
  },
  attributes: { uiAttributes: { isSource: true, category: "streaming", label } },
});

const destinationTarget = (
  label: string,
  properties: Record<string, unknown>,
  required: string[],
): ConnectionSpec["targetSpec"] => ({
  name: `${label} destination`,
  type: "Stream",
  spec: {
    $schema: DRAFT_07,
    type: "object",
    description: `Defines the destination parameters of ${label}.`,
    properties,
    required,
    additionalProperties: false,
  },
  attributes: { uiAttributes: { isDestination: true, category: "cloudStorage", label } },
});

export const CONNECTION_SPECS: readonly ConnectionSpec[] = [
  {
    id: KINESIS_SPEC_ID,
    name: "Amazon Kinesis",
    providerId: "0ed90a81-07f4-4586-8190-b40eccef1c5a",
    version: "1.0",
    authSpec: [
      {
        name: "Aws Kinesis authentication credentials",
        type: "KeyBased",
        spec: {
          $schema: DRAFT_07,
          type: "object",
          description: "Access key authentication for Amazon Kinesis.",
          properties: {
            accessKeyId: { type: "string", description: "AWS access key id." },
            secretKey: { type: "string", format: "password", description: "AWS secret access key." },
            region: { type: "string", description: "AWS region of the stream, e.g. eu-central-1." },
            connectionUrl: { type: "string", description: "Optional Kinesis endpoint URL." },
          },
          required: ["accessKeyId", "secretKey", "region"],
          additionalProperties: false,
        },
      },
    ],
    sourceSpec: streamingSource("Amazon Kinesis"),
    targetSpec: destinationTarget(
      "Amazon Kinesis",
      {
        stream: { type: "string", minLength: 1, description: "Name of an existing Kinesis data stream." },
        region: { type: "string", minLength: 1, description: "AWS region of the stream, e.g. eu-central-1." },
        ...segmentToggles,
      },
      ["stream", "region"],
    ),
    attributes: { category: "Streaming", isSource: true, isDestination: true },
    permissionsInfo: permissions("EnterpriseDestination"),
  },
  {
    id: EVENT_HUBS_SPEC_ID,
    name: "Azure Event Hubs",
    providerId: "0ed90a81-07f4-4586-8190-b40eccef1c5a",
    version: "1.0",
    authSpec: [
      {
        name: "Azure EventHub authentication credentials",
        type: "KeyBased",
        spec: {
          $schema: DRAFT_07,
          type: "object",
          description: "Shared access signature authentication for Azure Event Hubs.",
          properties: {
            sasKeyName: { type: "string", description: "Name of the SAS policy." },
            sasKey: { type: "string", format: "password", description: "Primary key of the SAS policy." },
            namespace: { type: "string", description: "Event Hubs namespace." },
            eventHubName: { type: "string", description: "Event hub name (SAS variant)." },
          },
          required: ["sasKeyName", "sasKey", "namespace"],
          additionalProperties: false,
        },
      },
    ],
    sourceSpec: streamingSource("Azure Event Hubs"),
    targetSpec: destinationTarget(
      "Azure Event Hubs",
      { eventHubName: { type: "string", minLength: 1, description: "Name of the event hub." }, ...segmentToggles },
      ["eventHubName"],
    ),
    attributes: { category: "Streaming", isSource: true, isDestination: true },
    permissionsInfo: permissions("EnterpriseDestination"),
  },
  {
    id: UPS_SPEC_ID,
    name: "Profile Service",
    providerId: "521eee4d-8cd2-4e87-a7fc-c4b5d3ddfa2a",
    version: "1.0",
    authSpec: [],
    sourceSpec: {
      name: "Profile Service source",
      type: "ProfileFragments",
      spec: {
        $schema: DRAFT_07,
        type: "object",
        description: "Profiles exported from the Real-Time Customer Profile store.",
        properties: {},
      },
      attributes: { uiAttributes: { isSource: true, category: "profile", label: "Profile Service" } },
    },
    attributes: { category: "Profile", isSource: true },
    permissionsInfo: permissions("ActivateDestinations"),
  },
];

export const FLOW_SPECS: readonly FlowSpec[] = [
  {
    id: DESTINATION_FLOW_SPEC_ID,
    name: "Profile Based Destinations",
    providerId: "521eee4d-8cd2-4e87-a7fc-c4b5d3ddfa2a",
    version: "1.0",
    sourceConnectionSpecIds: [UPS_SPEC_ID],
    targetConnectionSpecIds: [KINESIS_SPEC_ID, EVENT_HUBS_SPEC_ID],
    attributes: { isSourceFlow: false, isDestinationFlow: true },
    permissionsInfo: permissions("ActivateDestinations"),
  },
];

export function connectionSpec(id: unknown): ConnectionSpec | undefined {
  return CONNECTION_SPECS.find((spec) => spec.id === id);
}

export function flowSpec(id: unknown): FlowSpec | undefined {
  return FLOW_SPECS.find((spec) => spec.id === id);
}

/** A destination spec is one whose targetSpec is marked as a destination in its UI attributes. */
export function isDestinationSpec(spec: ConnectionSpec | undefined): boolean {
  const ui = spec?.targetSpec?.attributes.uiAttributes as { isDestination?: boolean } | undefined;
  return ui?.isDestination === true;
}

/** The names of the `format: password` fields of an auth spec (never echoed on GET). */
export function secretFields(spec: ConnectionSpec | undefined, authSpecName: unknown): string[] {
  const auth = spec?.authSpec.find((a) => a.name === authSpecName);
  const properties = (auth?.spec.properties ?? {}) as Record<string, { format?: string }>;
  return Object.entries(properties)
    .filter(([, schema]) => schema.format === "password")
    .map(([name]) => name);
}
