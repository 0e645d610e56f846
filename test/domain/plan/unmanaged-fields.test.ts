// What the YAML does not manage stays as Adobe holds it: a selector that changes is sent back whole
// with only the YAML's fields changed, a remove carries the live item, a schedule the YAML leaves out
// is Adobe's, and a target connection's description is not the YAML's. End to end:
// test/cli/preserve-unmanaged.test.ts, test/cli/include-flags.test.ts.
import { describe, expect, it } from "vitest";
import { SEGMENTS, change, desired, live, patchOps, planOf } from "./builders.js";

const yaml = () => desired().account("kin");
const adobe = () => live().account("kin");

/** A selector as the UI leaves it: a schedule with more than dates, a mapping id, a field Adobe added later. */
const uiSelector = {
  type: "PLATFORM_SEGMENT",
  value: {
    id: "aud-vip",
    name: "VIP",
    mappingId: "m-42",
    schedule: { startDate: "2026-07-01", endDate: "2026-08-31", frequency: "ONCE" },
  },
  extra: { kept: true },
};
const withUiSelector = () =>
  adobe().destination("sales", {
    audiences: [
      { id: "aud-vip", name: "VIP", schedule: { startDate: "2026-07-01", endDate: "2026-08-31" }, item: uiSelector },
    ],
  });

describe("a selector the YAML changes", () => {
  it("renamed is sent back as Adobe holds it, with only its name changed", () => {
    const plan = planOf(
      yaml().destination("sales", { audiences: [{ id: "aud-vip", name: "VIP customers" }] }),
      withUiSelector(),
    );
    expect(patchOps(change(plan, "flow/sales"))).toEqual([
      {
        op: "replace",
        path: `${SEGMENTS}/0`,
        value: { ...uiSelector, value: { ...uiSelector.value, name: "VIP customers" } },
      },
    ]);
  });

  it("rescheduled keeps what else its schedule holds, and drops the end date the YAML no longer sets", () => {
    const plan = planOf(
      yaml().destination("sales", { audiences: [{ id: "aud-vip", schedule: { startDate: "2026-07-15" } }] }),
      withUiSelector(),
    );
    const update = change(plan, "flow/sales");
    expect(patchOps(update)).toEqual([
      {
        op: "replace",
        path: `${SEGMENTS}/0`,
        value: {
          ...uiSelector,
          value: { ...uiSelector.value, schedule: { startDate: "2026-07-15", frequency: "ONCE" } },
        },
      },
    ]);
    expect(update.fields).toEqual([
      {
        field: "audiences[aud-vip].schedule",
        before: { startDate: "2026-07-01", endDate: "2026-08-31" },
        after: { startDate: "2026-07-15" },
      },
    ]);
    // A change of dates is a change of when data leaves.
    expect(plan.egress[0]).toMatchObject({
      status: "changed",
      audiencesRescheduled: [
        {
          id: "aud-vip",
          name: "VIP",
          before: { startDate: "2026-07-01", endDate: "2026-08-31" },
          after: { startDate: "2026-07-15" },
        },
      ],
    });
  });

  it("removed carries the item exactly as Adobe holds it", () => {
    const plan = planOf(yaml().destination("sales", { audiences: [] }), withUiSelector());
    expect(patchOps(change(plan, "flow/sales"))).toEqual([{ op: "remove", path: `${SEGMENTS}/0`, value: uiSelector }]);
  });
});

describe("what the YAML leaves out", () => {
  it("an audience's name and schedule set only in Adobe: no change", () => {
    const plan = planOf(yaml().destination("sales", { audiences: ["aud-vip"] }), withUiSelector());
    expect(plan.changes).toEqual([]);
    expect(plan.egress).toEqual([]);
  });

  it("a target connection's description written in Adobe: no change, even when the flow's description changes", () => {
    const plan = planOf(
      yaml().destination("sales", { description: "Daily sales feed" }),
      adobe().destination("sales", { target: { description: "See ticket MKT-12" } }),
    );
    expect(plan.changes.map((c) => c.ref)).toEqual(["flow/sales"]);
  });
});

describe("what the YAML does manage", () => {
  it("the flow's description: text written in Adobe is replaced by the YAML's", () => {
    const plan = planOf(
      yaml().destination("sales"),
      adobe().destination("sales", { flow: { description: "typed in the UI" } }),
    );
    const update = change(plan, "flow/sales");
    expect(update.fields).toEqual([{ field: "description", before: "typed in the UI", after: "" }]);
    expect(patchOps(update)).toEqual([
      { op: "replace", path: "/description", value: "[managed by aep-gitops: destination/sales]" },
    ]);
  });
});
