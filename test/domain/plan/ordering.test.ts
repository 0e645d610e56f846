// How the changes of a plan relate: creates and updates in dependency order (Profile connection,
// Profile source, account, target connection, flow), then deletes in reverse, by ref within a rank;
// a call that needs an id created earlier in the same apply names it by `{{ref.id}}`, and its change
// depends on that ref. The plan is a function of its inputs alone. End to end: test/cli/apply-lifecycle
// .test.ts, test/cli/checksum.test.ts, test/cli/saved-plans.test.ts.
import { describe, expect, it } from "vitest";
import { assemblePlan, hasChanges, isNoop } from "../../../src/domain/plan/planner.js";
import { changeRef, idOrPlaceholder } from "../../../src/domain/plan/refs.js";
import type { LiveSandbox } from "../../../src/domain/state/live.js";
import { change, desired, live, planOf, steps, yamlFile } from "./builders.js";

describe("refs", () => {
  it("are built from typed parts: a kind, a YAML name, a duplicate's number", () => {
    expect(changeRef("account", "kin")).toBe("account/kin");
    expect(changeRef("target-connection", "sales")).toBe("target/sales");
    expect(changeRef("flow", "sales", 2)).toBe("flow/sales#dup2");
    expect(changeRef("profile-source")).toBe("profile-source");
    expect(idOrPlaceholder("account/kin", "conn-1")).toBe("conn-1");
    expect(idOrPlaceholder("account/kin", undefined)).toBe("{{account/kin.id}}");
  });
});

describe("the order of a plan's changes", () => {
  it("on a first apply: Profile objects, accounts, target connections, flows, each kind by ref, each waiting for what it uses", () => {
    const plan = planOf(
      desired()
        .account("kin")
        .account("hubs", { type: "azure-event-hubs" })
        .destination("sales")
        .destination("alerts", { account: "hubs" }),
      live().withoutProfileSource(),
    );
    expect(steps(plan)).toEqual([
      "create profile-connection",
      "create profile-source",
      "create account/hubs",
      "create account/kin",
      "create target/alerts",
      "create target/sales",
      "create flow/alerts",
      "create flow/sales",
    ]);
    expect(plan.changes.map((c) => [c.ref, c.dependsOn])).toEqual([
      ["profile-connection", []],
      ["profile-source", ["profile-connection"]],
      ["account/hubs", []],
      ["account/kin", []],
      ["target/alerts", ["account/hubs"]],
      ["target/sales", ["account/kin"]],
      ["flow/alerts", ["profile-source", "target/alerts"]],
      ["flow/sales", ["profile-source", "target/sales"]],
    ]);
    expect(change(plan, "flow/alerts").calls[0]!.body).toMatchObject({
      sourceConnectionIds: ["{{profile-source.id}}"],
      targetConnectionIds: ["{{target/alerts.id}}"],
    });
  });

  it("puts creates and updates by rank first, then deletes from flows down to accounts", () => {
    const plan = planOf(
      desired().account("kin").destination("sales").destination("upd", { description: "edited" }),
      live().account("kin").account("old").destination("upd").destination("gone", { account: "old" }),
      { prune: true },
    );
    expect(steps(plan)).toEqual([
      "create target/sales",
      "create flow/sales",
      "update flow/upd",
      "delete flow/gone",
      "delete target/gone",
      "delete account/old",
    ]);
  });

  it("points each create and update at the YAML document that asks for it, and deletes at none", () => {
    const plan = planOf(
      desired().account("kin", { description: "edited" }).destination("sales"),
      live().account("kin").destination("gone").withoutProfileSource(),
      { prune: true },
    );
    const sources = Object.fromEntries(plan.changes.map((c) => [c.ref, c.source]));
    expect(sources).toEqual({
      "profile-connection": undefined,
      "profile-source": undefined,
      "account/kin": yamlFile("kin"),
      "target/sales": yamlFile("sales"),
      "flow/sales": yamlFile("sales"),
      "flow/gone": undefined,
      "target/gone": undefined,
    });
  });

  it("lists the egress by destination name", () => {
    const plan = planOf(
      desired().account("kin").destination("zeta").destination("alpha").destination("mid"),
      live().account("kin"),
    );
    expect(plan.egress.map((e) => e.destination)).toEqual(["alpha", "mid", "zeta"]);
  });
});

describe("a plan as a function of its inputs", () => {
  it("is the same, checksum included, whatever order Adobe lists its objects in", () => {
    const yaml = desired()
      .account("kin")
      .destination("a", { audiences: ["aud-new"] })
      .destination("b")
      .destination("c");
    const adobe = live()
      .account("kin")
      .account("old")
      .destination("a")
      .destination("b", { state: "disabled" })
      .destination("gone", { account: "old" })
      .flow("b", { flow: { id: "flow-b-twin" } })
      .build();
    const reversed: LiveSandbox = {
      ...adobe,
      connections: [...adobe.connections].reverse(),
      targetConnections: [...adobe.targetConnections].reverse(),
      flows: [...adobe.flows].reverse(),
    };
    const one = planOf(yaml, adobe, { prune: true });
    const other = planOf(yaml, reversed, { prune: true });
    expect(other).toEqual(one);
    expect(assemblePlan([other]).checksum).toBe(assemblePlan([one]).checksum);
  });

  it("sums every sandbox's changes by action, and binds them all in one checksum", () => {
    const prod = planOf(
      desired().account("kin").destination("sales", { description: "edited" }).destination("new"),
      live().account("kin").destination("sales").destination("gone"),
    );
    const dev = planOf(
      desired("dev").account("kin", { adoptId: "conn-ui" }),
      live("dev").account("kin", { unmanaged: true, id: "conn-ui" }).account("old"),
      { prune: true },
    );
    const plan = assemblePlan([prod, dev]);
    expect(plan.summary).toEqual({ add: 2, change: 1, destroy: 1, orphaned: 2, adopt: 1 });
    expect(plan.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(assemblePlan([prod]).checksum).not.toBe(plan.checksum);
    expect(plan.filter).toBeUndefined();
  });

  it("with only orphans has no changes to apply, and is a no-op unless something is refused", () => {
    const orphansOnly = planOf(desired().account("kin"), live().account("kin").destination("gone"));
    expect(hasChanges(assemblePlan([orphansOnly]))).toBe(false);
    expect(isNoop(assemblePlan([orphansOnly]))).toBe(true);
    const refused = planOf(
      desired().account("kin", { description: "x" }),
      live().account("kin", { type: "azure-event-hubs" }),
    );
    expect(isNoop(assemblePlan([refused]))).toBe(false);
    const updating = planOf(desired().account("kin", { description: "x" }), live().account("kin"));
    expect(hasChanges(assemblePlan([updating]))).toBe(true);
  });
});
