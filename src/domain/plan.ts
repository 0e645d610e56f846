// A Plan is the reviewed artefact: the exact API calls, grouped into changes, in execution order.
// Renderers (src/report) turn it into text, markdown and JSON; the executor (src/reconcile) replays it.
import type { FlowState } from "./desired.js";
import type { DestinationType } from "./destination-types/index.js";
import type { LiveMeta } from "./live.js";

export type ChangeAction = "create" | "update" | "delete" | "orphan" | "adopt";
export type ResourceKind = "profile-connection" | "profile-source" | "account" | "target-connection" | "flow";

/**
 * One Flow Service call. Ids of objects created earlier in the same apply are written as
 * `{{<ref>.id}}` (e.g. `{{account/kinesis-marketing.id}}`) and filled in by the executor; credentials
 * appear only as `${env:NAME}` references, resolved at execution time, so a plan never holds a secret.
 */
export interface ApiCall {
  method: "POST" | "PATCH" | "DELETE";
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** The etag the call is guarded by; volatile, so excluded from the checksum. */
  ifMatch?: string;
}

export interface FieldChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

export interface Attribution extends LiveMeta {
  /** True when the last writer was this tool's own client. */
  byThisTool: boolean;
}

export interface Change {
  /** Stable reference, also the key other changes depend on: `account/NAME`, `target/DEST`, `flow/DEST`, `profile-connection`, `profile-source`. */
  ref: string;
  action: ChangeAction;
  resource: ResourceKind;
  /** The YAML identity (account or destination name), or the shared Profile objects. */
  name: string;
  liveId?: string;
  fields: FieldChange[];
  calls: ApiCall[];
  dependsOn: string[];
  /** Why the change exists when the fields alone do not say (orphans, duplicates, replacements). */
  reason?: string;
  /** Credential rotation is a section of its own: write-only values, never shown as drift. */
  credentials?: "set" | "rotate";
  /** Who last changed the live object; present for updates, deletes and orphans. */
  attribution?: Attribution;
}

export interface AudienceRef {
  id: string;
  name?: string;
}

/** What starts or stops leaving the company for one destination. */
export interface EgressDelta {
  destination: string;
  type?: DestinationType;
  /** started: a new or re-enabled flow; stopped: deleted or disabled; changed: selectors moved. */
  status: "started" | "stopped" | "changed";
  state?: { before?: FlowState | string; after?: FlowState | string };
  audiencesAdded: AudienceRef[];
  audiencesRemoved: AudienceRef[];
  attributesAdded: string[];
  attributesRemoved: string[];
}

export interface Refusal {
  rule: "empty-desired" | "max-change" | "foreign-object" | "unsupported-change" | "guardrail";
  message: string;
  /** How to override or resolve it: every guard says. */
  hint: string;
}

export interface Note {
  level: "info" | "warning";
  message: string;
}

export interface SandboxPlan {
  sandbox: string;
  changes: Change[];
  egress: EgressDelta[];
  refusals: Refusal[];
  notes: Note[];
  /** How many managed objects are live (the base of the change threshold). */
  managedCount: number;
}

export interface PlanSummary {
  add: number;
  change: number;
  destroy: number;
  orphaned: number;
  adopt: number;
}

export interface Plan {
  version: 1;
  sandboxes: SandboxPlan[];
  summary: PlanSummary;
  /** sha256 of the canonical call list (etags excluded): binds an apply to the reviewed plan. */
  checksum: string;
}
