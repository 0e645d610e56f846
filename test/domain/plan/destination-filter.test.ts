// A partial run (--destination, as Terraform's -target): the planner sees only the matching destinations
// and the accounts they use, and nothing outside the filter is planned, deleted or listed. These specs
// complement test/domain/destination-filter.test.ts (matching, narrowing, prune, the empty rail); end to
// end: test/cli/destination-filter.test.ts.
import { describe, expect, it } from "vitest";
import { assemblePlan } from "../../../src/domain/plan/planner.js";
import { desired, live, planOf, steps } from "./builders.js";

/** Two accounts, three destinations; every one edited in the YAML since the last apply. */
const yaml = () =>
  desired()
    .account("kin", { description: "edited" })
    .account("hubs", { type: "azure-event-hubs", description: "edited" })
    .destination("promo-eu", { account: "kin", audiences: ["aud-vip", "aud-new"] })
    .destination("promo-us", { account: "kin", audiences: ["aud-vip", "aud-new"] })
    .destination("loyalty", { account: "hubs", audiences: ["aud-vip", "aud-new"] });

const adobe = () =>
  live()
    .account("kin")
    .account("hubs", { type: "azure-event-hubs" })
    .destination("promo-eu", { account: "kin" })
    .destination("promo-us", { account: "kin" })
    .destination("loyalty", { account: "hubs" });

describe("a plan narrowed by --destination", () => {
  it("plans the matching destinations and the accounts they use, and says it is partial", () => {
    const plan = planOf(yaml().narrowedTo("promo-eu"), adobe());
    expect(steps(plan)).toEqual(["update account/kin", "update flow/promo-eu"]);
    expect(plan.egress.map((e) => e.destination)).toEqual(["promo-eu"]);
    expect(plan.filter).toEqual(["promo-eu"]);
  });

  it("matches by glob and by the refs a plan shows, sorted and without repeats", () => {
    const plan = planOf(yaml().narrowedTo("target/loyalty", "promo-*", "promo-*"), adobe());
    expect(plan.filter).toEqual(["promo-*", "target/loyalty"]);
    expect(steps(plan)).toEqual([
      "update account/hubs",
      "update account/kin",
      "update flow/loyalty",
      "update flow/promo-eu",
      "update flow/promo-us",
    ]);
  });

  it("does not list an account that only filtered-out destinations use", () => {
    const plan = planOf(yaml().narrowedTo("loyalty"), adobe().account("old"));
    expect(steps(plan)).toEqual(["update account/hubs", "update flow/loyalty"]);
  });

  it("renames in place when both the new name and its renamedFrom are in scope", () => {
    const plan = planOf(
      desired()
        .account("kin")
        .destination("promo-emea", {
          renamedFrom: "promo-eu",
          target: { stream: "promo-eu-stream", region: "us-east-1" },
        }),
      live().account("kin").destination("promo-eu"),
    );
    const narrowed = planOf(
      desired()
        .account("kin")
        .destination("promo-emea", {
          renamedFrom: "promo-eu",
          target: { stream: "promo-eu-stream", region: "us-east-1" },
        })
        .narrowedTo("promo-emea"),
      live().account("kin").destination("promo-eu"),
    );
    expect(steps(narrowed)).toEqual(["rename target/promo-emea", "rename flow/promo-emea"]);
    expect(steps(narrowed)).toEqual(steps(plan));
    // Same changes, different meaning: the filter is bound by the checksum.
    expect(assemblePlan([narrowed]).checksum).not.toBe(assemblePlan([plan]).checksum);
  });

  it("deletes a managed destination gone from the YAML only when a pattern names it", () => {
    const state = live().account("kin").destination("promo-eu").destination("promo-old");
    const base = () => desired().account("kin").destination("promo-eu");
    expect(steps(planOf(base().narrowedTo("promo-eu"), state, { prune: true }))).toEqual([]);
    expect(steps(planOf(base().narrowedTo("promo-*"), state, { prune: true }))).toEqual([
      "delete flow/promo-old",
      "delete target/promo-old",
    ]);
  });
});
