// Desired state: what the YAML says, after loading and validation (src/config produces it).
// Every item keeps the place it came from, so later checks (live references, guardrails) can point at
// file:line:column too.
import type { DestinationType } from "../destination-types/index.js";

export type FlowState = "enabled" | "disabled";

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** A credential field as written: a literal (non-secret fields only) or an `${env:NAME}` reference. */
export type CredentialValue = { literal: string } | { env: string };

export interface DesiredAccount {
  name: string;
  /** The name shown in Adobe, when it differs from the YAML identity (e.g. "Marketing AWS"). */
  displayName?: string;
  type: DestinationType;
  description?: string;
  /** Field name (as Adobe's authSpec names it, e.g. accessKeyId, secretKey, region) → value. */
  credentials: Record<string, CredentialValue>;
  /** Where each credential is written, so a variable that is not set is reported at its reference. */
  credentialSources?: Record<string, SourceLocation>;
  /** Take over this existing, unmanaged base connection (written by `aep-gitops import`). */
  adoptId?: string;
  /** The account's previous name: its live base connection is renamed in place. */
  renamedFrom?: string;
  source: SourceLocation;
}

/**
 * When an audience's members are exported (Adobe's per-audience activation schedule: the selector's
 * `value.schedule`), as YYYY-MM-DD dates; no end date: until the audience is removed.
 */
export interface AudienceSchedule {
  startDate?: string;
  endDate?: string;
}

export interface DesiredAudience {
  /** The audience (segment definition) id; absent when given by name only, resolved per sandbox. */
  id?: string;
  name?: string;
  /** Data-usage labels, from the sandbox when the reference is resolved (the YAML does not set them). */
  labels?: string[];
  /** Where the audience comes from (CLOUD, CUSTOM_UPLOAD, …), from the sandbox likewise. */
  origin?: string;
  /** The merge policy Adobe evaluates the audience with (its datasets carry field labels), from the sandbox. */
  mergePolicyId?: string;
  /** Adobe's name for `id`, once resolved against the sandbox: `name` is the YAML's label, which may differ. */
  adobeName?: string;
  /** The YAML gives no id: `id` is the one resolved from `name`. */
  idFromName?: boolean;
  /** Set in YAML: the dates are managed. Absent: whatever schedule Adobe holds is kept. */
  schedule?: AudienceSchedule;
  source: SourceLocation;
}

export interface DesiredAttribute {
  /** An XDM path such as person.lastName. */
  path: string;
  source: SourceLocation;
}

/**
 * A marketing action of Adobe's Policy Service (`core/emailTargeting`, `custom/crmSync`) a destination's
 * data is used for, and where it is declared: the destination's YAML, or the tool config's default.
 */
export interface MarketingActionRef {
  ref: string;
  source: SourceLocation;
}

export interface DesiredDestination {
  name: string;
  /** The dataflow's name in Adobe, when it differs from the YAML identity. */
  displayName?: string;
  type: DestinationType;
  account: string;
  description?: string;
  state: FlowState;
  /** Target-connection params as Adobe names them (stream, region / eventHubName, include…). */
  target: Record<string, string | boolean>;
  /** Where the `target` mapping and each of its params are written, for problems about them. */
  targetSource?: SourceLocation;
  targetSources?: Record<string, SourceLocation>;
  audiences: DesiredAudience[];
  profileAttributes: DesiredAttribute[];
  /** Declared in YAML (`[]`: none, on purpose); absent: the tool config's default, if any. */
  marketingActions?: MarketingActionRef[];
  /** Take over this existing, unmanaged dataflow and its target connection (written by `aep-gitops import`). */
  adoptId?: string;
  /** The destination's previous name: its live flow and target connection are renamed in place. */
  renamedFrom?: string;
  source: SourceLocation;
}

/** Everything desired for one sandbox. */
export interface DesiredSandbox {
  sandbox: string;
  /** The folders or files the YAML was read from (for messages). */
  paths: string[];
  accounts: DesiredAccount[];
  destinations: DesiredDestination[];
  /** Set when a plan is narrowed to some destinations (--destination; domain/destination-filter.ts). */
  filter?: DesiredFilter;
}

/**
 * What a narrowed desired state remembers of the filter: the patterns (the plan shows them and the
 * checksum binds them), and every name the YAML left out claims (its name and renamedFrom), so the
 * live objects of those are never taken for orphans of this plan.
 */
export interface DesiredFilter {
  /** Sorted, without repeats. */
  patterns: string[];
  outside: { destinations: string[]; accounts: string[] };
}
