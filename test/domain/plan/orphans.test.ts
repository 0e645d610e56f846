// Orphans (managed objects no longer in YAML) and duplicates (a second managed object for one name).
// Orphans are listed and deleted only with prune, flow → target connection → account; duplicates are
// always removed, keeping the one in use or the oldest. End to end: test/cli/safety.test.ts (orphans,
// prune), test/reconcile/adobe-answers.test.ts and test/cli/partial-failure.test.ts (duplicates).
import { describe, expect, it } from "vitest";
import { assemblePlan } from "../../../src/domain/plan/planner.js";
import { change, desired, live, meta, planOf, steps } from "./builders.js";

const yaml = () => desired().account("kin");

describe("a destination that left the YAML", () => {
  it("is listed as an orphan, left in place without prune, and still exporting as egress", () => {
    const plan = planOf(
      yaml(),
      live()
        .account("kin")
        .destination("gone", { audiences: ["aud-a", "aud-b"] }),
    );
    expect(steps(plan)).toEqual(["orphan target/gone", "orphan flow/gone"]);
    expect(change(plan, "flow/gone")).toMatchObject({
      liveId: "flow-gone",
      calls: [],
      reason: "not in YAML; prune is off, so it is left in place",
    });
    expect(change(plan, "target/gone").reason).toBe("still used by a flow aep-gitops does not delete");
    expect(plan.egress).toEqual([
      {
        destination: "gone",
        type: "amazon-kinesis",
        status: "still-exporting",
        target: { before: { account: "kin", stream: "gone-stream", region: "us-east-1" } },
        counts: { audiences: 2, attributes: 1 },
        reason: "left in place: not in YAML, prune is off",
        audiencesAdded: [],
        audiencesRemoved: [],
        attributesAdded: [],
        attributesRemoved: [],
      },
    ]);
    expect(assemblePlan([plan]).summary).toMatchObject({ orphaned: 2, destroy: 0 });
  });

  it("left in place while disabled exports nothing: no egress", () => {
    const plan = planOf(yaml(), live().account("kin").destination("gone", { state: "disabled" }));
    expect(steps(plan)).toEqual(["orphan target/gone", "orphan flow/gone"]);
    expect(plan.egress).toEqual([]);
  });

  it("is deleted with prune, flow before its target connection, and what it exported stops leaving", () => {
    const plan = planOf(
      yaml(),
      live()
        .account("kin")
        .destination("gone", { audiences: [{ id: "aud-a", name: "A" }], state: "enabled" }),
      { prune: true },
    );
    expect(steps(plan)).toEqual(["delete flow/gone", "delete target/gone"]);
    expect(change(plan, "flow/gone")).toMatchObject({
      reason: "not in YAML",
      dependsOn: [],
      calls: [{ method: "DELETE", path: "/flows/flow-gone" }],
    });
    expect(change(plan, "target/gone")).toMatchObject({
      dependsOn: ["flow/gone"],
      calls: [{ method: "DELETE", path: "/targetConnections/tc-gone" }],
    });
    expect(plan.egress).toEqual([
      {
        destination: "gone",
        type: "amazon-kinesis",
        status: "stopped",
        state: { before: "enabled" },
        audiencesAdded: [],
        audiencesRemoved: [{ id: "aud-a", name: "A" }],
        attributesAdded: [],
        attributesRemoved: ["person.name.lastName"],
      },
    ]);
  });

  it("keeps its target connection, even with prune, while a flow made in the UI uses it", () => {
    const plan = planOf(
      yaml(),
      live()
        .account("kin")
        .destination("gone")
        .flow("ui-flow", { unmanaged: true, flow: { targetConnectionIds: ["tc-gone"] } }),
      { prune: true },
    );
    expect(steps(plan)).toEqual(["orphan target/gone", "delete flow/gone"]);
    expect(change(plan, "target/gone").reason).toBe("still used by a flow aep-gitops does not delete");
  });
});

describe("an account that left the YAML", () => {
  it("is deleted with prune only after the destinations that used it", () => {
    const plan = planOf(yaml(), live().account("kin").account("old").destination("gone", { account: "old" }), {
      prune: true,
    });
    expect(steps(plan)).toEqual(["delete flow/gone", "delete target/gone", "delete account/old"]);
    expect(change(plan, "account/old")).toMatchObject({
      dependsOn: ["target/gone"],
      calls: [{ method: "DELETE", path: "/connections/conn-old" }],
    });
  });

  it("stays, even with prune, while a target connection that stays uses it", () => {
    const plan = planOf(
      yaml(),
      live().account("kin").account("old").target("ui-target", { account: "old", unmanaged: true }),
      {
        prune: true,
      },
    );
    expect(steps(plan)).toEqual(["orphan account/old"]);
    expect(change(plan, "account/old").reason).toBe("still used by a target connection that stays");
  });

  it("is only listed without prune", () => {
    const plan = planOf(yaml(), live().account("kin").account("old"));
    expect(steps(plan)).toEqual(["orphan account/old"]);
    expect(change(plan, "account/old").reason).toBe("not in YAML; prune is off, so it is left in place");
  });
});

describe("duplicates of one managed object", () => {
  it("a second flow is deleted even without prune, keeping the oldest, and moves no data", () => {
    const plan = planOf(
      yaml().destination("sales"),
      live()
        .account("kin")
        .destination("sales")
        .flow("sales", { flow: { id: "flow-twin", meta: meta({ createdAt: 999_999 }) } }),
    );
    expect(plan.changes).toEqual([
      expect.objectContaining({
        action: "delete",
        ref: "flow/sales#dup1",
        liveId: "flow-twin",
        duplicate: 1,
        reason: "duplicate of a managed flow",
        calls: [{ method: "DELETE", path: "/flows/flow-twin" }],
      }),
    ]);
    expect(plan.egress).toEqual([]);
  });

  it("keeps the target connection the kept flow uses, though it is the newer one", () => {
    const plan = planOf(
      yaml().destination("sales"),
      live()
        .account("kin")
        .target("sales", { target: { id: "tc-older", meta: meta({ createdAt: 1 }) } })
        .destination("sales"),
    );
    expect(plan.changes.map((c) => `${c.action} ${c.ref} ${c.liveId} — ${c.reason}`)).toEqual([
      "delete target/sales#dup1 tc-older — duplicate of a managed target connection",
    ]);
  });

  it("a twin flow and the target connection it uses go together, the flow first", () => {
    const plan = planOf(
      yaml().destination("sales"),
      live()
        .account("kin")
        .destination("sales")
        .target("sales", { target: { id: "tc-twin" } })
        .flow("sales", { flow: { id: "flow-twin", targetConnectionIds: ["tc-twin"] } }),
    );
    expect(steps(plan)).toEqual(["delete flow/sales#dup1", "delete target/sales#dup1"]);
    expect(change(plan, "target/sales#dup1")).toMatchObject({ liveId: "tc-twin", dependsOn: ["flow/sales#dup1"] });
  });

  it("keeps the account its kept target connection uses, and removes the unused twin", () => {
    const plan = planOf(
      yaml().destination("sales"),
      live()
        .account("kin", { id: "conn-twin", meta: meta({ createdAt: 1 }) })
        .account("kin")
        .destination("sales"),
    );
    expect(plan.changes.map((c) => `${c.action} ${c.ref} ${c.liveId}`)).toEqual(["delete account/kin#dup1 conn-twin"]);
    expect(change(plan, "account/kin#dup1").reason).toBe("duplicate of a managed account");
  });
});
