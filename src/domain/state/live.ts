// Live state: what the Flow Service holds, already mapped from Adobe's JSON by the aep edge
// (src/aep/mapping.ts). Only the fields the planner compares are kept; everything else is Adobe's.
import type { AudienceSchedule, FlowState } from "./desired.js";
import type { DestinationType } from "../destination-types/index.js";
import type { Owner } from "../plan/ownership.js";

/** Who last wrote an object (flow-service-notes.md §15), for drift attribution. */
export interface LiveMeta {
  createdAt?: number;
  updatedAt?: number;
  createdBy?: string;
  updatedBy?: string;
  createdClient?: string;
  updatedClient?: string;
}

interface LiveObject {
  id: string;
  name: string;
  /** The user's part of the description, marker removed. */
  description: string;
  owner?: Owner;
  etag: string;
  meta: LiveMeta;
}

/** A base connection: a destination account, or the Profile store connection. */
export interface LiveConnection extends LiveObject {
  specId: string;
  type?: DestinationType;
  /** Auth params as Adobe returns them: secrets masked, the rest (region, namespace) readable. */
  authParams?: Record<string, unknown>;
}

export interface LiveTargetConnection extends LiveObject {
  specId: string;
  type?: DestinationType;
  baseConnectionId: string;
  params: Record<string, unknown>;
}

export interface LiveSourceConnection extends LiveObject {
  baseConnectionId?: string;
}

export interface LiveAudienceSelector {
  id: string;
  name?: string;
  /** The dates of the selector's `value.schedule`, when it has any. */
  schedule?: AudienceSchedule;
  /**
   * The selector exactly as Adobe holds it: what a JSON Patch `remove` carries as its value, and what a
   * `replace` sends back with only the fields the YAML manages changed.
   */
  item?: unknown;
}

export interface LiveAttributeSelector {
  path: string;
  item?: unknown;
}

export interface LiveFlow extends LiveObject {
  /** From the target connection's spec, as Adobe reports it in inheritedAttributes. */
  type?: DestinationType;
  state: FlowState | string;
  flowSpecId: string;
  sourceConnectionIds: string[];
  targetConnectionIds: string[];
  /** False when the flow's transformations are not the single GeneralTransform we manage. */
  standardTransformations: boolean;
  /** In server order: indices matter for JSON Patch removes. */
  audiences: LiveAudienceSelector[];
  attributes: LiveAttributeSelector[];
}

export interface LiveSandbox {
  sandbox: string;
  connections: LiveConnection[];
  targetConnections: LiveTargetConnection[];
  flows: LiveFlow[];
  /** Our Profile source connection, when the reader looked for one (only needed to create flows). */
  profileSource?: LiveSourceConnection;
  profileBase?: LiveConnection;
  /**
   * Adobe's refusal of PATCH on this sandbox's connections (e.g. `400 FLOW-1445-400`), when a probe or
   * the sandbox lock's take met one: accounts can then be created and deleted there, nothing else.
   */
  connectionPatchRefused?: string;
}
