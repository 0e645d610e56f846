// Adobe's published identifiers for the objects aep-gitops manages (flow-service-notes.md §2).
// They are facts of Adobe's API, not choices of ours.
import type { DestinationType } from "./desired.js";

export const PROFILE_CONNECTION_SPEC_ID = "8a9c3494-9708-43d7-ae3f-cda01e5030e1";
/** The flow spec of profile-based destinations, used by Adobe's streaming tutorial. */
export const DESTINATION_FLOW_SPEC_ID = "71471eba-b620-49e4-90fd-23f1fa0174d8";
export const SPEC_VERSION = "1.0";

export interface DestinationTypeInfo {
  connectionSpecId: string;
  authSpecName: string;
  label: string;
}

export const DESTINATION_TYPES: Record<DestinationType, DestinationTypeInfo> = {
  "amazon-kinesis": {
    connectionSpecId: "86043421-563b-46ec-8e6c-e23184711bf6",
    authSpecName: "Aws Kinesis authentication credentials",
    label: "Amazon Kinesis",
  },
  "azure-event-hubs": {
    connectionSpecId: "bf9f5905-92b7-48bf-bf20-455bc6b60a4e",
    authSpecName: "Azure EventHub authentication credentials",
    label: "Azure Event Hubs",
  },
};

export function typeForConnectionSpec(specId: string): DestinationType | undefined {
  for (const [type, info] of Object.entries(DESTINATION_TYPES)) {
    if (info.connectionSpecId === specId) return type as DestinationType;
  }
  return undefined;
}

/** Target params whose absence means "off": normalized to false on both sides before diffing. */
export const BOOLEAN_TARGET_PARAMS = ["includeSegmentNames", "includeSegmentTimestamps"] as const;
