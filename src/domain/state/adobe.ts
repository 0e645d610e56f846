// Adobe's published identifiers for the objects every destination shares, whatever its type
// (flow-service-notes.md §2). They are facts of Adobe's API, not choices of ours; what belongs to one
// destination type is in destination-types/.

export const PROFILE_CONNECTION_SPEC_ID = "8a9c3494-9708-43d7-ae3f-cda01e5030e1";
/** The flow spec of profile-based destinations, used by Adobe's streaming tutorial. */
export const DESTINATION_FLOW_SPEC_ID = "71471eba-b620-49e4-90fd-23f1fa0174d8";
export const SPEC_VERSION = "1.0";
