// Realistic plans for the renderer tests, built by the real planner from the domain test builders.
// Live objects get explicit etags and times so golden files never depend on which test ran first.
import type { DesiredAudience } from "../../src/domain/state/desired.js";
import type { LiveFlow, LiveMeta, LiveSandbox } from "../../src/domain/state/live.js";
import type { Plan } from "../../src/domain/plan/plan.js";
import type { PlanOptions } from "../../src/domain/plan/context.js";
import { assemblePlan, planSandbox } from "../../src/domain/plan/planner.js";
import { account, desired, destination, live, liveAccount, liveFlow, liveTarget, options } from "../domain/builders.js";

const at = { file: "/repo/destinations/prod/summer.yaml", line: 4, column: 7 };
export const MEN_OVER_50 = "72ddd79b-6b0a-4e97-a8d2-112ccd81bd02";
export const WOMEN_18_25 = "0bd1a8f2-4c9e-4b71-9d3a-5e8f1c2a7b44";
export const LOYAL = "c3e5f7a9-1b2d-4f6e-8a0c-9d7b5e3f1a20";

export const UI_EDIT: LiveMeta = {
  createdAt: Date.parse("2026-06-01T09:00:00.000Z"),
  updatedAt: Date.parse("2026-11-28T13:00:00.000Z"),
  createdBy: "gitops-client",
  createdClient: "gitops-client",
  updatedBy: "ui-editor@AdobeID",
  updatedClient: "exc_app",
};
const OWN_WRITE: LiveMeta = {
  createdAt: Date.parse("2026-06-01T09:00:00.000Z"),
  updatedAt: Date.parse("2026-10-02T08:30:00.000Z"),
  updatedBy: "demo-client",
  updatedClient: "demo-client",
};

export function audience(id: string, name?: string): DesiredAudience {
  return name === undefined ? { id, source: at } : { id, name, source: at };
}

const marketing = () => account("kinesis-marketing", { description: "Marketing's Kinesis account" });
const summer = (over: Parameters<typeof destination>[1] = {}) =>
  destination("summer-advertising-campaign", {
    account: "kinesis-marketing",
    description: "Summer campaign audiences",
    target: { stream: "summer-campaign", region: "eu-west-1" },
    audiences: [audience(MEN_OVER_50, "Men over 50"), audience(WOMEN_18_25, "Women 18-25")],
    paths: ["person.name.lastName", "personalEmail.address"],
    ...over,
  });

const liveMarketing = (fingerprint = "fp-current") =>
  liveAccount("kinesis-marketing", {
    description: "Marketing's Kinesis account",
    owner: { kind: "account", name: "kinesis-marketing", fingerprint, refs: { secretKey: "KINESIS_SECRET" } },
    etag: '"etag-conn-marketing"',
    meta: OWN_WRITE,
  });
const liveSummerTarget = (params: Record<string, unknown> = { stream: "summer-campaign", region: "eu-west-1" }) =>
  liveTarget("summer-advertising-campaign", {
    baseConnectionId: "conn-kinesis-marketing",
    params,
    etag: '"etag-tc-summer"',
    meta: OWN_WRITE,
  });
const liveSummerFlow = (over: Partial<LiveFlow> = {}) =>
  liveFlow("summer-advertising-campaign", {
    description: "Summer campaign audiences",
    audiences: [
      { id: MEN_OVER_50, name: "Men over 50" },
      { id: WOMEN_18_25, name: "Women 18-25" },
    ],
    attributes: [{ path: "person.name.lastName" }, { path: "personalEmail.address" }],
    etag: '"etag-flow-summer"',
    meta: OWN_WRITE,
    ...over,
  });

const opts = (over: Partial<PlanOptions> = {}) =>
  options({ fingerprints: { "kinesis-marketing": "fp-current" }, ...over });

/** Everything created from an empty sandbox: Profile pair, account, target, flow. */
export function firstApplyPlan(): Plan {
  const state = live({ connections: [], profileSource: undefined });
  return assemblePlan([planSandbox(desired({ accounts: [marketing()], destinations: [summer()] }), state, opts())]);
}

function inSync(): LiveSandbox {
  return live({ connections: [liveMarketing()], targetConnections: [liveSummerTarget()], flows: [liveSummerFlow()] });
}

export function noChangePlan(): Plan {
  return assemblePlan([planSandbox(desired({ accounts: [marketing()], destinations: [summer()] }), inSync(), opts())]);
}

/**
 * Someone edited the summer flow in the UI; the YAML changes audiences, attributes, description and
 * stream; a second destination is switched on; the account's secret was rotated.
 */
export function mixedUpdatePlan(): Plan {
  const winter = destination("winter-clearance", {
    account: "kinesis-marketing",
    target: { stream: "winter", region: "eu-west-1" },
    audiences: [audience(LOYAL, "Loyal customers")],
    paths: ["person.name.firstName"],
  });
  const want = desired({
    accounts: [marketing()],
    destinations: [
      summer({
        description: "Summer and autumn campaign audiences",
        target: { stream: "summer-autumn-campaign", region: "eu-west-1", includeSegmentNames: true },
        audiences: [audience(MEN_OVER_50, "Men over 50"), audience(LOYAL, "Loyal customers")],
        paths: ["person.name.lastName", "person.name.firstName"],
      }),
      winter,
    ],
  });
  const state = live({
    connections: [liveMarketing("fp-before-rotation")],
    targetConnections: [
      liveSummerTarget(),
      liveTarget("winter-clearance", {
        baseConnectionId: "conn-kinesis-marketing",
        params: { stream: "winter", region: "eu-west-1" },
        etag: '"etag-tc-winter"',
        meta: OWN_WRITE,
      }),
    ],
    flows: [
      liveSummerFlow({ meta: UI_EDIT }),
      liveFlow("winter-clearance", {
        state: "disabled",
        audiences: [{ id: LOYAL, name: "Loyal customers" }],
        attributes: [{ path: "person.name.firstName" }],
        etag: '"etag-flow-winter"',
        meta: OWN_WRITE,
      }),
    ],
  });
  return assemblePlan([planSandbox(want, state, opts())]);
}

/** The spring sale left the YAML: its flow, target and account are live and ours. */
function withSpringSale(): LiveSandbox {
  const state = inSync();
  state.connections.push(
    liveAccount("kinesis-spring", { id: "conn-spring", etag: '"etag-conn-spring"', meta: OWN_WRITE }),
  );
  state.targetConnections.push(
    liveTarget("spring-sale", { baseConnectionId: "conn-spring", etag: '"etag-tc-spring"', meta: OWN_WRITE }),
  );
  state.flows.push(
    liveFlow("spring-sale", {
      audiences: [{ id: WOMEN_18_25, name: "Women 18-25" }],
      attributes: [{ path: "personalEmail.address" }],
      etag: '"etag-flow-spring"',
      meta: UI_EDIT,
    }),
  );
  return state;
}

export function prunePlan(): Plan {
  return assemblePlan([
    planSandbox(
      desired({ accounts: [marketing()], destinations: [summer()] }),
      withSpringSale(),
      opts({ prune: true }),
    ),
  ]);
}

export function orphanPlan(): Plan {
  return assemblePlan([
    planSandbox(desired({ accounts: [marketing()], destinations: [summer()] }), withSpringSale(), opts()),
  ]);
}

/** Two sandboxes: prod meets a flow someone made by hand; dev's YAML folder came out empty. */
export function refusedPlan(): Plan {
  const prod = planSandbox(
    desired({ accounts: [marketing()], destinations: [summer()] }),
    live({ connections: [liveMarketing()], flows: [liveSummerFlow({ id: "flow-handmade", owner: undefined })] }),
    opts(),
  );
  const dev = planSandbox(
    desired({ sandbox: "dev", paths: ["destinations/dev/"], accounts: [] }),
    { ...inSync(), sandbox: "dev" },
    opts({ prune: true }),
  );
  return assemblePlan([prod, dev]);
}

/** The account and destination were made in the UI; `aep-gitops import` wrote their YAML with adoptId. */
export function adoptPlan(): Plan {
  const want = desired({
    accounts: [account("kinesis-marketing", { description: "Marketing's Kinesis account", adoptId: "conn-ui" })],
    destinations: [summer({ adoptId: "flow-ui" })],
  });
  const state = live({
    connections: [
      liveAccount("kinesis-marketing", {
        id: "conn-ui",
        owner: undefined,
        description: "Marketing's Kinesis account",
        etag: '"etag-conn-ui"',
        meta: UI_EDIT,
      }),
    ],
    targetConnections: [
      liveTarget("summer-advertising-campaign", {
        id: "tc-ui",
        owner: undefined,
        baseConnectionId: "conn-ui",
        params: { stream: "summer-campaign", region: "eu-west-1" },
        etag: '"etag-tc-ui"',
        meta: UI_EDIT,
      }),
    ],
    flows: [liveSummerFlow({ id: "flow-ui", owner: undefined, targetConnectionIds: ["tc-ui"], meta: UI_EDIT })],
  });
  return assemblePlan([planSandbox(want, state, opts())]);
}

/** A first apply of `count` destinations, each with several named audiences: a very long comment. */
export function largePlan(count: number): Plan {
  const destinations = Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(3, "0");
    return destination(`campaign-${n}`, {
      account: "kinesis-marketing",
      description: `Campaign ${n} audiences`,
      audiences: [
        audience(`${n}00000-aaaa-4bbb-8ccc-000000000001`, `Campaign ${n} buyers`),
        audience(`${n}00000-aaaa-4bbb-8ccc-000000000002`, `Campaign ${n} browsers`),
      ],
      paths: ["person.name.lastName", "personalEmail.address"],
    });
  });
  return assemblePlan([
    planSandbox(desired({ accounts: [marketing()], destinations }), live({ connections: [] }), opts()),
  ]);
}
