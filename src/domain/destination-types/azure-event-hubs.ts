// Azure Event Hubs: one event per qualified profile into an event hub of a namespace
// (help/destinations/catalog/cloud-storage/azure-event-hubs.md; ids from streaming-destinations.md).
import type { DestinationTypeSpec } from "./destination-type.js";

export const azureEventHubs = {
  type: "azure-event-hubs",
  label: "Azure Event Hubs",
  targetNoun: "event hub",
  connectionSpecId: "bf9f5905-92b7-48bf-bf20-455bc6b60a4e",
  authSpecName: "Azure EventHub authentication credentials",
  // "Supported audiences" on help/destinations/catalog/cloud-storage/azure-event-hubs.md: audiences of the
  // Segmentation Service and custom (CSV) uploads.
  audienceOrigins: ["REAL_TIME_CUSTOMER_PROFILE", "CUSTOM_UPLOAD"],
  credentials: [
    { name: "sasKeyName", role: "key" },
    { name: "sasKey", role: "secret" },
    { name: "namespace", role: "setting" },
  ],
  // "For the Amazon Kinesis, Azure Event Hubs, and HTTP API destinations, the metrics related to
  // identities excluded, failed, and activated are estimated" (help/dataflows/ui/monitor-destinations.md).
  estimatedIdentityMetrics: true,
  targetParams: [
    { name: "eventHubName", kind: "string", where: true },
    { name: "includeSegmentNames", kind: "boolean" },
    { name: "includeSegmentTimestamps", kind: "boolean" },
  ],
  schema: {
    typeConst: "eventHubsType",
    account: "EventHubsAccount",
    destination: "EventHubsDestination",
    credentials: "EventHubsCredentials",
    target: "EventHubsTarget",
  },
} as const satisfies DestinationTypeSpec;
