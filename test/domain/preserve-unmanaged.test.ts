// What the YAML does not manage is left as Adobe holds it (issue 22, item 6): a target connection's
// description, an audience's schedule the YAML does not set. What it does set, the checksum binds.
import { describe, expect, it } from "vitest";
import { planChecksum } from "../../src/domain/review/checksum.js";
import type { DesiredDestination } from "../../src/domain/state/desired.js";
import { planSandbox } from "../../src/domain/plan/planner.js";
import { desired, destination, live, liveFlow, liveTarget, options } from "./builders.js";

const at = { file: "/repo/destinations/x.yaml", line: 1, column: 1 };
const scheduled = (endDate: string): Partial<DesiredDestination> => ({
  audiences: [{ id: "aud-1", source: at, schedule: { startDate: "2026-07-01", endDate } }],
});

describe("a target connection's description", () => {
  it("is not the YAML's: text someone wrote in Adobe is no change", () => {
    const plan = planSandbox(
      desired({ destinations: [destination("d1")] }),
      live({ targetConnections: [liveTarget("d1", { description: "See ticket MKT-12" })], flows: [liveFlow("d1")] }),
      options(),
    );
    expect(plan.changes).toEqual([]);
  });

  it("gets the marker appended when adopted, and when renamed", () => {
    const target = liveTarget("d1", { owner: undefined, description: "See ticket MKT-12" });
    const flow = liveFlow("d1", { owner: undefined, description: "" });
    const adopted = planSandbox(
      desired({ destinations: [destination("d1", { adoptId: flow.id })] }),
      live({ targetConnections: [target], flows: [flow] }),
      options(),
    );
    const change = adopted.changes.find((c) => c.resource === "target-connection")!;
    expect(change.fields).toEqual([]);
    expect(change.calls[0]!.body).toEqual([
      { op: "add", path: "/description", value: "See ticket MKT-12\n\n[managed by aep-gitops: destination/d1]" },
    ]);

    const renamed = planSandbox(
      desired({ destinations: [destination("d2", { renamedFrom: "d1" })] }),
      live({ targetConnections: [liveTarget("d1", { description: "See ticket MKT-12" })], flows: [liveFlow("d1")] }),
      options(),
    );
    const rename = renamed.changes.find((c) => c.resource === "target-connection")!;
    expect(rename.calls[0]!.body).toContainEqual({
      op: "replace",
      path: "/description",
      value: "See ticket MKT-12\n\n[managed by aep-gitops: destination/d2]",
    });
  });
});

describe("an audience's schedule", () => {
  it("is bound by the checksum when a new destination gets it, and when it changes", () => {
    const create = (endDate: string) =>
      planChecksum([
        planSandbox(desired({ destinations: [destination("d1", scheduled(endDate))] }), live(), options()),
      ]);
    expect(create("2026-08-31")).not.toBe(create("2026-09-30"));

    const liveSchedule = { startDate: "2026-07-01", endDate: "2026-08-31" };
    const flow = liveFlow("d1", { audiences: [{ id: "aud-1", schedule: liveSchedule }] });
    const update = (endDate: string) =>
      planSandbox(
        desired({ destinations: [destination("d1", scheduled(endDate))] }),
        live({ targetConnections: [liveTarget("d1")], flows: [flow] }),
        options(),
      );
    expect(update("2026-08-31").changes).toEqual([]);
    const moved = update("2026-09-30");
    expect(moved.changes[0]!.fields).toEqual([
      {
        field: "audiences[aud-1].schedule",
        before: liveSchedule,
        after: { startDate: "2026-07-01", endDate: "2026-09-30" },
      },
    ]);
    expect(moved.egress[0]).toMatchObject({
      status: "changed",
      audiencesRescheduled: [
        { id: "aud-1", before: liveSchedule, after: { startDate: "2026-07-01", endDate: "2026-09-30" } },
      ],
    });
    expect(planChecksum([moved])).not.toBe(planChecksum([update("2026-10-31")]));
  });

  it("left out of the YAML keeps Adobe's: no change, no egress", () => {
    const flow = liveFlow("d1", { audiences: [{ id: "aud-1", schedule: { startDate: "2026-07-01" } }] });
    const plan = planSandbox(
      desired({ destinations: [destination("d1")] }),
      live({ targetConnections: [liveTarget("d1")], flows: [flow] }),
      options(),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.egress).toEqual([]);
  });
});
