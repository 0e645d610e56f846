// The tool config the governance specs (CLI and Action) run with: a deny-by-attribute and a
// deny-by-label policy, as the README's "Data governance" section shows them.
export const POLICIES_CONFIG = `sandboxes:
  prod: [destinations]
policies:
  - id: no-email-to-kinesis
    message: Email addresses never go to Kinesis streams
    deny:
      attributes: ["personalEmail.*"]
      destinations: { type: amazon-kinesis }
  - id: no-c5-to-partners
    message: Audiences labelled C5 stay in-house
    deny:
      audienceLabels: ["core/C5"]
      destinations: { name: "partner-*" }
`;

/** Labelled core/C5 in the emulator's prod sandbox. */
export const HIGH_VALUE_C5 = "22a6a416-9144-4566-a44a-41301747d69e";
