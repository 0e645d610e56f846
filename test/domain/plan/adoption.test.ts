// Adoption of objects made in Adobe's UI: only what the YAML names by id (`adoptId`, written by
// `aep-gitops import`) is adopted; its first write sets the ownership marker (an `add`, since a UI
// object may have no description) and nothing is re-created or re-exported. End to end:
// test/cli/import.test.ts ("adopt-only plan, then zero changes"), test/cli/preserve-unmanaged.test.ts
// ("appends the ownership marker"), test/cli/vanished.test.ts (adoptIds that name nothing).
import { describe, expect, it } from "vitest";
import { change, desired, fingerprintOf, live, patchOps, planOf, SEGMENTS, steps } from "./builders.js";

const uiMade = () =>
  live()
    .account("marketing", {
      unmanaged: true,
      id: "conn-ui",
      name: "Marketing AWS",
      description: "Owned by the marketing team",
    })
    .destination("summer", {
      account: "marketing",
      unmanaged: true,
      flow: { id: "flow-ui", name: "Summer Campaign (EU)" },
      target: { description: "EU summer stream, see ticket MKT-12" },
    });

const imported = () =>
  desired()
    .account("marketing", {
      adoptId: "conn-ui",
      displayName: "Marketing AWS",
      description: "Owned by the marketing team",
    })
    .destination("summer", { adoptId: "flow-ui", displayName: "Summer Campaign (EU)" });

describe("adopting what import wrote", () => {
  it("writes only the ownership marker into the account, the target connection and the flow: no field, no egress", () => {
    const plan = planOf(imported(), uiMade());
    expect(plan.refusals).toEqual([]);
    expect(steps(plan)).toEqual(["adopt account/marketing", "adopt target/summer", "adopt flow/summer"]);
    for (const adopt of plan.changes) expect(adopt.fields).toEqual([]);
    expect(plan.egress).toEqual([]);
    expect(patchOps(change(plan, "account/marketing"))).toEqual([
      {
        op: "add",
        path: "/description",
        value: `Owned by the marketing team\n\n[managed by aep-gitops: account/marketing fp=${fingerprintOf("marketing")} refs=secretKey:KINESIS_SECRET_KEY]`,
      },
    ]);
    expect(patchOps(change(plan, "target/summer"))).toEqual([
      {
        op: "add",
        path: "/description",
        value: "EU summer stream, see ticket MKT-12\n\n[managed by aep-gitops: destination/summer]",
      },
    ]);
    expect(change(plan, "flow/summer").calls).toEqual([
      {
        method: "PATCH",
        path: "/flows/flow-ui",
        ifMatch: '"etag-flow-summer"',
        body: [{ op: "add", path: "/description", value: "[managed by aep-gitops: destination/summer]" }],
      },
    ]);
  });

  it("takes the account's credentials as the ones Adobe holds: no credential write, no variable switch", () => {
    const plan = planOf(imported(), uiMade());
    const adopt = change(plan, "account/marketing");
    expect(adopt.credentials).toBeUndefined();
    expect(patchOps(adopt).some((o) => o.path === "/auth/params")).toBe(false);
  });

  it("of a flow whose YAML exports more also adds what is new, in the same PATCH, as egress", () => {
    const plan = planOf(
      desired()
        .account("marketing", {
          adoptId: "conn-ui",
          displayName: "Marketing AWS",
          description: "Owned by the marketing team",
        })
        .destination("summer", {
          adoptId: "flow-ui",
          displayName: "Summer Campaign (EU)",
          audiences: ["aud-vip", "aud-new"],
        }),
      uiMade(),
    );
    const adopt = change(plan, "flow/summer");
    expect(adopt.action).toBe("adopt");
    expect(patchOps(adopt).map((o) => `${o.op} ${o.path}`)).toEqual(["add /description", `add ${SEGMENTS}/-`]);
    expect(plan.egress).toEqual([expect.objectContaining({ status: "changed", audiencesAdded: [{ id: "aud-new" }] })]);
  });

  it("is refused for an account id that is already managed under another name", () => {
    const plan = planOf(desired().account("kin", { adoptId: "conn-old" }), live().account("old"));
    expect(plan.refusals).toEqual([
      {
        rule: "foreign-object",
        message: "Cannot adopt account 'kin' from id conn-old in sandbox 'prod': it is already managed as account/old.",
        hint: "Run 'aep-gitops import' again to regenerate the YAML from the sandbox, or remove adoptId to create a new object.",
      },
    ]);
  });

  it("is refused for a flow id that is already managed under another name", () => {
    const plan = planOf(
      desired().account("kin").destination("sales", { adoptId: "flow-old" }),
      live().account("kin").destination("old"),
    );
    expect(plan.refusals.map((r) => r.message)).toEqual([
      "Cannot adopt destination 'sales' from id flow-old in sandbox 'prod': it is already managed as destination/old.",
    ]);
  });

  it("is never done by name alone: a UI-made flow named like a YAML destination without adoptId is refused", () => {
    const plan = planOf(
      desired().account("kin").destination("summer"),
      live().account("kin").destination("summer", { unmanaged: true }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.refusals).toEqual([
      {
        rule: "foreign-object",
        message:
          "A destination dataflow named 'summer' already exists in sandbox 'prod' (flow flow-summer) and was not created by aep-gitops.",
        hint: "Bring it under aep-gitops with 'aep-gitops import' (no data is re-exported), or give the destination in YAML another name.",
      },
    ]);
  });

  it("is history once the object is managed: the adoptId is ignored and the plan is empty", () => {
    const plan = planOf(
      desired().account("kin", { adoptId: "conn-ui" }).destination("sales", { adoptId: "flow-ui" }),
      live().account("kin").destination("sales"),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.refusals).toEqual([]);
    expect(plan.notes).toEqual([]);
  });

  it("of a flow whose target connection is already managed adopts only the flow", () => {
    const plan = planOf(
      desired().account("kin").destination("sales", { adoptId: "flow-ui" }),
      live()
        .account("kin")
        .target("sales")
        .flow("ui", { unmanaged: true, flow: { id: "flow-ui", targetConnectionIds: ["tc-sales"] } }),
    );
    expect(steps(plan)).toEqual(["adopt flow/sales"]);
  });
});
