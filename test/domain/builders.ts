// Small builders for planner tests: desired and live state with only what a test cares about.
import type { DesiredAccount, DesiredDestination, DesiredSandbox } from "../../src/domain/state/desired.js";
import type { LiveConnection, LiveFlow, LiveSandbox, LiveTargetConnection } from "../../src/domain/state/live.js";
import { DEFAULT_PLAN_OPTIONS, type PlanOptions } from "../../src/domain/plan/context.js";

const at = { file: "/repo/destinations/x.yaml", line: 1, column: 1 };

export function account(name: string, over: Partial<DesiredAccount> = {}): DesiredAccount {
  return {
    name,
    type: "amazon-kinesis",
    credentials: {
      accessKeyId: { literal: "AKIA123" },
      secretKey: { env: "KINESIS_SECRET" },
      region: { literal: "us-east-1" },
    },
    source: at,
    ...over,
  };
}

export function destination(
  name: string,
  over: Partial<DesiredDestination> & { audienceIds?: string[]; paths?: string[] } = {},
): DesiredDestination {
  const { audienceIds = ["aud-1"], paths = ["person.lastName"], ...rest } = over;
  return {
    name,
    type: "amazon-kinesis",
    account: "acct",
    state: "enabled",
    target: { stream: `${name}-stream`, region: "us-east-1" },
    audiences: audienceIds.map((id) => ({ id, source: at })),
    profileAttributes: paths.map((path) => ({ path, source: at })),
    source: at,
    ...rest,
  };
}

export function desired(over: Partial<DesiredSandbox> = {}): DesiredSandbox {
  return { sandbox: "prod", paths: ["destinations/"], accounts: [account("acct")], destinations: [], ...over };
}

let seq = 0;
const meta = () => ({
  createdAt: 1_000 + seq,
  updatedAt: 2_000,
  updatedClient: "demo-client",
  updatedBy: "demo-client",
});

export function liveAccount(name: string, over: Partial<LiveConnection> = {}): LiveConnection {
  seq++;
  return {
    id: `conn-${name}`,
    name,
    description: "",
    owner: { kind: "account", name, fingerprint: "fp-current", refs: { secretKey: "KINESIS_SECRET" } },
    etag: `"etag-conn-${seq}"`,
    meta: meta(),
    specId: "86043421-563b-46ec-8e6c-e23184711bf6",
    type: "amazon-kinesis",
    ...over,
  };
}

export function liveTarget(dest: string, over: Partial<LiveTargetConnection> = {}): LiveTargetConnection {
  seq++;
  return {
    id: `tc-${dest}`,
    name: dest,
    description: "",
    owner: { kind: "destination", name: dest },
    etag: `"etag-tc-${seq}"`,
    meta: meta(),
    specId: "86043421-563b-46ec-8e6c-e23184711bf6",
    type: "amazon-kinesis",
    baseConnectionId: "conn-acct",
    params: { stream: `${dest}-stream`, region: "us-east-1" },
    ...over,
  };
}

export function liveFlow(
  dest: string,
  over: Partial<LiveFlow> & { audienceIds?: string[]; paths?: string[] } = {},
): LiveFlow {
  seq++;
  const { audienceIds = ["aud-1"], paths = ["person.lastName"], ...rest } = over;
  return {
    id: `flow-${dest}`,
    name: dest,
    description: "",
    owner: { kind: "destination", name: dest },
    etag: `"etag-flow-${seq}"`,
    meta: meta(),
    type: "amazon-kinesis",
    state: "enabled",
    flowSpecId: "71471eba-b620-49e4-90fd-23f1fa0174d8",
    sourceConnectionIds: ["src-profile"],
    targetConnectionIds: [`tc-${dest}`],
    standardTransformations: true,
    audiences: audienceIds.map((id) => ({ id })),
    attributes: paths.map((path) => ({ path })),
    ...rest,
  };
}

/** A live sandbox where every desired destination already exists as built above. */
export function live(over: Partial<LiveSandbox> = {}): LiveSandbox {
  return {
    sandbox: "prod",
    connections: [liveAccount("acct")],
    targetConnections: [],
    flows: [],
    profileSource: { id: "src-profile", name: "p", description: "", etag: '"e"', meta: {} },
    ...over,
  };
}

export function options(over: Partial<PlanOptions> = {}): PlanOptions {
  return { ...DEFAULT_PLAN_OPTIONS, fingerprints: { acct: "fp-current" }, clientId: "demo-client", ...over };
}
