// The Profile store side of every flow: one base connection and one source connection per sandbox,
// created once, when a flow is first created, and shared by every managed flow. End to end:
// test/cli/apply-lifecycle.test.ts ("creates everything, then a second plan … writes nothing").
import { describe, expect, it } from "vitest";
import { PROFILE_CONNECTION_SPEC_ID } from "../../../src/domain/state/adobe.js";
import { change, desired, live, planOf, steps } from "./builders.js";

describe("the shared Profile source", () => {
  it("is created with its base connection before the first flow of a sandbox, both marked as the tool's", () => {
    const plan = planOf(desired().account("kin").destination("sales"), live().account("kin").withoutProfileSource());
    expect(steps(plan)).toEqual([
      "create profile-connection",
      "create profile-source",
      "create target/sales",
      "create flow/sales",
    ]);
    expect(change(plan, "profile-connection").calls[0]).toEqual({
      method: "POST",
      path: "/connections",
      body: {
        name: "aep-gitops Profile connection",
        description:
          "Profile store connection shared by the destinations aep-gitops manages.\n\n[managed by aep-gitops: profile/connection]",
        connectionSpec: { id: PROFILE_CONNECTION_SPEC_ID, version: "1.0" },
      },
    });
    const source = change(plan, "profile-source");
    expect(source.dependsOn).toEqual(["profile-connection"]);
    expect(source.calls[0]).toEqual({
      method: "POST",
      path: "/sourceConnections",
      body: {
        name: "aep-gitops Profile source",
        description:
          "Profile store source shared by the destinations aep-gitops manages.\n\n[managed by aep-gitops: profile/source]",
        connectionSpec: { id: PROFILE_CONNECTION_SPEC_ID, version: "1.0" },
        baseConnectionId: "{{profile-connection.id}}",
        data: { format: "json" },
        params: {},
      },
    });
    const flow = change(plan, "flow/sales");
    expect(flow.dependsOn).toEqual(["profile-source", "target/sales"]);
    expect(flow.calls[0]!.body).toMatchObject({ sourceConnectionIds: ["{{profile-source.id}}"] });
  });

  it("is created once, however many flows the plan creates", () => {
    const plan = planOf(
      desired().account("kin").destination("sales").destination("churn").destination("vip"),
      live().account("kin").withoutProfileSource(),
    );
    expect(steps(plan).filter((s) => s.includes("profile"))).toEqual([
      "create profile-connection",
      "create profile-source",
    ]);
    for (const name of ["sales", "churn", "vip"]) {
      expect(change(plan, `flow/${name}`).dependsOn).toContain("profile-source");
    }
  });

  it("is created on the Profile base connection an earlier, interrupted apply left", () => {
    const plan = planOf(
      desired().account("kin").destination("sales"),
      live().account("kin").withoutProfileSource({ id: "conn-profile-left" }),
    );
    expect(steps(plan)).toEqual(["create profile-source", "create target/sales", "create flow/sales"]);
    const source = change(plan, "profile-source");
    expect(source.dependsOn).toEqual([]);
    expect(source.calls[0]!.body).toMatchObject({ baseConnectionId: "conn-profile-left" });
  });

  it("that exists is used by id, and nothing of the Profile store is created", () => {
    const plan = planOf(desired().account("kin").destination("sales"), live().account("kin"));
    expect(steps(plan)).toEqual(["create target/sales", "create flow/sales"]);
    expect(change(plan, "flow/sales").calls[0]!.body).toMatchObject({ sourceConnectionIds: ["src-profile"] });
  });

  it("is not looked for by a plan that creates no flow, even when the reader found none", () => {
    const plan = planOf(
      desired().account("kin").destination("sales", { description: "edited" }),
      live().account("kin").destination("sales").withoutProfileSource(),
    );
    expect(steps(plan)).toEqual(["update flow/sales"]);
  });
});
