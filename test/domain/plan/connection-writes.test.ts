// Where Adobe refuses PATCH of connections (FLOW-1445-400 "PATCH Connection Feature not enabled"), an
// account can be created and deleted but not written in place: the plan refuses each such write with
// what to do, instead of failing in the middle of an apply. End to end: test/cli/lock-degrades.test.ts
// ("decides an account's adoption at plan").
import { describe, expect, it } from "vitest";
import { patchedConnection } from "../../../src/domain/plan/connection-writes.js";
import { desired, fingerprintOf, live, planOf, steps } from "./builders.js";

const ENABLE =
  "Ask Adobe to enable PATCH of connections (the 'PATCH Connection' feature) for the organization, then plan again";

describe("a sandbox that refuses PATCH of connections", () => {
  it("refuses adopting an account, whose marker would go into its description", () => {
    const plan = planOf(
      desired().account("kin", { adoptId: "conn-ui" }),
      live().account("kin", { unmanaged: true, id: "conn-ui" }).refusingConnectionPatches(),
    );
    expect(plan.refusals).toEqual([
      {
        rule: "unsupported-change",
        message:
          "Cannot adopt account 'kin' in sandbox 'prod': Adobe refuses PATCH of connections there (400 FLOW-1445-400), and adopting writes the ownership marker into the account's description.",
        hint: `${ENABLE}; or remove adoptId from account 'kin' and give it another name, so aep-gitops creates an account of its own (a create, which Adobe allows) and leaves the existing one as it is.`,
      },
    ]);
  });

  it("refuses rotating an account's credentials in place", () => {
    const plan = planOf(desired().account("kin"), live().account("kin").refusingConnectionPatches("405"), {
      fingerprints: { kin: "abcdef0123456789" },
    });
    expect(plan.refusals).toEqual([
      {
        rule: "unsupported-change",
        message:
          "Cannot change account 'kin' in place in sandbox 'prod': Adobe refuses PATCH of connections there (405); it allows only creating and deleting accounts.",
        hint: `${ENABLE}; or give the account a new name in the YAML: a new account is created, and the old one is pruned once nothing uses it.`,
      },
    ]);
  });

  it("refuses renaming and re-describing an account, one refusal per account", () => {
    const plan = planOf(
      desired().account("growth", { renamedFrom: "kin" }).account("other", { description: "new text" }),
      live().account("kin").account("other").refusingConnectionPatches(),
      // The renamed account's credentials are the ones its marker holds.
      { fingerprints: { growth: fingerprintOf("kin"), other: fingerprintOf("other") } },
    );
    expect(plan.refusals.map((r) => /^Cannot change account '([a-z]+)' in place/.exec(r.message)?.[1])).toEqual([
      "growth",
      "other",
    ]);
  });

  it("still creates and deletes accounts and writes flows and target connections: nothing refused", () => {
    const plan = planOf(
      desired().account("new").account("kin").destination("sales", { account: "kin", audiences: [] }),
      live().account("kin").account("old").destination("sales", { account: "kin" }).refusingConnectionPatches(),
      { prune: true },
    );
    expect(plan.refusals).toEqual([]);
    expect(steps(plan)).toEqual(["create account/new", "update flow/sales", "delete account/old"]);
  });
});

describe("patchedConnection", () => {
  it("names the first connection a plan patches, which the probe asks about, and none for a plan that patches none", () => {
    const rotating = planOf(desired().account("kin"), live().account("kin"), {
      fingerprints: { kin: "abcdef0123456789" },
    });
    expect(patchedConnection(rotating.changes)).toBe("conn-kin");
    const flowOnly = planOf(
      desired().account("kin").destination("sales", { audiences: [] }),
      live().account("kin").destination("sales"),
    );
    expect(patchedConnection(flowOnly.changes)).toBeUndefined();
  });
});
