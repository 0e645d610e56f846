import { describe, expect, it } from "vitest";
import { assemblePlan, planSandbox } from "../../src/domain/plan/planner.js";
import { account, desired, destination, live, liveAccount, liveFlow, liveTarget, options } from "./builders.js";

describe("the planner", () => {
  it("plans no changes when live matches desired", () => {
    const plan = planSandbox(
      desired({ destinations: [destination("d1")] }),
      live({ targetConnections: [liveTarget("d1")], flows: [liveFlow("d1")] }),
      options(),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.egress).toEqual([]);
  });

  it("creates profile connection, source, account, target and flow in dependency order from empty", () => {
    const plan = planSandbox(
      desired({ destinations: [destination("d1")] }),
      live({ connections: [], profileSource: undefined }),
      options(),
    );
    expect(plan.changes.map((c) => `${c.action} ${c.ref}`)).toEqual([
      "create profile-connection",
      "create profile-source",
      "create account/acct",
      "create target/d1",
      "create flow/d1",
    ]);
    const flow = plan.changes.at(-1)!;
    expect(flow.calls[0]!.body).toMatchObject({
      sourceConnectionIds: ["{{profile-source.id}}"],
      targetConnectionIds: ["{{target/d1.id}}"],
    });
    expect(plan.egress).toEqual([
      expect.objectContaining({ destination: "d1", status: "started", audiencesAdded: [{ id: "aud-1" }] }),
    ]);
  });

  it("never puts a secret in a plan: credentials are env references", () => {
    const plan = planSandbox(desired(), live({ connections: [] }), options());
    const body = plan.changes[0]!.calls[0]!.body as { auth: { params: Record<string, string> }; description: string };
    expect(body.auth.params).toEqual({
      accessKeyId: "AKIA123",
      secretKey: "${env:KINESIS_SECRET}",
      region: "us-east-1",
    });
    expect(body.description).toBe("[managed by aep-gitops: account/acct fp=fp-current refs=secretKey:KINESIS_SECRET]");
  });

  it("updates one flow with one PATCH guarded by its etag", () => {
    const flow = liveFlow("d1", { audienceIds: ["a", "b", "c"], paths: ["x", "y"] });
    const plan = planSandbox(
      desired({ destinations: [destination("d1", { audienceIds: ["c", "d"], paths: ["y"], description: "New" })] }),
      live({ targetConnections: [liveTarget("d1")], flows: [flow] }),
      options(),
    );
    expect(plan.changes).toHaveLength(1);
    const [call] = plan.changes[0]!.calls;
    expect(call).toMatchObject({ method: "PATCH", path: "/flows/flow-d1", ifMatch: flow.etag });
    expect((call!.body as { op: string }[]).map((o) => o.op)).toEqual(["replace", "remove", "remove", "remove", "add"]);
    expect(plan.egress[0]).toMatchObject({
      status: "changed",
      audiencesAdded: [{ id: "d" }],
      attributesRemoved: ["x"],
    });
  });

  it("toggles state with the action endpoint, and reports the stop as egress", () => {
    const plan = planSandbox(
      desired({ destinations: [destination("d1", { state: "disabled" })] }),
      live({ targetConnections: [liveTarget("d1")], flows: [liveFlow("d1")] }),
      options(),
    );
    expect(plan.changes[0]!.calls).toEqual([
      { method: "POST", path: "/flows/flow-d1/action", query: { op: "disable" } },
    ]);
    expect(plan.egress[0]).toMatchObject({ status: "stopped", state: { before: "enabled", after: "disabled" } });
  });

  it("patches target params when the stream changes", () => {
    const plan = planSandbox(
      desired({
        destinations: [
          destination("d1", { target: { stream: "new", region: "us-east-1", includeSegmentNames: true } }),
        ],
      }),
      live({ targetConnections: [liveTarget("d1")], flows: [liveFlow("d1")] }),
      options(),
    );
    expect(plan.changes[0]!.calls[0]).toMatchObject({
      method: "PATCH",
      path: "/targetConnections/tc-d1",
      body: [
        {
          op: "replace",
          path: "/params",
          // Only the params the YAML sets: an include flag it leaves out is not sent.
          value: { stream: "new", region: "us-east-1", includeSegmentNames: true },
        },
      ],
    });
  });

  it("rotates credentials when the fingerprint differs, as its own section", () => {
    const plan = planSandbox(desired(), live(), options({ fingerprints: { acct: "fp-new" } }));
    expect(plan.changes[0]).toMatchObject({ action: "update", credentials: "rotate", fields: [] });
    expect(plan.changes[0]!.calls[0]!.body).toContainEqual({
      op: "replace",
      path: "/auth/params",
      value: expect.any(Object),
    });
  });

  it("does not compare credentials it cannot fingerprint, and says so", () => {
    const plan = planSandbox(desired(), live(), options({ fingerprints: {} }));
    expect(plan.changes).toEqual([]);
    expect(plan.notes[0]!.message).toContain("were not compared");
  });

  it("lists orphans without prune and deletes flow, target, account in that order with prune", () => {
    const state = live({
      connections: [liveAccount("acct"), liveAccount("old", { id: "conn-old" })],
      targetConnections: [liveTarget("gone", { baseConnectionId: "conn-old" })],
      flows: [liveFlow("gone")],
    });
    const kept = planSandbox(desired(), state, options());
    expect(kept.changes.map((c) => `${c.action} ${c.ref}`)).toEqual([
      "orphan account/old",
      "orphan target/gone",
      "orphan flow/gone",
    ]);
    const pruned = planSandbox(desired(), state, options({ prune: true }));
    expect(pruned.changes.map((c) => `${c.action} ${c.ref}`)).toEqual([
      "delete flow/gone",
      "delete target/gone",
      "delete account/old",
    ]);
    expect(pruned.changes[1]!.dependsOn).toEqual(["flow/gone"]);
    expect(pruned.changes[2]!.dependsOn).toEqual(["target/gone"]);
  });

  it("refuses a foreign flow with the desired name and explains adoption", () => {
    const foreign = liveFlow("d1", { owner: undefined });
    const plan = planSandbox(desired({ destinations: [destination("d1")] }), live({ flows: [foreign] }), options());
    expect(plan.refusals).toEqual([
      expect.objectContaining({ rule: "foreign-object", hint: expect.stringContaining("aep-gitops import") }),
    ]);
  });

  it("refuses to act on an empty desired set while managed objects exist", () => {
    const plan = planSandbox(desired({ accounts: [] }), live(), options({ prune: true }));
    expect(plan.refusals[0]).toMatchObject({ rule: "empty-desired", hint: expect.stringContaining("--allow-empty") });
    expect(planSandbox(desired({ accounts: [] }), live(), options({ allowEmpty: true })).refusals).toEqual([]);
  });

  it("refuses more than maxChangePercent of at least minResourcesForThreshold objects unless forced", () => {
    const names = Array.from({ length: 5 }, (_, i) => `d${i}`);
    const state = live({ targetConnections: names.map((n) => liveTarget(n)), flows: names.map((n) => liveFlow(n)) });
    const want = desired({ destinations: names.map((n) => destination(n, { description: "changed" })) });
    const plan = planSandbox(want, state, options());
    expect(plan.refusals[0]!.message).toBe(
      "Too many changes: 83.33% of the destinations and accounts aep-gitops manages in sandbox 'prod' would be updated or deleted (5/6), over maxChangePercent 30.00%.",
    );
    expect(planSandbox(want, state, options({ force: true })).refusals).toEqual([]);
  });

  it("does not count finishing its own interrupted creates: flows it made whose selectors were never set", () => {
    const names = Array.from({ length: 12 }, (_, i) => `d${i}`);
    const ours = { updatedClient: "demo-client" };
    const empty = (n: string) => liveFlow(n, { audiences: [], attributes: [], meta: ours });
    const state = live({ targetConnections: names.map((n) => liveTarget(n)), flows: names.map(empty) });
    const plan = planSandbox(desired({ destinations: names.map((n) => destination(n)) }), state, options());
    expect(plan.changes.filter((c) => c.resource === "flow").every((c) => c.completes)).toBe(true);
    expect(plan.refusals).toEqual([]);
    // The same empty flows, emptied by a person in Adobe's UI: putting the selectors back is a change.
    const emptied = live({
      targetConnections: names.map((n) => liveTarget(n)),
      flows: names.map((n) => liveFlow(n, { audiences: [], attributes: [], meta: { updatedClient: "ui-editor" } })),
    });
    const refused = planSandbox(desired({ destinations: names.map((n) => destination(n)) }), emptied, options());
    expect(refused.refusals[0]).toMatchObject({ rule: "max-change" });
  });

  it("removes duplicate flows of one destination, keeping the oldest", () => {
    const older = liveFlow("d1", { id: "flow-old", meta: { createdAt: 1 } });
    const newer = liveFlow("d1", { id: "flow-new", meta: { createdAt: 5 } });
    const plan = planSandbox(
      desired({ destinations: [destination("d1")] }),
      live({ targetConnections: [liveTarget("d1")], flows: [newer, older] }),
      options(),
    );
    expect(plan.changes.map((c) => `${c.action} ${c.liveId}`)).toEqual(["delete flow-new"]);
  });

  it("gives the same checksum for the same calls whatever the etags", () => {
    const a = planSandbox(
      desired({ destinations: [destination("d1", { description: "x" })] }),
      live({ targetConnections: [liveTarget("d1")], flows: [liveFlow("d1", { etag: '"1"' })] }),
      options(),
    );
    const b = planSandbox(
      desired({ destinations: [destination("d1", { description: "x" })] }),
      live({ targetConnections: [liveTarget("d1")], flows: [liveFlow("d1", { etag: '"2"' })] }),
      options(),
    );
    expect(assemblePlan([a]).checksum).toBe(assemblePlan([b]).checksum);
    expect(assemblePlan([a]).checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it("creates a disabled destination empty, disables it, then adds its selectors", () => {
    const plan = planSandbox(
      desired({ destinations: [destination("d1", { state: "disabled" })] }),
      live({ targetConnections: [liveTarget("d1")] }),
      options(),
    );
    const flow = plan.changes.find((c) => c.ref === "flow/d1")!;
    expect(flow.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "POST /flows",
      "POST /flows/{{flow/d1.id}}/action",
      "PATCH /flows/{{flow/d1.id}}",
    ]);
  });

  it("does not take over an unmanaged account of the same name", () => {
    const plan = planSandbox(
      desired({ accounts: [account("acct")] }),
      live({ connections: [liveAccount("acct", { owner: undefined })] }),
      options(),
    );
    expect(plan.refusals[0]!.rule).toBe("foreign-object");
  });
});

describe("adoption", () => {
  it("adopts an unmanaged flow, its target and account named by id with marker-only writes", () => {
    const acct = liveAccount("acct", { owner: undefined, id: "conn-ui" });
    const target = liveTarget("d1", { owner: undefined, baseConnectionId: "conn-ui" });
    const flow = liveFlow("d1", { owner: undefined });
    const plan = planSandbox(
      desired({
        accounts: [account("acct", { adoptId: "conn-ui" })],
        destinations: [destination("d1", { adoptId: flow.id })],
      }),
      live({ connections: [acct], targetConnections: [target], flows: [flow] }),
      options(),
    );
    expect(plan.refusals).toEqual([]);
    expect(
      plan.changes.map((c) => `${c.action} ${c.ref} ${c.calls.map((k) => `${k.method} ${k.path}`).join(",")}`),
    ).toEqual([
      "adopt account/acct PATCH /connections/conn-ui",
      "adopt target/d1 PATCH /targetConnections/tc-d1",
      "adopt flow/d1 PATCH /flows/flow-d1",
    ]);
    for (const change of plan.changes) {
      expect(change.calls[0]!.body).toEqual([expect.objectContaining({ op: "add", path: "/description" })]);
    }
    expect(plan.egress).toEqual([]);
  });

  it("refuses to adopt an id already managed under another name", () => {
    const plan = planSandbox(
      desired({ destinations: [destination("d1", { adoptId: "flow-d2" })] }),
      live({ targetConnections: [liveTarget("d2")], flows: [liveFlow("d2")] }),
      options(),
    );
    expect(plan.refusals[0]!.message).toContain(
      "Cannot adopt destination 'd1' from id flow-d2 in sandbox 'prod': it is already managed as destination/d2",
    );
  });

  it("creates what an adoptId names when Adobe no longer holds it, saying it was deleted there", () => {
    const plan = planSandbox(
      desired({
        accounts: [account("acct", { adoptId: "conn-gone" })],
        destinations: [destination("d1", { adoptId: "flow-gone" })],
      }),
      live({ connections: [] }),
      options(),
    );
    expect(plan.refusals).toEqual([]);
    expect(plan.changes.map((c) => `${c.action} ${c.ref} — ${c.reason}`)).toEqual([
      "create account/acct — deleted in Adobe; re-created",
      "create target/d1 — deleted in Adobe; re-created",
      "create flow/d1 — deleted in Adobe; re-created",
    ]);
    expect(plan.notes.map((n) => n.message)).toEqual([
      "Account 'acct': its connection conn-gone (adoptId) is no longer in sandbox 'prod': deleted in Adobe; re-created (Adobe does not say by whom).",
      "Destination 'd1': its dataflow flow-gone (adoptId) is no longer in sandbox 'prod': deleted in Adobe; re-created (Adobe does not say by whom), and what it exports starts leaving again.",
    ]);
  });

  it("ignores a stale adoptId once a managed object has the YAML name (re-created, or adopted before)", () => {
    const plan = planSandbox(
      desired({
        accounts: [account("acct", { adoptId: "conn-gone" })],
        destinations: [destination("d1", { adoptId: "flow-gone" })],
      }),
      live({ targetConnections: [liveTarget("d1")], flows: [liveFlow("d1")] }),
      options(),
    );
    expect(plan.refusals).toEqual([]);
    expect(plan.changes).toEqual([]);
    expect(plan.notes).toEqual([]);
  });

  it("replaces a managed target connection whose account was deleted in Adobe, and removes it", () => {
    const plan = planSandbox(
      desired({ destinations: [destination("d1")] }),
      live({ connections: [], targetConnections: [liveTarget("d1")] }),
      options(),
    );
    expect(plan.refusals).toEqual([]);
    expect(plan.changes.map((c) => `${c.action} ${c.ref} — ${c.reason}`)).toEqual([
      "create account/acct — deleted in Adobe; re-created",
      "create target/d1 — deleted in Adobe; re-created",
      "create flow/d1 — deleted in Adobe; re-created",
      "delete target/d1#dup1 — its account no longer exists in Adobe",
    ]);
  });
});
