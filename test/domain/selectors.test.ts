import fastJsonPatch from "fast-json-patch";
import { describe, expect, it } from "vitest";
import { diffSelectors, transformations } from "../../src/domain/selectors.js";

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
