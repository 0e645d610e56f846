// A problem is something wrong with the YAML, always at a place in a file: found offline by validation
// (src/config) or against the live sandbox when planning (unknown audiences). Every rule id a problem
// can carry is listed here with what it means. Ids are stable: CI scripts and editors may filter on
// them; docs/design.md lists the same table, and a test checks that each id has a case.
import type { SourceLocation } from "../state/desired.js";

/** Found offline, from the files alone (`aep-gitops validate`). */
export const CONFIG_RULES = {
  // Reading files
  "path-not-found": "a folder or file given to validate does not exist",
  "no-files": "a folder holds no .yaml or .yml file (warning)",
  "read-error": "a file could not be read",
  "file-too-large": "a file is over 1 MiB",
  encoding: "a file is not UTF-8",
  "empty-file": "a file holds no YAML document",
  "yaml-syntax": "YAML syntax error (unknown tags are warnings)",
  "duplicate-key": "a key appears twice in one mapping",
  "alias-limit": "anchors and aliases expand beyond the limit (an alias bomb)",
  // Layer 1: structure
  "api-version": "apiVersion is not aep-gitops/v1",
  "unknown-kind": "kind is not Account or Destination",
  schema: "the document does not match the JSON Schema (missing or unknown field, wrong type or value)",
  "audience-id": "an audience id is not a lower-case UUID",
  "xdm-path": "a profile attribute is not a dotted XDM path",
  "literal-secret": "a secret credential field holds a value instead of ${env:NAME}",
  "env-ref": "an environment reference is malformed, or stands outside an account's credentials",
  "env-name": "a credential refers to a variable of the tool or the runner, or one outside the tool config's prefixes",
  // Layer 2: meaning
  "duplicate-name": "two accounts or two destinations share a name in a sandbox",
  "renamed-from": "renamedFrom names an account or destination that is still declared (or is claimed twice)",
  "unknown-account": "a destination references an account the sandbox does not declare",
  "type-mismatch": "a destination's type differs from its account's",
  "duplicate-audience": "an audience is listed twice in a destination",
  "duplicate-attribute": "a profile attribute is listed twice in a destination",
  "audience-schedule":
    "an audience's schedule names a day that does not exist or ends before it starts, or stands without an id or name",
  "guardrail-audiences": "more than 250 audiences in a destination (warning)",
  "guardrail-attributes": "more than 50 profile attributes in a destination (warning)",
  "guardrail-destinations": "more than 100 destinations in a sandbox (warning)",
  "shared-target": "two destinations write to the same stream or event hub (warning)",
  // The tool config
  "tool-config": "the tool config does not match its schema, or names a folder that does not exist",
} as const;

/** Found when planning, against what the sandbox holds and the command's environment (`plan`, `apply`, `drift`). */
export const LIVE_RULES = {
  "unknown-audience": "an audience id or name does not exist in the sandbox",
  "audience-name": "an audience's name in YAML differs from its name in the sandbox (warning)",
  "ambiguous-audience": "an audience given by name matches several audiences in the sandbox",
  "inactive-audience": "an audience exists but is inactive, deleted or a draft: Adobe exports only active audiences",
  "audience-origin": "an audience comes from an origin the destination type cannot export",
  "connection-spec": "a credential or target param is not what the sandbox's connection spec accepts",
  "env-not-set":
    "a credential's environment variable that apply will send is not set (a warning with --secrets optional)",
  "xdm-union":
    "a profile attribute is not a leaf field of the sandbox's Profile union schema (unknown, an array, a map or an object)",
  policy:
    "a data policy of the tool config (or a built-in one) forbids what the YAML exports, or requires what it lacks",
  "kinesis-stream":
    "a Kinesis stream a new or re-pointed destination writes to does not exist in its region (checked with the account's credentials)",
  "stream-capacity":
    "the backfill of the audiences a plan adds would outlast Adobe's backfill hour at the stream's open shards' write limit (warning)",
  "adobe-policy":
    "Adobe's own data-usage policy (Policy Service) forbids a destination's marketing action on an audience's labels or an exported attribute's",
} as const;

export const RULES = { ...CONFIG_RULES, ...LIVE_RULES } as const;

export type RuleId = keyof typeof RULES;

export interface Problem extends SourceLocation {
  rule: RuleId;
  severity: "error" | "warning";
  message: string;
  hint?: string;
  /** For rule `policy`: the id of the policy that was violated; for `adobe-policy`, Adobe's policy id. */
  policy?: string;
}
