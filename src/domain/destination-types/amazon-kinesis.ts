// Amazon Kinesis: one JSON record per qualified profile into a Kinesis data stream
// (help/destinations/catalog/cloud-storage/amazon-kinesis.md; ids from streaming-destinations.md).
import type { DestinationTypeSpec } from "./destination-type.js";

export const amazonKinesis = {
  type: "amazon-kinesis",
  label: "Amazon Kinesis",
  targetNoun: "stream",
  connectionSpecId: "86043421-563b-46ec-8e6c-e23184711bf6",
  authSpecName: "Aws Kinesis authentication credentials",
  // "Supported audiences" on help/destinations/catalog/cloud-storage/amazon-kinesis.md: audiences of the
  // Segmentation Service and custom (CSV) uploads.
  audienceOrigins: ["REAL_TIME_CUSTOMER_PROFILE", "CUSTOM_UPLOAD"],
  credentials: [
    { name: "accessKeyId", role: "key" },
    { name: "secretKey", role: "secret" },
    { name: "region", role: "setting" },
  ],
  // "For the Amazon Kinesis, Azure Event Hubs, and HTTP API destinations, the metrics related to
  // identities excluded, failed, and activated are estimated" (help/dataflows/ui/monitor-destinations.md).
  estimatedIdentityMetrics: true,
  targetParams: [
    { name: "stream", kind: "string", where: true },
    { name: "region", kind: "string", where: true },
    { name: "includeSegmentNames", kind: "boolean" },
    { name: "includeSegmentTimestamps", kind: "boolean" },
  ],
  schema: {
    typeConst: "kinesisType",
    account: "KinesisAccount",
    destination: "KinesisDestination",
    credentials: "KinesisCredentials",
    target: "KinesisTarget",
  },
} as const satisfies DestinationTypeSpec;
