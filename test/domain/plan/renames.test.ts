// Renames in place: `renamedFrom: <old name>` hands the old name's live objects to the new document,
// which keep their ids and get the new name and marker in one PATCH each: nothing re-created, nothing
// re-exported. Without it, a create on the very place an orphan still exports to gets a hint. End to
// end: test/cli/renames.test.ts.
import { describe, expect, it } from "vitest";
import { assemblePlan } from "../../../src/domain/plan/planner.js";
import { change, desired, fingerprintOf, live, patchOps, planOf, SEGMENTS, steps } from "./builders.js";

const churnStream = { stream: "crm-churn-stream", region: "us-east-1" };
const adobe = () => live().account("kin").destination("crm-churn");

describe("renamedFrom on a destination", () => {
  it("renames the live flow and target connection in place: same ids, new marker, no egress", () => {
    const plan = planOf(
      desired().account("kin").destination("churn-model", { renamedFrom: "crm-churn", target: churnStream }),
      adobe(),
    );
    expect(steps(plan)).toEqual(["rename target/churn-model", "rename flow/churn-model"]);
    expect(plan.egress).toEqual([]);
    const flow = change(plan, "flow/churn-model");
    expect(flow).toMatchObject({
      action: "rename",
      liveId: "flow-crm-churn",
      renamedFrom: "crm-churn",
      reason: "renamed from crm-churn",
      fields: [{ field: "name", before: "crm-churn", after: "churn-model" }],
    });
    expect(flow.calls).toEqual([
      {
        method: "PATCH",
        path: "/flows/flow-crm-churn",
        ifMatch: '"etag-flow-crm-churn"',
        body: [
          { op: "replace", path: "/name", value: "churn-model" },
          { op: "replace", path: "/description", value: "[managed by aep-gitops: destination/churn-model]" },
        ],
      },
    ]);
    const target = change(plan, "target/churn-model");
    expect(target).toMatchObject({ action: "rename", liveId: "tc-crm-churn", fields: [] });
    expect(patchOps(target)).toEqual([
      { op: "replace", path: "/description", value: "[managed by aep-gitops: destination/churn-model]" },
    ]);
  });

  it("carries any other change of the destination in the same PATCH", () => {
    const plan = planOf(
      desired()
        .account("kin")
        .destination("churn-model", {
          renamedFrom: "crm-churn",
          target: churnStream,
          audiences: ["aud-vip", "aud-new"],
        }),
      adobe(),
    );
    expect(patchOps(change(plan, "flow/churn-model")).map((o) => `${o.op} ${o.path}`)).toEqual([
      "replace /name",
      "replace /description",
      `add ${SEGMENTS}/-`,
    ]);
    expect(plan.egress).toEqual([
      expect.objectContaining({ destination: "churn-model", audiencesAdded: [{ id: "aud-new" }] }),
    ]);
  });

  it("is counted as a change in the plan's summary", () => {
    const plan = planOf(
      desired().account("kin").destination("churn-model", { renamedFrom: "crm-churn", target: churnStream }),
      adobe(),
    );
    expect(assemblePlan([plan]).summary).toEqual({ add: 0, change: 2, destroy: 0, orphaned: 0, adopt: 0 });
  });

  it("is harmless once applied: the old name owns nothing and the plan is empty", () => {
    const plan = planOf(
      desired().account("kin").destination("churn-model", { renamedFrom: "crm-churn", target: churnStream }),
      live().account("kin").destination("churn-model", { params: churnStream }),
    );
    expect(plan.changes).toEqual([]);
  });

  it("is no rename while the old name is still declared (validate refuses that YAML)", () => {
    const plan = planOf(
      desired()
        .account("kin")
        .destination("crm-churn")
        .destination("churn-model", { renamedFrom: "crm-churn", target: churnStream }),
      adobe(),
    );
    expect(steps(plan)).toEqual(["create target/churn-model", "create flow/churn-model"]);
  });
});

describe("renamedFrom on an account", () => {
  it("renames its base connection in place, and the destinations on it stay where they are", () => {
    const plan = planOf(
      desired().account("growth", { renamedFrom: "kin" }).destination("sales", { account: "growth" }),
      live().account("kin").destination("sales", { account: "kin" }),
      { fingerprints: { growth: fingerprintOf("kin") } },
    );
    expect(plan.refusals).toEqual([]);
    expect(steps(plan)).toEqual(["rename account/growth"]);
    const rename = change(plan, "account/growth");
    expect(rename).toMatchObject({
      liveId: "conn-kin",
      renamedFrom: "kin",
      fields: [{ field: "name", before: "kin", after: "growth" }],
    });
    expect(patchOps(rename)).toEqual([
      { op: "replace", path: "/name", value: "growth" },
      {
        op: "replace",
        path: "/description",
        value: `[managed by aep-gitops: account/growth fp=${fingerprintOf("kin")} refs=secretKey:KINESIS_SECRET_KEY]`,
      },
    ]);
    expect(plan.egress).toEqual([]);
  });
});

describe("a create where an orphan still exports", () => {
  it("is hinted to be a rename when the new destination sends to the very place the orphan does", () => {
    const plan = planOf(desired().account("kin").destination("churn-model", { target: churnStream }), adobe());
    expect(steps(plan)).toEqual([
      // Orphans rank with their kind, by name: they make no call, so order is only how they read.
      "create target/churn-model",
      "orphan target/crm-churn",
      "create flow/churn-model",
      "orphan flow/crm-churn",
    ]);
    expect(plan.notes).toEqual([
      {
        level: "warning",
        message:
          "Destination 'churn-model' is created and 'crm-churn' is left in place, and both send to the same place. If 'churn-model' is 'crm-churn' renamed, add renamedFrom: crm-churn to it: the live objects are then renamed in place and no data is re-exported.",
      },
    ]);
  });

  it("says the orphan is deleted when prune is on", () => {
    const plan = planOf(desired().account("kin").destination("churn-model", { target: churnStream }), adobe(), {
      prune: true,
    });
    expect(plan.notes.map((n) => n.message)).toEqual([
      expect.stringContaining(
        "Destination 'churn-model' is created and 'crm-churn' is deleted, and both send to the same place.",
      ),
    ]);
  });

  it("gets no hint when the new destination sends somewhere else", () => {
    const plan = planOf(desired().account("kin").destination("churn-model"), adobe());
    expect(plan.notes).toEqual([]);
  });
});
