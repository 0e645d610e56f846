// A destination's target connection: where its data goes. Created with the marker only (the user's
// description lives on the flow), its params kept equal to the YAML's `target` by one PATCH, never
// re-pointed to another account. End to end: test/cli/apply-lifecycle.test.ts ("changes target params"),
// test/cli/include-flags.test.ts, test/cli/egress-targets.test.ts.
import { describe, expect, it } from "vitest";
import { SPEC, change, desired, live, patchOps, planOf, steps } from "./builders.js";

describe("a new destination's target connection", () => {
  it("is created on the live account with only the marker as description and the params the YAML sets", () => {
    const plan = planOf(
      desired().account("kin").destination("sales", { displayName: "Sales (EU)", description: "Daily sales feed" }),
      live().account("kin"),
    );
    const create = change(plan, "target/sales");
    expect(create).toMatchObject({
      action: "create",
      resource: "target-connection",
      dependsOn: [],
      fields: [
        { field: "params.stream", after: "sales-stream" },
        { field: "params.region", after: "us-east-1" },
      ],
    });
    expect(create.calls).toEqual([
      {
        method: "POST",
        path: "/targetConnections",
        body: {
          name: "Sales (EU)",
          description: "[managed by aep-gitops: destination/sales]",
          baseConnectionId: "conn-kin",
          connectionSpec: { id: SPEC["amazon-kinesis"], version: "1.0" },
          data: { format: "json" },
          params: { region: "us-east-1", stream: "sales-stream" },
        },
      },
    ]);
    // Sorted keys: equal params always serialise alike.
    expect(Object.keys((create.calls[0]!.body as { params: object }).params)).toEqual(["region", "stream"]);
  });

  it("on an account this plan creates waits for it and names its id by placeholder", () => {
    const plan = planOf(desired().account("kin").destination("sales"), live());
    const create = change(plan, "target/sales");
    expect(create.dependsOn).toEqual(["account/kin"]);
    expect(create.calls[0]!.body).toMatchObject({ baseConnectionId: "{{account/kin.id}}" });
  });

  it("of Event Hubs sends its event hub and the Event Hubs connection spec", () => {
    const plan = planOf(
      desired().account("hubs", { type: "azure-event-hubs" }).destination("alerts"),
      live().account("hubs", { type: "azure-event-hubs" }),
    );
    expect(change(plan, "target/alerts").calls[0]!.body).toMatchObject({
      connectionSpec: { id: SPEC["azure-event-hubs"] },
      params: { eventHubName: "alerts-hub" },
    });
  });
});

describe("a live target connection", () => {
  const adobe = () => live().account("kin").destination("sales");

  it("whose stream changed is patched with the whole params, guarded by its etag, and is data going elsewhere", () => {
    const plan = planOf(
      desired()
        .account("kin")
        .destination("sales", { target: { stream: "sales-v2", region: "us-east-1" } }),
      adobe(),
    );
    expect(steps(plan)).toEqual(["update target/sales"]);
    const update = change(plan, "target/sales");
    expect(update.fields).toEqual([{ field: "params.stream", before: "sales-stream", after: "sales-v2" }]);
    expect(update.calls).toEqual([
      {
        method: "PATCH",
        path: "/targetConnections/tc-sales",
        ifMatch: '"etag-tc-sales"',
        body: [{ op: "replace", path: "/params", value: { region: "us-east-1", stream: "sales-v2" } }],
      },
    ]);
    expect(plan.egress).toEqual([
      {
        destination: "sales",
        type: "amazon-kinesis",
        status: "changed",
        target: {
          before: { account: "kin", stream: "sales-stream", region: "us-east-1" },
          after: { account: "kin", stream: "sales-v2", region: "us-east-1" },
        },
        audiencesAdded: [],
        audiencesRemoved: [],
        attributesAdded: [],
        attributesRemoved: [],
      },
    ]);
  });

  it("without an include flag equals a YAML that sets it false: no change", () => {
    const plan = planOf(
      desired()
        .account("kin")
        .destination("sales", { target: { stream: "sales-stream", region: "us-east-1", includeSegmentNames: false } }),
      adobe(),
    );
    expect(plan.changes).toEqual([]);
  });

  it("without an include flag the YAML turns on gets it, with false as the before", () => {
    const plan = planOf(
      desired()
        .account("kin")
        .destination("sales", { target: { stream: "sales-stream", region: "us-east-1", includeSegmentNames: true } }),
      adobe(),
    );
    const update = change(plan, "target/sales");
    expect(update.fields).toEqual([{ field: "params.includeSegmentNames", before: false, after: true }]);
    expect(patchOps(update)).toEqual([
      {
        op: "replace",
        path: "/params",
        value: { includeSegmentNames: true, region: "us-east-1", stream: "sales-stream" },
      },
    ]);
  });

  it("holding an include flag the YAML leaves out loses it: the params sent are only the YAML's", () => {
    const plan = planOf(
      desired().account("kin").destination("sales"),
      live()
        .account("kin")
        .destination("sales", {
          params: { stream: "sales-stream", region: "us-east-1", includeSegmentTimestamps: true },
        }),
    );
    const update = change(plan, "target/sales");
    expect(update.fields).toEqual([{ field: "params.includeSegmentTimestamps", before: true, after: false }]);
    expect(patchOps(update)).toEqual([
      { op: "replace", path: "/params", value: { region: "us-east-1", stream: "sales-stream" } },
    ]);
    // Only where the data goes is egress; a flag is not.
    expect(plan.egress).toEqual([]);
  });

  it("keeps whatever name Adobe gives it: only the flow's name follows the YAML", () => {
    const plan = planOf(
      desired().account("kin").destination("sales"),
      live()
        .account("kin")
        .destination("sales", { target: { name: "Kinesis target 2024-03-01" } }),
    );
    expect(plan.changes).toEqual([]);
  });

  it("is not re-pointed when the destination moves to another account: refused, and its flow left alone", () => {
    const plan = planOf(
      desired()
        .account("kin")
        .account("growth")
        .destination("sales", { account: "growth", audiences: ["aud-vip", "aud-new"] }),
      live().account("kin").account("growth").destination("sales", { account: "kin" }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.egress).toEqual([]);
    expect(plan.refusals).toEqual([
      {
        rule: "unsupported-change",
        message:
          "Destination 'sales' moved to another account or type; Adobe cannot re-point an existing target connection.",
        hint: "Give the destination a new name (it is created on the new account) and prune the old one; data export restarts on the new destination.",
      },
    ]);
  });

  it("is not re-pointed when the destination changes type either", () => {
    const plan = planOf(
      desired()
        .account("kin")
        .destination("sales", { type: "azure-event-hubs", target: { eventHubName: "sales" } }),
      live().account("kin").destination("sales"),
    );
    expect(plan.refusals.map((r) => r.rule)).toEqual(["unsupported-change"]);
  });

  it("of Event Hubs whose account moves to another namespace sends the same data somewhere else", () => {
    const plan = planOf(
      desired()
        .account("hubs", {
          type: "azure-event-hubs",
          credentials: {
            sasKeyName: { literal: "send" },
            sasKey: { env: "EVENTHUB_SAS_KEY" },
            namespace: { literal: "acme-hubs-eu" },
          },
        })
        .destination("alerts"),
      live().account("hubs", { type: "azure-event-hubs" }).destination("alerts"),
      // The new namespace is part of the credentials, so their fingerprint differs.
      { fingerprints: { hubs: "0123456789abcdef" } },
    );
    expect(change(plan, "account/hubs").credentials).toBe("rotate");
    expect(plan.egress).toEqual([
      expect.objectContaining({
        destination: "alerts",
        status: "changed",
        target: {
          before: { account: "hubs", namespace: "acme-hubs", eventHubName: "alerts-hub" },
          after: { account: "hubs", namespace: "acme-hubs-eu", eventHubName: "alerts-hub" },
        },
      }),
    ]);
  });
});
