// Audience sizes on a plan: Adobe's figure on each audience that starts or stops leaving, absent where
// Adobe gave none; the stream each destination sends to; and none of it in the checksum.
import { describe, expect, it } from "vitest";
import { sizeSum, sizesOf, targetNames, withAudienceSizes } from "../../src/domain/review/audience-sizes.js";
import { planChecksum } from "../../src/domain/review/checksum.js";
import { planSandbox } from "../../src/domain/plan/planner.js";
import { desired, destination, live, liveFlow, liveTarget, options } from "./builders.js";

function plan() {
  // d1 gains aud-2 and loses aud-1; d2 is new with aud-3.
  const want = desired({
    destinations: [
      destination("d1", { audienceIds: ["aud-2"] }),
      destination("d2", { audienceIds: ["aud-3"], target: { stream: "orders", region: "us-east-1" } }),
    ],
  });
  const state = live({
    targetConnections: [liveTarget("d1")],
    flows: [liveFlow("d1", { audienceIds: ["aud-1"] })],
  });
  return { want, state, plan: planSandbox(want, state, options()) };
}

describe("audience sizes", () => {
  it("puts Adobe's size on every audience the egress shows, and leaves unknown ones without", () => {
    const { want, state, plan: planned } = plan();
    const sized = withAudienceSizes(
      planned,
      new Map([
        ["aud-1", 500],
        ["aud-3", 1_184_302],
      ]),
      targetNames(want, state),
    );
    const d1 = sized.egress.find((e) => e.destination === "d1")!;
    const d2 = sized.egress.find((e) => e.destination === "d2")!;
    expect(d1.audiencesRemoved).toEqual([expect.objectContaining({ id: "aud-1", profiles: 500 })]);
    expect(d1.audiencesAdded[0]).not.toHaveProperty("profiles");
    expect(d2.audiencesAdded).toEqual([expect.objectContaining({ id: "aud-3", profiles: 1_184_302 })]);
    expect(d1.targetName).toBe("d1-stream");
    expect(d2.targetName).toBe("orders");
  });

  it("names the live stream of a destination the YAML no longer has", () => {
    const state = live({
      targetConnections: [liveTarget("gone", { params: { stream: "old-stream", region: "us-east-1" } })],
      flows: [liveFlow("gone")],
    });
    expect(targetNames(desired(), state).get("gone")).toBe("old-stream");
  });

  it("sums known sizes and counts the unknown ones, never as 0", () => {
    expect(sizeSum([{ profiles: 1 }, { profiles: 2 }, {}])).toEqual({ profiles: 3, unknown: 1 });
    expect(sizeSum([])).toEqual({ profiles: 0, unknown: 0 });
    expect(
      sizesOf([
        { id: "a", name: "A", totalProfiles: 0 },
        { id: "b", name: "B" },
      ]),
    ).toEqual(new Map([["a", 0]]));
  });

  it("leaves the checksum as it is: a size that changes between plan and apply changes nothing bound", () => {
    const { want, state, plan: planned } = plan();
    const names = targetNames(want, state);
    const bare = planChecksum([planned]);
    const small = planChecksum([
      withAudienceSizes(
        planned,
        new Map([
          ["aud-2", 10],
          ["aud-3", 20],
        ]),
        names,
      ),
    ]);
    const large = planChecksum([withAudienceSizes(planned, new Map([["aud-2", 9_000_000]]), names)]);
    expect(small).toBe(bare);
    expect(large).toBe(bare);
  });
});
