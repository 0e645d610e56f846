import fastJsonPatch from "fast-json-patch";
import { describe, expect, it } from "vitest";
import { diffSelectors, transformations } from "../../src/domain/plan/selectors.js";

const { applyPatch } = fastJsonPatch;

/** Applies the ops as RFC 6902 says (one after another) and reads back the identities. */
function applied(
  live: { audiences: string[]; attributes: string[] },
  desired: { audiences: string[]; attributes: string[] },
) {
  const doc = {
    transformations: transformations(
      live.audiences.map((id) => ({ id })),
      live.attributes,
    ),
  };
  const diff = diffSelectors(
    { audiences: live.audiences.map((id) => ({ id })), attributes: live.attributes.map((path) => ({ path })) },
    { audiences: desired.audiences.map((id) => ({ id })), attributes: desired.attributes },
  );
  const result = applyPatch(doc, diff.ops as never, true, false).newDocument as {
    transformations: {
      params: {
        segmentSelectors: { selectors: { value: { id: string } }[] };
        profileSelectors: { selectors: { value: { path: string } }[] };
      };
    }[];
  };
  const params = result.transformations[0]!.params;
  return {
    diff,
    audiences: params.segmentSelectors.selectors.map((s) => s.value.id),
    attributes: params.profileSelectors.selectors.map((s) => s.value.path),
  };
}

describe("selector patches", () => {
  it("makes no ops when live and desired hold the same items in another order", () => {
    const { diff } = applied(
      { audiences: ["a", "b"], attributes: ["x", "y"] },
      { audiences: ["b", "a"], attributes: ["y", "x"] },
    );
    expect(diff.ops).toEqual([]);
  });

  it("removes several audiences in one patch and lands the right final state", () => {
    const result = applied(
      { audiences: ["a", "b", "c", "d", "e"], attributes: ["x"] },
      { audiences: ["b", "d"], attributes: ["x"] },
    );
    expect(result.audiences).toEqual(["b", "d"]);
    expect(result.diff.ops.map((o) => o.path)).toEqual([
      "/transformations/0/params/segmentSelectors/selectors/4",
      "/transformations/0/params/segmentSelectors/selectors/2",
      "/transformations/0/params/segmentSelectors/selectors/0",
    ]);
  });

  it("mixes removes and adds in both arrays and converges", () => {
    const result = applied(
      { audiences: ["a", "b", "c"], attributes: ["p1", "p2", "p3"] },
      { audiences: ["c", "z"], attributes: ["p2", "p4"] },
    );
    expect(new Set(result.audiences)).toEqual(new Set(["c", "z"]));
    expect(new Set(result.attributes)).toEqual(new Set(["p2", "p4"]));
    expect(result.diff.audiencesAdded).toEqual([{ id: "z" }]);
    expect(result.diff.attributesRemoved).toEqual(["p1", "p3"]);
  });

  it("drops duplicate live selectors of one audience", () => {
    const result = applied({ audiences: ["a", "a", "b"], attributes: [] }, { audiences: ["a", "b"], attributes: [] });
    expect(result.audiences).toEqual(["a", "b"]);
    expect(result.diff.audiencesRemoved).toEqual([]);
  });

  it("replaces a selector whose name changed in YAML, at its index, before any remove shifts it", () => {
    const diff = diffSelectors(
      { audiences: [{ id: "a" }, { id: "b", name: "Old" }], attributes: [] },
      { audiences: [{ id: "b", name: "New" }], attributes: [] },
    );
    expect(diff.ops).toEqual([
      {
        op: "replace",
        path: "/transformations/0/params/segmentSelectors/selectors/1",
        value: { type: "PLATFORM_SEGMENT", value: { id: "b", name: "New" } },
      },
      // The removed item as its value: both of Adobe's specs require one.
      {
        op: "remove",
        path: "/transformations/0/params/segmentSelectors/selectors/0",
        value: { type: "PLATFORM_SEGMENT", value: { id: "a" } },
      },
    ]);
  });
});

describe("selector updates keep what the YAML does not set", () => {
  const SELECTOR_0 = "/transformations/0/params/segmentSelectors/selectors/0";
  // As Adobe's UI or another client may leave a selector: a schedule, a description, a mapping id.
  const item = {
    type: "PLATFORM_SEGMENT",
    value: {
      id: "a",
      name: "Old",
      description: "",
      mappingId: "partner-42",
      schedule: { startDate: "2026-07-01", endDate: "2026-08-31" },
    },
  };
  const live = (over: Partial<{ name: string; schedule: object }> = {}) => ({
    audiences: [{ id: "a", name: "Old", schedule: { startDate: "2026-07-01", endDate: "2026-08-31" }, item, ...over }],
    attributes: [],
  });

  it("sends a renamed audience's live selector back whole, with only the name changed", () => {
    const diff = diffSelectors(live(), { audiences: [{ id: "a", name: "New" }], attributes: [] });
    expect(diff.ops).toEqual([
      { op: "replace", path: SELECTOR_0, value: { ...item, value: { ...item.value, name: "New" } } },
    ]);
    expect(diff.audiencesRenamed).toEqual([{ id: "a", before: "Old", after: "New" }]);
    expect(diff.audiencesRescheduled).toEqual([]);
    // The live item is not touched: the plan is data the executor replays.
    expect(item.value.name).toBe("Old");
  });

  it("leaves a schedule the YAML does not set as Adobe holds it: no op", () => {
    expect(diffSelectors(live(), { audiences: [{ id: "a", name: "Old" }], attributes: [] }).ops).toEqual([]);
    expect(diffSelectors(live(), { audiences: [{ id: "a" }], attributes: [] }).ops).toEqual([]);
  });

  it("changes only a schedule's dates, drops an end the YAML does not give, and keeps its other fields", () => {
    const batchy = { ...item, value: { ...item.value, schedule: { ...item.value.schedule, frequency: "DAILY" } } };
    const diff = diffSelectors(
      { audiences: [{ id: "a", name: "Old", schedule: item.value.schedule, item: batchy }], attributes: [] },
      { audiences: [{ id: "a", adobeName: "Old", schedule: { startDate: "2026-09-01" } }], attributes: [] },
    );
    expect(diff.ops).toEqual([
      {
        op: "replace",
        path: SELECTOR_0,
        value: { ...item, value: { ...item.value, schedule: { startDate: "2026-09-01", frequency: "DAILY" } } },
      },
    ]);
    expect(diff.audiencesRescheduled).toEqual([
      {
        id: "a",
        name: "Old",
        adobeName: "Old",
        before: { startDate: "2026-07-01", endDate: "2026-08-31" },
        after: { startDate: "2026-09-01" },
      },
    ]);
  });

  it("gives a selector without a schedule the YAML's, and an added audience its schedule", () => {
    const plain = { type: "PLATFORM_SEGMENT", value: { id: "a" } };
    const schedule = { startDate: "2026-07-01", endDate: "2026-08-31" };
    const diff = diffSelectors(
      { audiences: [{ id: "a", item: plain }], attributes: [] },
      {
        audiences: [
          { id: "a", schedule },
          { id: "b", name: "B", schedule: { startDate: "2026-07-02" } },
        ],
        attributes: [],
      },
    );
    expect(diff.ops).toEqual([
      { op: "replace", path: SELECTOR_0, value: { type: "PLATFORM_SEGMENT", value: { id: "a", schedule } } },
      {
        op: "add",
        path: "/transformations/0/params/segmentSelectors/selectors/-",
        value: { type: "PLATFORM_SEGMENT", value: { id: "b", name: "B", schedule: { startDate: "2026-07-02" } } },
      },
    ]);
    expect(diff.audiencesRescheduled).toEqual([{ id: "a", after: schedule }]);
  });
});
