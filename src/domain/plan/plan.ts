// A Plan is the reviewed artefact: the exact API calls, grouped into changes, in execution order.
// Renderers (src/report) turn it into text, markdown and JSON; the executor (src/reconcile) replays it.
import type { AudienceSchedule, FlowState, SourceLocation } from "../state/desired.js";
import type { DestinationType } from "../destination-types/index.js";
import type { LiveMeta } from "../state/live.js";
import type { Sample } from "../review/preview.js";
import type { Where } from "../review/where.js";

export type ChangeAction = "create" | "update" | "rename" | "delete" | "orphan" | "adopt";
export type ResourceKind = "profile-connection" | "profile-source" | "account" | "target-connection" | "flow";

/** The Flow Service collections aep-gitops reads and writes. */
export type Collection = "flows" | "connections" | "sourceConnections" | "targetConnections";

/** Which collection holds each kind of object: where it is created, re-read and deleted. */
export const COLLECTION: Record<ResourceKind, Collection> = {
  "profile-connection": "connections",
  "profile-source": "sourceConnections",
  account: "connections",
  "target-connection": "targetConnections",
  flow: "flows",
};

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

interface ChangeBase {
  /** Stable reference, also the key other changes depend on (see refs.ts): `account/NAME`, `flow/DEST#dup1`, … */
  ref: string;
  resource: ResourceKind;
  /** The YAML identity (account or destination name), or the shared Profile objects. */
  name: string;
  fields: FieldChange[];
  dependsOn: string[];
  /** Why the change exists when the fields alone do not say (orphans, duplicates, replacements). */
  reason?: string;
  /**
   * Credential writes are a section of their own: write-only values, never shown as drift. `not-compared`:
   * this plan ran without them (--secrets optional); apply sets them.
   */
  credentials?: "set" | "rotate" | "not-compared";
  /** Who last changed the live object; present for updates, deletes and orphans. */
  attribution?: Attribution;
  /** The credentials a create sends, as written in YAML (`${env:NAME}` or a literal setting): part of the checksum. */
  credentialRefs?: Record<string, string>;
  /** The YAML document that asks for the change (none for deletes, orphans and the Profile objects). */
  source?: SourceLocation;
  /**
   * Finishing what this tool started, not a change of mind: a flow it created whose selectors were
   * never set (an apply stopped between the create and its PATCH). The change guard does not count it.
   */
  completes?: true;
}

/** A new object: the first call is its POST to COLLECTION[resource]; later calls act on what it created. */
export interface CreateChange extends ChangeBase {
  action: "create";
  liveId?: undefined;
  calls: [ApiCall, ...ApiCall[]];
}

/** A live object brought in line with the YAML (a PATCH, and for flows an enable/disable action). */
export interface UpdateChange extends ChangeBase {
  action: "update";
  liveId: string;
  calls: ApiCall[];
}

/** A managed object renamed in place (`renamedFrom`): same id, a new name and marker, and any update. */
export interface RenameChange extends ChangeBase {
  action: "rename";
  liveId: string;
  calls: ApiCall[];
  renamedFrom: string;
}

/** An unmanaged object the YAML names by id (adoptId): its first write sets the ownership marker. */
export interface AdoptChange extends ChangeBase {
  action: "adopt";
  liveId: string;
  calls: ApiCall[];
}

/** A managed object that goes: an orphan with prune, or a duplicate (the nth extra copy of one name). */
export interface DeleteChange extends ChangeBase {
  action: "delete";
  liveId: string;
  calls: [ApiCall];
  duplicate?: number;
}

/** A managed object no longer in YAML, left in place: listed, never written. */
export interface OrphanChange extends ChangeBase {
  action: "orphan";
  liveId: string;
  calls: [];
  duplicate?: number;
}

export type Change = CreateChange | UpdateChange | RenameChange | AdoptChange | DeleteChange | OrphanChange;

export interface AudienceRef {
  id: string;
  /** The label the flow's selector carries: the YAML's `name` (added), the live flow's (removed). */
  name?: string;
  /** Adobe's name for the id (the Audiences API), when the plan read it: what a reviewer is shown. */
  adobeName?: string;
  /** Data-usage labels (core/C5, …) as the sandbox has them: what starts leaving carries them. */
  labels?: string[];
  /** An added audience's schedule as the YAML sets it: when its members start and stop leaving. */
  schedule?: AudienceSchedule;
  /**
   * Adobe's `totalProfiles` for it (the Audiences API's export metrics), read with the audience list:
   * how many people start or stop leaving. Absent when Adobe did not say: unknown, never 0 or a guess.
   * Information for the reviewer, outside the checksum (a size moving between plan and apply is no change).
   */
  profiles?: number;
}

/** An audience whose schedule the YAML changes: its members leave at other times than before. */
export interface AudienceRescheduled {
  id: string;
  name?: string;
  adobeName?: string;
  /** Absent when Adobe holds no schedule for it (exported from its activation on). */
  before?: AudienceSchedule;
  after: AudienceSchedule;
}

/** What starts or stops leaving the company for one destination, and where it goes. */
export interface EgressDelta {
  destination: string;
  type?: DestinationType;
  /**
   * started: a new or re-enabled flow; stopped: deleted or disabled; changed: what or where it exports
   * moved; still-exporting: an orphan left in place (prune off) that still sends data.
   */
  status: "started" | "stopped" | "changed" | "still-exporting";
  state?: { before?: FlowState | string; after?: FlowState | string };
  /** Where the data goes (see where.ts): before and after a change, after alone for a new destination. */
  target?: { before?: Record<string, unknown>; after?: Record<string, unknown> };
  /** still-exporting: how much it still sends, and why it is left in place. */
  counts?: { audiences: number; attributes: number };
  reason?: string;
  audiencesAdded: AudienceRef[];
  audiencesRemoved: AudienceRef[];
  /** Audiences kept whose schedule changes (absent when none does). */
  audiencesRescheduled?: AudienceRescheduled[];
  attributesAdded: string[];
  attributesRemoved: string[];
  /**
   * The stream or event hub the data goes to, by name (the type's `targetNoun` says which): what the
   * sizes' sentence names ("≈ 1.2 M profiles start leaving for stream `S`"). Information, outside the checksum.
   */
  targetName?: string;
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

/** One changed destination's sample record before and after the plan (domain/review/preview-changes.ts). */
export interface SamplePair {
  destination: string;
  type?: DestinationType;
  /** The record it sent before this plan; absent when it sent none (new, or disabled until now). */
  before?: Sample;
  /** The record it sends after; absent when it stops (disabled, removed). */
  after?: Sample;
}

/** added: created by this plan; removed: deleted; stopped: disabled; changed: what or where it sends moved. */
export type MapDelta = "added" | "removed" | "stopped" | "changed" | "orphan";

/** One destination of the sandbox as the picture of what leaves where draws it (domain/egress-map.ts). */
export interface MapDestination {
  name: string;
  type?: DestinationType;
  account: string;
  /** Where the data lands, without the account: the target params and account settings that place it. */
  place: Where;
  audiences: number;
  attributes: number;
  /** Whether data flows after this plan (for a removed destination: before it). */
  state: string;
  delta?: MapDelta;
  /** A changed destination: how much of what it sends moved. */
  moved?: {
    audiencesAdded: number;
    audiencesRemoved: number;
    attributesAdded: number;
    attributesRemoved: number;
    /** Audiences kept whose schedule changes (absent when none does). */
    audiencesRescheduled?: number;
  };
  /** A changed destination whose data now lands somewhere else. */
  relocated?: boolean;
  /** A changed destination that was disabled and exports again. */
  restarted?: boolean;
}

export interface EgressMap {
  destinations: MapDestination[];
}

export interface SandboxPlan {
  sandbox: string;
  /** A partial plan (--destination): the patterns it was narrowed to, sorted; bound by the checksum. */
  filter?: string[];
  changes: Change[];
  egress: EgressDelta[];
  refusals: Refusal[];
  notes: Note[];
  /** How many managed objects are live (the base of the change threshold). */
  managedCount: number;
  /**
   * For the PR comment only, added after planning (reconcile's planAll): derived from what the checksum
   * binds, so never part of it (checksum.ts picks its fields by name).
   */
  samples?: SamplePair[];
  egressMap?: EgressMap;
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
  /** A partial plan: only destinations matching these patterns (its sandboxes' filter). */
  filter?: string[];
  sandboxes: SandboxPlan[];
  summary: PlanSummary;
  /** sha256 of the plan's meaning (domain/checksum.ts): binds an apply to the reviewed plan. */
  checksum: string;
}
