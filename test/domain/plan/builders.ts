// Fluent builders for the planner's inputs, producing the real domain types (DesiredSandbox,
// LiveSandbox, PlanOptions) with only what a spec cares about:
//
//   const yaml = desired().account("kin").destination("sales", { audiences: [VIP], attributes: ["person.name"] });
//   const adobe = live().account("kin").destination("sales", { audiences: [VIP, CHURN] });
//   const plan = planOf(yaml, adobe);
//
// Defaults agree with each other: a live object built from the same arguments as a desired one is what
// an apply of that YAML leaves in Adobe (same stream, region, marker, credential variables, fingerprint),
// so a spec states only the difference it is about. Ids and etags are readable and deterministic
// (`conn-kin`, `tc-sales`, `flow-sales`, `"etag-flow-sales"`).
import type { DestinationType } from "../../../src/domain/destination-types/index.js";
import { narrowDesired } from "../../../src/domain/plan/destination-filter.js";
import type { Owner } from "../../../src/domain/plan/ownership.js";
import type { Change, SandboxPlan } from "../../../src/domain/plan/plan.js";
import { DEFAULT_PLAN_OPTIONS, type PlanOptions } from "../../../src/domain/plan/context.js";
import { planSandbox } from "../../../src/domain/plan/planner.js";
import type {
  AudienceSchedule,
  CredentialValue,
  DesiredAccount,
  DesiredAudience,
  DesiredDestination,
  DesiredSandbox,
  FlowState,
  SourceLocation,
} from "../../../src/domain/state/desired.js";
import type {
  LiveAudienceSelector,
  LiveConnection,
  LiveFlow,
  LiveMeta,
  LiveSandbox,
  LiveSourceConnection,
  LiveTargetConnection,
} from "../../../src/domain/state/live.js";

/** The tool's own IMS client: what `options()` says it is, and who last wrote live objects by default. */
export const OUR_CLIENT = "aep-gitops-client";
/** Someone editing in Adobe's UI. */
export const UI_CLIENT = "adobe-ui";

export const SPEC: Record<DestinationType, string> = {
  "amazon-kinesis": "86043421-563b-46ec-8e6c-e23184711bf6",
  "azure-event-hubs": "bf9f5905-92b7-48bf-bf20-455bc6b60a4e",
};

const CREDENTIALS: Record<DestinationType, Record<string, CredentialValue>> = {
  "amazon-kinesis": {
    accessKeyId: { literal: "AKIAEXAMPLE" },
    secretKey: { env: "KINESIS_SECRET_KEY" },
    region: { literal: "us-east-1" },
  },
  "azure-event-hubs": {
    sasKeyName: { literal: "send" },
    sasKey: { env: "EVENTHUB_SAS_KEY" },
    namespace: { literal: "acme-hubs" },
  },
};

/** What Adobe returns for an account's auth params: secrets masked, settings readable. */
const AUTH_PARAMS: Record<DestinationType, Record<string, unknown>> = {
  "amazon-kinesis": { accessKeyId: "AKIAEXAMPLE", secretKey: "***", region: "us-east-1" },
  "azure-event-hubs": { sasKeyName: "send", sasKey: "***", namespace: "acme-hubs" },
};

function defaultTarget(type: DestinationType, name: string): Record<string, string | boolean> {
  return type === "amazon-kinesis"
    ? { stream: `${name}-stream`, region: "us-east-1" }
    : { eventHubName: `${name}-hub` };
}

/** The keyed fingerprint a plan computes for an account's credentials (and its marker records). */
export const fingerprintOf = (account: string) => Buffer.from(account).toString("hex").padEnd(16, "0").slice(0, 16);

/** The `${env:NAME}` variables behind an account's credentials, as a marker records them. */
function refsOf(credentials: Record<string, CredentialValue>): Record<string, string> {
  const refs: Record<string, string> = {};
  for (const [field, value] of Object.entries(credentials)) if ("env" in value) refs[field] = value.env;
  return refs;
}

export const yamlFile = (name: string): SourceLocation => ({ file: `destinations/${name}.yaml`, line: 1, column: 1 });

// ---------------------------------------------------------------------------------------------------
// Desired state

/** An audience as a spec writes it: its id alone, or the fields it cares about. */
export type AudienceSpec = string | (Omit<DesiredAudience, "source"> & { id: string });

export interface DestinationSpec extends Partial<Omit<DesiredDestination, "audiences" | "profileAttributes" | "name">> {
  audiences?: AudienceSpec[];
  attributes?: string[];
}

export class DesiredBuilder {
  private readonly accounts: DesiredAccount[] = [];
  private readonly destinations: DesiredDestination[] = [];
  private patterns: string[] | undefined;

  constructor(
    private readonly sandbox: string,
    private readonly paths: string[],
  ) {}

  /** A Kinesis account by default; `type: "azure-event-hubs"` gives an Event Hubs one. */
  account(name: string, over: Partial<DesiredAccount> = {}): this {
    const type = over.type ?? "amazon-kinesis";
    this.accounts.push({ name, type, credentials: { ...CREDENTIALS[type] }, source: yamlFile(name), ...over });
    return this;
  }

  /** On the sandbox's first account (its type too) unless told otherwise; one audience, one attribute. */
  destination(name: string, spec: DestinationSpec = {}): this {
    const { audiences = ["aud-vip"], attributes = ["person.name.lastName"], ...over } = spec;
    const accountName = over.account ?? this.accounts[0]?.name ?? "kin";
    const type = over.type ?? this.accounts.find((a) => a.name === accountName)?.type ?? "amazon-kinesis";
    this.destinations.push({
      name,
      type,
      account: accountName,
      state: "enabled",
      target: defaultTarget(type, name),
      audiences: audiences.map((a) =>
        typeof a === "string" ? { id: a, source: yamlFile(name) } : { ...a, source: yamlFile(name) },
      ),
      profileAttributes: attributes.map((path) => ({ path, source: yamlFile(name) })),
      source: yamlFile(name),
      ...over,
    });
    return this;
  }

  /** A partial run (`--destination`): the state narrowDesired gives for these patterns. */
  narrowedTo(...patterns: string[]): this {
    this.patterns = patterns;
    return this;
  }

  build(): DesiredSandbox {
    const full: DesiredSandbox = {
      sandbox: this.sandbox,
      paths: this.paths,
      accounts: [...this.accounts],
      destinations: [...this.destinations],
    };
    return this.patterns ? narrowDesired(full, this.patterns) : full;
  }
}

export function desired(sandbox = "prod", paths = ["destinations/"]): DesiredBuilder {
  return new DesiredBuilder(sandbox, paths);
}

// ---------------------------------------------------------------------------------------------------
// Live state

/** A live selector as a spec writes it: an audience id alone, or the fields it cares about. */
export type SelectorSpec = string | LiveAudienceSelector;

export interface LiveAccountSpec extends Partial<LiveConnection> {
  /** Made in Adobe's UI: no ownership marker. */
  unmanaged?: boolean;
}

export interface LiveDestinationSpec {
  account?: string;
  type?: DestinationType;
  /** Made in Adobe's UI: neither the flow nor the target connection carries a marker. */
  unmanaged?: boolean;
  audiences?: SelectorSpec[];
  attributes?: string[];
  state?: FlowState | string;
  params?: Record<string, unknown>;
  flow?: Partial<LiveFlow>;
  target?: Partial<LiveTargetConnection>;
}

let clock = 1_000;
/** Written by this tool (the default for managed objects), each created a tick after the previous. */
export function meta(over: LiveMeta = {}): LiveMeta {
  clock += 1;
  return {
    createdAt: clock,
    updatedAt: clock,
    createdBy: "tech-account@acme",
    updatedBy: "tech-account@acme",
    createdClient: OUR_CLIENT,
    updatedClient: OUR_CLIENT,
    ...over,
  };
}
/** Last written by a person in Adobe's UI. */
export const byUi = (over: LiveMeta = {}): LiveMeta =>
  meta({ updatedBy: "ana@acme", updatedClient: UI_CLIENT, ...over });

export class LiveBuilder {
  private readonly connections: LiveConnection[] = [];
  /** The id of each account by the name a spec gave it (an unmanaged one may be called otherwise in Adobe). */
  private readonly accountIds = new Map<string, string>();
  private readonly targetConnections: LiveTargetConnection[] = [];
  private readonly flows: LiveFlow[] = [];
  private profileSource: LiveSourceConnection | undefined = {
    id: "src-profile",
    name: "aep-gitops Profile source",
    description: "",
    owner: { kind: "profile", name: "source" },
    etag: '"etag-src-profile"',
    meta: meta(),
    baseConnectionId: "conn-profile",
  };
  private profileBase: LiveConnection | undefined;
  private patchRefused: string | undefined;

  constructor(private readonly sandbox: string) {}

  /** A managed account as an apply of `desired().account(name)` leaves it (marker, refs, fingerprint). */
  account(name: string, over: LiveAccountSpec = {}): this {
    const { unmanaged, ...rest } = over;
    const type = rest.type ?? "amazon-kinesis";
    this.accountIds.set(name, rest.id ?? `conn-${name}`);
    const owner: Owner = { kind: "account", name, fingerprint: fingerprintOf(name), refs: refsOf(CREDENTIALS[type]) };
    this.connections.push({
      id: `conn-${name}`,
      name,
      description: "",
      ...(unmanaged ? {} : { owner }),
      etag: `"etag-conn-${name}"`,
      meta: unmanaged ? byUi() : meta(),
      specId: SPEC[type],
      type,
      authParams: { ...AUTH_PARAMS[type] },
      ...rest,
    });
    return this;
  }

  /**
   * A destination as an apply of `desired().destination(name, …)` leaves it: a target connection on its
   * account and a flow on it, both marked (or neither, `unmanaged`).
   */
  destination(name: string, spec: LiveDestinationSpec = {}): this {
    this.target(name, spec);
    this.flow(name, spec);
    return this;
  }

  /** The destination's target connection alone (its flow deleted, or never created). */
  target(name: string, spec: LiveDestinationSpec = {}): this {
    const accountName = spec.account ?? [...this.accountIds.keys()][0] ?? "kin";
    const account = this.connections.find((c) => c.id === this.accountIds.get(accountName));
    const type = spec.type ?? account?.type ?? "amazon-kinesis";
    this.targetConnections.push({
      id: `tc-${name}`,
      name,
      description: "",
      ...(spec.unmanaged ? {} : { owner: { kind: "destination" as const, name } }),
      etag: `"etag-tc-${name}"`,
      meta: spec.unmanaged ? byUi() : meta(),
      specId: SPEC[type],
      type,
      baseConnectionId: account?.id ?? `conn-${accountName}`,
      params: spec.params ?? defaultTarget(type, name),
      ...spec.target,
    });
    return this;
  }

  /** The destination's flow alone, on the target connection `tc-<name>`. */
  flow(name: string, spec: LiveDestinationSpec = {}): this {
    const { audiences = ["aud-vip"], attributes = ["person.name.lastName"] } = spec;
    const type = spec.type ?? this.targetConnections.find((t) => t.id === `tc-${name}`)?.type ?? "amazon-kinesis";
    this.flows.push({
      id: `flow-${name}`,
      name,
      description: "",
      ...(spec.unmanaged ? {} : { owner: { kind: "destination" as const, name } }),
      etag: `"etag-flow-${name}"`,
      meta: spec.unmanaged ? byUi() : meta(),
      type,
      state: spec.state ?? "enabled",
      flowSpecId: "71471eba-b620-49e4-90fd-23f1fa0174d8",
      sourceConnectionIds: ["src-profile"],
      targetConnectionIds: [`tc-${name}`],
      standardTransformations: true,
      audiences: audiences.map((a) => (typeof a === "string" ? { id: a } : a)),
      attributes: attributes.map((path) => ({ path })),
      ...spec.flow,
    });
    return this;
  }

  /** No Profile source yet (a first apply), optionally with the Profile base connection already there. */
  withoutProfileSource(base?: { id: string }): this {
    this.profileSource = undefined;
    this.profileBase = base
      ? {
          id: base.id,
          name: "aep-gitops Profile connection",
          description: "",
          owner: { kind: "profile", name: "connection" },
          etag: '"etag-profile-base"',
          meta: meta(),
          specId: "8a9c3494-9708-43d7-ae3f-cda01e5030e1",
        }
      : undefined;
    return this;
  }

  /** Adobe refuses PATCH of connections in this sandbox (FLOW-1445-400). */
  refusingConnectionPatches(reason = "400 FLOW-1445-400"): this {
    this.patchRefused = reason;
    return this;
  }

  build(): LiveSandbox {
    return {
      sandbox: this.sandbox,
      connections: [...this.connections],
      targetConnections: [...this.targetConnections],
      flows: [...this.flows],
      ...(this.profileSource ? { profileSource: this.profileSource } : {}),
      ...(this.profileBase ? { profileBase: this.profileBase } : {}),
      ...(this.patchRefused ? { connectionPatchRefused: this.patchRefused } : {}),
    };
  }
}

export function live(sandbox = "prod"): LiveBuilder {
  return new LiveBuilder(sandbox);
}

// ---------------------------------------------------------------------------------------------------
// Planning

/**
 * The defaults of the tool config, run by this tool's client, with the secrets in the environment: every
 * desired account's fingerprint is the one its live marker records (so nothing rotates unless a spec says).
 */
export function options(yaml: DesiredSandbox, over: Partial<PlanOptions> = {}): PlanOptions {
  const fingerprints: Record<string, string> = {};
  for (const account of yaml.accounts) fingerprints[account.name] = fingerprintOf(account.name);
  return { ...DEFAULT_PLAN_OPTIONS, fingerprints, clientId: OUR_CLIENT, ...over };
}

/** planSandbox on built states. */
export function planOf(
  yaml: DesiredBuilder | DesiredSandbox,
  adobe: LiveBuilder | LiveSandbox,
  over: Partial<PlanOptions> = {},
): SandboxPlan {
  const d = yaml instanceof DesiredBuilder ? yaml.build() : yaml;
  const l = adobe instanceof LiveBuilder ? adobe.build() : adobe;
  return planSandbox(d, l, options(d, over));
}

/** `action ref` per change, in plan order: the shape most specs read a plan in. */
export const steps = (plan: SandboxPlan): string[] => plan.changes.map((c) => `${c.action} ${c.ref}`);

/** The change with this ref; fails the spec when there is none. */
export function change(plan: SandboxPlan, ref: string): Change {
  const found = plan.changes.find((c) => c.ref === ref);
  if (!found) throw new Error(`no change ${ref} in the plan: ${steps(plan).join(", ") || "(none)"}`);
  return found;
}

/** The JSON Patch body of a change's first PATCH call. */
export function patchOps(c: Change): { op: string; path: string; value?: unknown }[] {
  const call = c.calls.find((k) => k.method === "PATCH");
  if (!call) throw new Error(`${c.ref} makes no PATCH`);
  return call.body as { op: string; path: string; value?: unknown }[];
}

export const SEGMENTS = "/transformations/0/params/segmentSelectors/selectors";
export const PROFILE = "/transformations/0/params/profileSelectors/selectors";

export const schedule = (startDate: string, endDate?: string): AudienceSchedule =>
  endDate === undefined ? { startDate } : { startDate, endDate };
