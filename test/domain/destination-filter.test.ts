// The destination filter in the pure planner: a narrowed desired state plans only the matching
// destinations and the accounts they use; orphans, duplicates and accounts outside the filter are
// neither deleted nor listed; the checksum binds the patterns; the empty-YAML rail still counts what
// the filter left out.
import { describe, expect, it } from "vitest";
import {
  destinationMatcher,
  narrowDesired,
  normalizedPatterns,
  patternProblem,
  unmatchedPatterns,
} from "../../src/domain/plan/destination-filter.js";
import { assemblePlan, planSandbox } from "../../src/domain/plan/planner.js";
import { account, desired, destination, live, liveAccount, liveFlow, liveTarget, options } from "./builders.js";

const yaml = desired({
  accounts: [account("acct"), account("other")],
  destinations: [destination("promo-eu"), destination("promo-us"), destination("loyalty", { account: "other" })],
});
const actions = (plan: { changes: { action: string; ref: string }[] }) =>
  plan.changes.map((c) => `${c.action} ${c.ref}`);

describe("the destination filter", () => {
  it("matches a YAML name or its flow/ and target/ refs, by glob", () => {
    const matches = destinationMatcher(["promo-*", "target/loyalty"]);
    expect(["promo-eu", "loyalty", "flow/promo-eu", "other"].map(matches)).toEqual([true, true, false, false]);
    expect(destinationMatcher(["flow/*"])("anything")).toBe(true);
    expect(normalizedPatterns(["b", "a", "b"])).toEqual(["a", "b"]);
    expect(patternProblem("a[b]")).toContain("character classes");
    expect(patternProblem("")).toBe("it is empty");
  });

  it("keeps the matching destinations and the accounts they use, and remembers what it left out", () => {
    const narrowed = narrowDesired(yaml, ["promo-*"]);
    expect(narrowed.destinations.map((d) => d.name)).toEqual(["promo-eu", "promo-us"]);
    expect(narrowed.accounts.map((a) => a.name)).toEqual(["acct"]);
    expect(narrowed.filter).toEqual({
      patterns: ["promo-*"],
      outside: { destinations: ["loyalty"], accounts: ["other"] },
    });
  });

  it("plans only them; the checksum differs from a full plan with the same changes", () => {
    const state = live({ connections: [], profileSource: undefined });
    const plan = planSandbox(narrowDesired(yaml, ["promo-eu"]), state, options());
    expect(plan.filter).toEqual(["promo-eu"]);
    expect(actions(plan)).toEqual([
      "create profile-connection",
      "create profile-source",
      "create account/acct",
      "create target/promo-eu",
      "create flow/promo-eu",
    ]);
    const only = desired({ accounts: [account("acct")], destinations: [destination("promo-eu")] });
    const full = planSandbox(only, state, options());
    expect(actions(full)).toEqual(actions(plan));
    expect(assemblePlan([plan]).checksum).not.toBe(assemblePlan([full]).checksum);
    expect(assemblePlan([plan]).filter).toEqual(["promo-eu"]);
  });

  it("never deletes or lists what lies outside it, however prune is set", () => {
    // In Adobe: promo-eu and loyalty (on account 'old'), both gone from the YAML, and a duplicate loyalty flow.
    const state = live({
      connections: [liveAccount("acct"), liveAccount("old", { id: "conn-old" })],
      targetConnections: [liveTarget("promo-eu"), liveTarget("loyalty", { baseConnectionId: "conn-old" })],
      flows: [liveFlow("promo-eu"), liveFlow("loyalty"), liveFlow("loyalty", { id: "flow-loyalty-2" })],
    });
    const rest = desired({ destinations: [destination("promo-us")] });
    const full = planSandbox(rest, state, options({ prune: true }));
    expect(actions(full)).toContain("delete account/old");
    expect(actions(full)).toContain("delete flow/loyalty#dup1");

    const pruned = planSandbox(narrowDesired(rest, ["promo-*"]), state, options({ prune: true }));
    expect(actions(pruned)).toEqual([
      "create target/promo-us",
      "create flow/promo-us",
      "delete flow/promo-eu",
      "delete target/promo-eu",
    ]);
    const loyalty = planSandbox(narrowDesired(rest, ["loyalty"]), state, options({ prune: true }));
    expect(actions(loyalty)).toEqual([
      "delete flow/loyalty",
      "delete flow/loyalty#dup1",
      "delete target/loyalty",
      "delete account/old",
    ]);
  });

  it("does not take a renamed destination's old name for an orphan when the rename is outside the filter", () => {
    const state = live({ targetConnections: [liveTarget("promo-old")], flows: [liveFlow("promo-old")] });
    const renamed = desired({
      destinations: [destination("promo-eu"), destination("summer", { renamedFrom: "promo-old" })],
    });
    const plan = planSandbox(narrowDesired(renamed, ["promo-*"]), state, options({ prune: true }));
    expect(actions(plan).filter((a) => a.includes("promo-old"))).toEqual([]);
  });

  it("still refuses an empty YAML, counting what the filter left out", () => {
    const state = live({ targetConnections: [liveTarget("gone")], flows: [liveFlow("gone")] });
    const empty = planSandbox(narrowDesired(desired({ accounts: [] }), ["gone"]), state, options({ prune: true }));
    expect(empty.refusals.map((r) => r.rule)).toEqual(["empty-desired"]);
    const declared = planSandbox(narrowDesired(yaml, ["gone"]), state, options({ prune: true }));
    expect(declared.refusals).toEqual([]);
    expect(actions(declared)).toEqual(["delete flow/gone", "delete target/gone"]);
  });

  it("names each pattern that matches nothing, with the nearest names", () => {
    expect(unmatchedPatterns(["promo-*", "promo-ue", "zz*"], ["promo-eu", "promo-us", "loyalty"])).toEqual([
      { pattern: "promo-ue", nearest: ["promo-eu", "promo-us", "loyalty"] },
      { pattern: "zz*", nearest: ["loyalty", "promo-eu", "promo-us"] },
    ]);
  });
});
