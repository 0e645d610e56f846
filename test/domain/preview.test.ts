// The pure parts of the export preview: sample values by the union's field types, the record's shape,
// each changed destination's record before and after a plan (rebuilt from the plan's egress delta), and
// the egress map the picture is drawn from; none of them part of the checksum.
import { describe, expect, it } from "vitest";
import { planChecksum } from "../../src/domain/review/checksum.js";
import { egressMap } from "../../src/domain/review/egress-map.js";
import type { SandboxPlan } from "../../src/domain/plan/plan.js";
import { planSandbox } from "../../src/domain/plan/planner.js";
import { samplePairs } from "../../src/domain/review/preview-changes.js";
import { sampleRecord, sampleValue } from "../../src/domain/review/preview.js";
import { indexUnionSchema, type UnionField } from "../../src/domain/state/union-schema.js";
import { account, desired, destination, live, liveFlow, liveTarget, options } from "./builders.js";

const leaf = (over: Partial<UnionField>): UnionField => ({ path: "x.y", kind: "leaf", ...over });

describe("sample values", () => {
  it("follow the field's type, a well-known field's realistic value, an enum's first value", () => {
    expect(sampleValue("person.lastName", leaf({ type: "string" }))).toBe("Doe");
    expect(sampleValue("personalEmail.address", undefined)).toBe("john.doe@example.com");
    expect(sampleValue("workEmail.x", leaf({ type: "string", format: "email" }))).toBe("john.doe@example.com");
    expect(sampleValue("a.born", leaf({ type: "string", format: "date" }))).toBe("2020-05-25");
    expect(sampleValue("a.at", leaf({ type: "string", format: "date-time" }))).toBe("2020-05-25T21:24:39Z");
    expect(sampleValue("a.flag", leaf({ type: "boolean" }))).toBe(true);
    expect(sampleValue("a.n", leaf({ type: "integer" }))).toBe(42);
    expect(sampleValue("a.amount", leaf({ type: "number" }))).toBe(19.99);
    expect(sampleValue("person.gender", leaf({ type: "string", enum: ["male", "female"] }))).toBe("male");
    expect(sampleValue("a.level", leaf({ type: "integer", enum: ["3", "5"] }))).toBe(3);
    expect(sampleValue("_acme.loyalty.tier", leaf({ type: "string" }))).toBe("sample tier");
    // A well-known path of another type in this sandbox gets a value of that type.
    expect(sampleValue("person.lastName", leaf({ type: "integer" }))).toBe(42);
  });

  it("nest attributes by path in YAML order, before segmentMembership and identityMap", () => {
    const union = indexUnionSchema({
      properties: {
        person: {
          type: "object",
          properties: { name: { type: "object", properties: { lastName: { type: "string" } } } },
        },
        _acme: { type: "object", properties: { points: { type: "integer" } } },
      },
    });
    const record = sampleRecord(
      {
        attributes: ["_acme.points", "person.name.lastName", "person.birthDate"],
        audiences: [{ id: "a1", name: "YAML name" }],
        target: { includeSegmentNames: true },
      },
      { union, audienceNames: new Map([["a1", "Sandbox name"]]) },
    );
    expect(Object.keys(record)).toEqual(["_acme", "person", "segmentMembership", "identityMap"]);
    expect(record.person).toEqual({ name: { lastName: "Doe" }, birthDate: "1968-04-12" });
    expect(record.segmentMembership).toEqual({
      ups: { a1: { lastQualificationTime: "2020-05-25T21:24:39Z", status: "realized", name: "Sandbox name" } },
    });
  });
});

describe("samples of a plan", () => {
  const acct = account("acct");
  const plan = (want: Parameters<typeof desired>[0], state: Parameters<typeof live>[0], prune = false) => {
    const d = desired({ accounts: [acct], ...want });
    const l = live(state);
    return { d, l, p: planSandbox(d, l, options({ prune })) };
  };

  it("a new destination has no before; a removed one no after; a changed one both, rebuilt from the delta", () => {
    const { d, l, p } = plan(
      {
        destinations: [
          destination("fresh", { audienceIds: ["aud-1"] }),
          destination("kept", { account: "acct", audienceIds: ["aud-1", "aud-2"], paths: ["person.lastName"] }),
        ],
      },
      {
        targetConnections: [liveTarget("kept"), liveTarget("gone")],
        flows: [
          liveFlow("kept", { audienceIds: ["aud-1"], paths: ["person.lastName", "personalEmail.address"] }),
          liveFlow("gone", { audienceIds: ["aud-9"], paths: ["mobilePhone.number"] }),
        ],
      },
      true,
    );
    const pairs = samplePairs(p, d, l, {});
    expect(pairs.map((s) => [s.destination, Boolean(s.before), Boolean(s.after)])).toEqual([
      ["fresh", false, true],
      ["gone", true, false],
      ["kept", true, true],
    ]);
    const kept = pairs.find((s) => s.destination === "kept")!;
    expect(Object.keys((kept.before!.segmentMembership as { ups: object }).ups)).toEqual(["aud-1"]);
    expect(kept.before!.personalEmail).toEqual({ address: "john.doe@example.com" });
    expect(Object.keys((kept.after!.segmentMembership as { ups: object }).ups)).toEqual(["aud-1", "aud-2"]);
    expect(kept.after!.personalEmail).toBeUndefined();
    expect(pairs.find((s) => s.destination === "gone")!.before!.mobilePhone).toEqual({ number: "+1 408-555-0100" });
  });

  it("a toggled includeSegmentNames reshapes the record even with no egress delta; the live params were the before", () => {
    const { d, l, p } = plan(
      {
        destinations: [
          destination("kept", {
            account: "acct",
            target: { stream: "kept-stream", region: "us-east-1", includeSegmentNames: true },
          }),
        ],
      },
      { targetConnections: [liveTarget("kept")], flows: [liveFlow("kept")] },
    );
    expect(p.egress).toEqual([]);
    const [pair] = samplePairs(p, d, l, {});
    const ups = (record: Record<string, unknown>) =>
      (record.segmentMembership as { ups: Record<string, object> }).ups["aud-1"];
    expect(ups(pair!.before!)).not.toHaveProperty("name");
    expect(ups(pair!.after!)).toHaveProperty("name", "aud-1");
  });

  it("the egress map holds every destination with its place and counts, the delta marked, the removed ones too", () => {
    const { d, l, p } = plan(
      {
        destinations: [
          destination("fresh"),
          destination("quiet", { account: "acct" }),
          destination("off", { account: "acct", state: "disabled" }),
        ],
      },
      {
        targetConnections: [liveTarget("quiet"), liveTarget("off"), liveTarget("gone")],
        flows: [liveFlow("quiet"), liveFlow("off"), liveFlow("gone", { audienceIds: ["a", "b"] })],
      },
      true,
    );
    const map = egressMap(p, d, l);
    expect(map.destinations.map((x) => [x.name, x.account, x.place, x.audiences, x.state, x.delta])).toEqual([
      ["fresh", "acct", { stream: "fresh-stream", region: "us-east-1" }, 1, "enabled", "added"],
      ["gone", "acct", { stream: "gone-stream", region: "us-east-1" }, 2, "enabled", "removed"],
      ["off", "acct", { stream: "off-stream", region: "us-east-1" }, 1, "disabled", "stopped"],
      ["quiet", "acct", { stream: "quiet-stream", region: "us-east-1" }, 1, "enabled", undefined],
    ]);
  });

  it("are outside the checksum: a plan with samples and a map has the checksum of the same plan without", () => {
    const { d, l, p } = plan({ destinations: [destination("fresh")] }, {});
    const pictured: SandboxPlan = { ...p, samples: samplePairs(p, d, l, {}), egressMap: egressMap(p, d, l) };
    expect(pictured.samples).toHaveLength(1);
    expect(planChecksum([pictured])).toBe(planChecksum([p]));
  });
});
