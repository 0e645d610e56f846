// The emulator's configuration: defaults, merging of a partial config, and loading a JSON/YAML file.
import { readFile } from "node:fs/promises";
import YAML from "yaml";
import {
  apiSwitch,
  auditLinks,
  auditListKey,
  audiencePageSize,
  audienceStart,
  booleanKey,
  clockSkewSeconds,
  deleteStatus,
  flowPatchResponse,
  patchConnectionsMode,
  patchRemoveIndexes,
  runsListCap,
  specOverrides,
  tenantNamespace,
  unionSchemas,
  type ApiSwitch,
  type AuditLinks,
  type AuditListKey,
  type AudienceStart,
  type DeleteStatus,
  type FlowPatchResponse,
  type PatchConnectionsMode,
  type PatchRemoveIndexes,
  type SpecOverride,
} from "./config-checks.js";
import { AUDIENCE_TYPES, LIFECYCLE_STATES, seededAudiences, type AudienceSeed } from "./segments-seed.js";
import { parseFaultConfig, type FaultConfig } from "./faults.js";
import { isPlainObject } from "./types.js";

export type {
  ApiSwitch,
  AuditLinks,
  AuditListKey,
  AudienceStart,
  DeleteStatus,
  FlowPatchResponse,
  PatchConnectionsMode,
  PatchRemoveIndexes,
  SpecOverride,
} from "./config-checks.js";

export interface ClientConfig {
  clientId: string;
  clientSecret: string;
  /**
   * Stands for a person editing in Adobe's UI: objects it writes are stamped `updatedClient: "exc_app"` and
   * `updatedBy: "<clientId>@AdobeID"`. Defaults to true for the client id `ui-editor`, false otherwise.
   */
  ui?: boolean;
  /**
   * The e-mail audit events name as `userEmail`. Defaults to `<clientId>@example.com` for a UI client (a
   * person) and `<clientId>@techacct.adobe.com` for an API client (a technical account).
   */
  email?: string;
}

export interface EmulatorConfig {
  orgId: string;
  sandboxes: string[];
  clients: ClientConfig[];
  /** Lifetime of IMS access tokens; `expires_in` reports it. Adobe: 86399. */
  tokenTtlSeconds: number;
  /** true: a missing `x-sandbox-name` is 400 FLOW-2105-400 instead of defaulting to `prod`. */
  strictSandboxHeader: boolean;
  /**
   * DELETE success status: "documented" (default) answers as Adobe's page for each resource says (204 for a
   * base connection, 202 for a flow, a source or a target connection); 202 or 204 answers that for all.
   */
  deleteStatus: DeleteStatus;
  /** PATCH /flows/{id}: "accepted" (default) 202 without a body, or "etag" 200 {id, etag}. */
  flowPatchResponse: FlowPatchResponse;
  /** Indexes of several `remove`s in one PATCH: "sequential" (RFC 6902, default) or "original" (as it arrived). */
  patchRemoveIndexes: PatchRemoveIndexes;
  /** Seeded audiences per sandbox; a sandbox listed here replaces the default seed. */
  audiences: Record<string, AudienceSeed[]>;
  /** Server-side cap on audiences and segment definitions per page, whatever `limit` asks; null: no cap. */
  audiencePageSize: number | null;
  /** What `start` counts in the Audiences API: pages (Adobe's example link) or items. */
  audienceStart: AudienceStart;
  /** The Audiences API: served, or refused with 403 (gateway style) or 404 (as if absent). */
  audiencesApi: ApiSwitch;
  /** Per connection spec id: params removed from its served (and enforced) JSON Schemas. */
  connectionSpecOverrides: Record<string, SpecOverride>;
  /** true: refuse what Adobe's specs say a client must not send (selectors on create, remove without value). */
  strictRequests: boolean;
  /** PATCH /connections/{id}: served, FLOW-1445-400 ("feature-disabled"), 405 or 403. */
  patchConnections: PatchConnectionsMode;
  /** Shifts the emulator's clock (Date header and every stamp) relative to the machine's, in seconds. */
  clockSkewSeconds: number;
  /** The tenant namespace of custom XDM fields (`meta:tenantNamespace`), underscore included. */
  tenantNamespace: string;
  /** Per sandbox: a full Profile union schema served instead of the built-in one. */
  unionSchema: Record<string, Record<string, unknown>>;
  /** The Schema Registry: served, or refused with 403 (gateway style) or 404 (as if absent). */
  schemaRegistry: ApiSwitch;
  /** Server-side cap on a runs list: at most that many items and no next link; null: no cap. */
  runsListCap: number | null;
  /** GET /runs and /runs/{id}: served, or refused with 403 (gateway style) or 404 (as if absent). */
  runsApi: ApiSwitch;
  /** The Audit Query API: served, or refused with 403 (gateway style) or 404 (as if absent). */
  auditApi: ApiSwitch;
  /** The Policy Service's evaluation routes (dulepolicy): served, or refused with 403 or 404. */
  policyApi: ApiSwitch;
  /** The Profile API's merge policies: served, or refused with 403 or 404. */
  mergePoliciesApi: ApiSwitch;
  /** Where audit events sit: `_embedded.events` (spec, events page) or `_embedded.customerAuditLogList` (Postman). */
  auditListKey: AuditListKey;
  /** Audit paging links: the page's templated `page` link only, or a `next` link as well. */
  auditLinks: AuditLinks;
  faults: FaultConfig;
}

export const DEFAULT_ORG = "DEMOORG0000000000000000@AdobeOrg";

export function defaultConfig(): EmulatorConfig {
  return {
    orgId: DEFAULT_ORG,
    sandboxes: ["prod", "dev"],
    clients: [
      { clientId: "demo-client", clientSecret: "demo-secret" },
      { clientId: "ui-editor", clientSecret: "ui-secret", ui: true },
      // A second person in Adobe's UI, so audit trails can tell two people apart.
      { clientId: "ui-reviewer", clientSecret: "ui-reviewer-secret", ui: true },
    ],
    tokenTtlSeconds: 86399,
    strictSandboxHeader: false,
    deleteStatus: "documented",
    flowPatchResponse: "accepted",
    patchRemoveIndexes: "sequential",
    audiences: seededAudiences(),
    audiencePageSize: null,
    audienceStart: "page",
    audiencesApi: "enabled",
    connectionSpecOverrides: {},
    strictRequests: false,
    patchConnections: "enabled",
    clockSkewSeconds: 0,
    tenantNamespace: "_demoorg",
    unionSchema: {},
    schemaRegistry: "enabled",
    runsListCap: null,
    runsApi: "enabled",
    auditApi: "enabled",
    policyApi: "enabled",
    mergePoliciesApi: "enabled",
    auditListKey: "events",
    auditLinks: "page",
    faults: {},
  };
}

/** Merges a partial config over the defaults and checks it; throws an Error naming the bad key. */
export function resolveConfig(partial: Partial<EmulatorConfig> = {}): EmulatorConfig {
  const base = defaultConfig();
  const config: EmulatorConfig = {
    ...base,
    ...partial,
    audiences: { ...base.audiences, ...(partial.audiences ?? {}) },
    faults: parseFaultConfig(partial.faults ?? {}),
  };
  if (typeof config.orgId !== "string" || !config.orgId.endsWith("@AdobeOrg"))
    throw new Error("config.orgId must end with @AdobeOrg");
  if (
    !Array.isArray(config.sandboxes) ||
    config.sandboxes.length === 0 ||
    !config.sandboxes.every((s) => typeof s === "string" && s.length > 0)
  ) {
    throw new Error("config.sandboxes must be a non-empty list of sandbox names");
  }
  if (
    !Array.isArray(config.clients) ||
    !config.clients.every(
      (c) => isPlainObject(c) && typeof c.clientId === "string" && typeof c.clientSecret === "string",
    )
  ) {
    throw new Error("config.clients must be a list of {clientId, clientSecret}");
  }
  config.clients.forEach((c, i) => {
    if (c.email !== undefined && (typeof c.email !== "string" || !c.email.includes("@")))
      throw new Error(`config.clients[${i}].email must be an e-mail address`);
  });
  if (typeof config.tokenTtlSeconds !== "number" || !(config.tokenTtlSeconds > 0))
    throw new Error("config.tokenTtlSeconds must be a positive number");
  config.deleteStatus = deleteStatus(config.deleteStatus);
  config.flowPatchResponse = flowPatchResponse(config.flowPatchResponse);
  config.patchRemoveIndexes = patchRemoveIndexes(config.patchRemoveIndexes);
  for (const [sandbox, list] of Object.entries(config.audiences)) {
    if (
      !Array.isArray(list) ||
      !list.every((a) => isPlainObject(a) && typeof a.id === "string" && typeof a.name === "string")
    ) {
      throw new Error(`config.audiences.${sandbox} must be a list of {id, name, description?}`);
    }
    list.forEach((seed, i) => checkAudienceSeed(seed, `config.audiences.${sandbox}[${i}]`));
  }
  config.audiencePageSize = audiencePageSize(config.audiencePageSize);
  config.audienceStart = audienceStart(config.audienceStart);
  config.audiencesApi = apiSwitch("audiencesApi", config.audiencesApi);
  config.connectionSpecOverrides = specOverrides(config.connectionSpecOverrides);
  config.strictRequests = booleanKey("strictRequests", config.strictRequests);
  config.patchConnections = patchConnectionsMode(config.patchConnections);
  config.clockSkewSeconds = clockSkewSeconds(config.clockSkewSeconds);
  config.tenantNamespace = tenantNamespace(config.tenantNamespace);
  config.unionSchema = unionSchemas(config.unionSchema, config.sandboxes);
  config.schemaRegistry = apiSwitch("schemaRegistry", config.schemaRegistry);
  config.runsListCap = runsListCap(config.runsListCap);
  config.runsApi = apiSwitch("runsApi", config.runsApi);
  config.auditApi = apiSwitch("auditApi", config.auditApi);
  config.policyApi = apiSwitch("policyApi", config.policyApi);
  config.mergePoliciesApi = apiSwitch("mergePoliciesApi", config.mergePoliciesApi);
  config.auditListKey = auditListKey(config.auditListKey);
  config.auditLinks = auditLinks(config.auditLinks);
  return config;
}

function checkAudienceSeed(seed: AudienceSeed, at: string): void {
  if (seed.type !== undefined && !AUDIENCE_TYPES.includes(seed.type))
    throw new Error(`${at}.type must be one of ${AUDIENCE_TYPES.join(", ")}`);
  if (seed.lifecycleState !== undefined && !LIFECYCLE_STATES.includes(seed.lifecycleState))
    throw new Error(`${at}.lifecycleState must be one of ${LIFECYCLE_STATES.join(", ")}`);
  if (seed.labels !== undefined && !(Array.isArray(seed.labels) && seed.labels.every((l) => typeof l === "string")))
    throw new Error(`${at}.labels must be a list of strings such as "core/C1"`);
  const total = seed.totalProfiles;
  if (total !== undefined && total !== null && !(Number.isSafeInteger(total) && total >= 0))
    throw new Error(`${at}.totalProfiles must be a non-negative integer, or null for no metrics`);
  for (const key of ["description", "expression", "audienceId", "originName", "namespace"] as const) {
    if (seed[key] !== undefined && typeof seed[key] !== "string") throw new Error(`${at}.${key} must be a string`);
  }
}

export function isUiClient(client: ClientConfig): boolean {
  return client.ui ?? client.clientId === "ui-editor";
}

/** The e-mail a client's audit events carry (see ClientConfig.email). */
export function clientEmail(config: EmulatorConfig, clientId: string, ui: boolean): string {
  const configured = config.clients.find((c) => c.clientId === clientId)?.email;
  return configured ?? `${clientId}@${ui ? "example.com" : "techacct.adobe.com"}`;
}

/** Reads a config file; YAML is a superset of JSON, so one parser serves both. */
export async function loadConfigFile(file: string): Promise<Partial<EmulatorConfig>> {
  const text = await readFile(file, "utf8");
  const parsed: unknown = YAML.parse(text);
  if (parsed === null || parsed === undefined) return {};
  if (!isPlainObject(parsed)) throw new Error(`${file}: the emulator config must be a mapping`);
  return parsed as Partial<EmulatorConfig>;
}
