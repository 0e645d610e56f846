// A destination's dataflow: what leaves (audiences, profile attributes) and whether it runs. A live flow
// is brought in line by one PATCH of JSON Patch ops guarded by its etag (and the action endpoint for its
// state); a new one is created empty and given its selectors by one PATCH. Every change of what leaves
// is an egress delta. End to end: test/cli/apply-lifecycle.test.ts ("adds and removes audiences and
// attributes with one PATCH per flow", "disables and re-enables"), test/cli/documented-requests.test.ts.
import { describe, expect, it } from "vitest";
import { DESTINATION_FLOW_SPEC_ID } from "../../../src/domain/state/adobe.js";
import { PROFILE, SEGMENTS, UI_CLIENT, byUi, change, desired, live, patchOps, planOf, steps } from "./builders.js";

const yaml = () => desired().account("kin");
const adobe = () => live().account("kin");

describe("a live flow", () => {
  it("that matches the YAML plans nothing, whatever order Adobe holds its selectors in", () => {
    const plan = planOf(
      yaml().destination("sales", { audiences: ["aud-a", "aud-b"], attributes: ["person.x", "person.y"] }),
      adobe().destination("sales", { audiences: ["aud-b", "aud-a"], attributes: ["person.y", "person.x"] }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.egress).toEqual([]);
  });

  it("whose YAML gained an audience is patched with an add op guarded by the flow's etag", () => {
    const plan = planOf(
      yaml().destination("sales", { audiences: ["aud-vip", { id: "aud-churn", name: "Churn risk" }] }),
      adobe().destination("sales"),
    );
    const update = change(plan, "flow/sales");
    expect(update.calls).toEqual([
      {
        method: "PATCH",
        path: "/flows/flow-sales",
        ifMatch: '"etag-flow-sales"',
        body: [
          {
            op: "add",
            path: `${SEGMENTS}/-`,
            value: { type: "PLATFORM_SEGMENT", value: { id: "aud-churn", name: "Churn risk" } },
          },
        ],
      },
    ]);
    expect(update.fields).toEqual([{ field: "audiences", after: { id: "aud-churn", name: "Churn risk" } }]);
    expect(plan.egress).toEqual([
      {
        destination: "sales",
        type: "amazon-kinesis",
        status: "changed",
        audiencesAdded: [{ id: "aud-churn", name: "Churn risk" }],
        audiencesRemoved: [],
        attributesAdded: [],
        attributesRemoved: [],
      },
    ]);
  });

  it("whose audience left the YAML is patched with a remove op carrying the live item, guarded by its etag", () => {
    const item = { type: "PLATFORM_SEGMENT", value: { id: "aud-churn", name: "Churn risk", mappingId: "m-7" } };
    const plan = planOf(
      yaml().destination("sales"),
      adobe().destination("sales", { audiences: ["aud-vip", { id: "aud-churn", name: "Churn risk", item }] }),
    );
    const update = change(plan, "flow/sales");
    expect(update.calls[0]).toMatchObject({ method: "PATCH", ifMatch: '"etag-flow-sales"' });
    expect(patchOps(update)).toEqual([{ op: "remove", path: `${SEGMENTS}/1`, value: item }]);
    expect(update.fields).toEqual([{ field: "audiences", before: { id: "aud-churn", name: "Churn risk" } }]);
    expect(plan.egress[0]).toMatchObject({
      status: "changed",
      audiencesRemoved: [{ id: "aud-churn", name: "Churn risk" }],
    });
  });

  it("removes an audience Adobe holds without its item by the selector it rebuilds", () => {
    const plan = planOf(yaml().destination("sales", { audiences: [] }), adobe().destination("sales"));
    expect(patchOps(change(plan, "flow/sales"))).toEqual([
      { op: "remove", path: `${SEGMENTS}/0`, value: { type: "PLATFORM_SEGMENT", value: { id: "aud-vip" } } },
    ]);
  });

  it("whose profile attributes changed gets JSON_PATH adds and removes in the same PATCH", () => {
    const plan = planOf(
      yaml().destination("sales", { attributes: ["person.name.firstName"] }),
      adobe().destination("sales"),
    );
    expect(patchOps(change(plan, "flow/sales"))).toEqual([
      { op: "remove", path: `${PROFILE}/0`, value: { type: "JSON_PATH", value: { path: "person.name.lastName" } } },
      { op: "add", path: `${PROFILE}/-`, value: { type: "JSON_PATH", value: { path: "person.name.firstName" } } },
    ]);
    expect(change(plan, "flow/sales").fields).toEqual([
      { field: "profileAttributes", after: "person.name.firstName" },
      { field: "profileAttributes", before: "person.name.lastName" },
    ]);
    expect(plan.egress[0]).toMatchObject({
      attributesAdded: ["person.name.firstName"],
      attributesRemoved: ["person.name.lastName"],
    });
  });

  it("orders its ops so every index holds: replaces, then removes from the highest index, then adds", () => {
    const plan = planOf(
      yaml().destination("sales", {
        audiences: [{ id: "aud-b", name: "B renamed" }, "aud-d"],
        attributes: ["person.y", "person.z"],
      }),
      adobe().destination("sales", {
        audiences: ["aud-a", { id: "aud-b", name: "B" }, "aud-c"],
        attributes: ["person.x", "person.y"],
      }),
    );
    expect(patchOps(change(plan, "flow/sales")).map((o) => `${o.op} ${o.path}`)).toEqual([
      `replace ${SEGMENTS}/1`,
      `remove ${PROFILE}/0`,
      `remove ${SEGMENTS}/2`,
      `remove ${SEGMENTS}/0`,
      `add ${SEGMENTS}/-`,
      `add ${PROFILE}/-`,
    ]);
  });

  it("holding one audience twice loses the second copy, which is no egress", () => {
    const plan = planOf(
      yaml().destination("sales"),
      adobe().destination("sales", { audiences: ["aud-vip", "aud-vip"] }),
    );
    const update = change(plan, "flow/sales");
    expect(patchOps(update).map((o) => `${o.op} ${o.path}`)).toEqual([`remove ${SEGMENTS}/1`]);
    expect(update.fields).toEqual([]);
    expect(plan.egress).toEqual([]);
  });

  it("whose audience is renamed in YAML replaces that selector, which is no egress", () => {
    const plan = planOf(
      yaml().destination("sales", { audiences: [{ id: "aud-vip", name: "VIP customers" }] }),
      adobe().destination("sales"),
    );
    const update = change(plan, "flow/sales");
    expect(update.fields).toEqual([{ field: "audiences[aud-vip].name", after: "VIP customers" }]);
    expect(patchOps(update)).toEqual([
      {
        op: "replace",
        path: `${SEGMENTS}/0`,
        value: { type: "PLATFORM_SEGMENT", value: { id: "aud-vip", name: "VIP customers" } },
      },
    ]);
    expect(plan.egress).toEqual([]);
  });

  it("that is disabled while the YAML says enabled is enabled by the action endpoint, and data starts leaving", () => {
    const plan = planOf(yaml().destination("sales"), adobe().destination("sales", { state: "disabled" }));
    const update = change(plan, "flow/sales");
    expect(update.calls).toEqual([{ method: "POST", path: "/flows/flow-sales/action", query: { op: "enable" } }]);
    expect(update.fields).toEqual([{ field: "state", before: "disabled", after: "enabled" }]);
    expect(plan.egress).toEqual([
      expect.objectContaining({ status: "started", state: { before: "disabled", after: "enabled" } }),
    ]);
  });

  it("disabled by the YAML while its audiences change makes the PATCH first, then the action", () => {
    const plan = planOf(
      yaml().destination("sales", { state: "disabled", audiences: ["aud-vip", "aud-new"] }),
      adobe().destination("sales"),
    );
    expect(change(plan, "flow/sales").calls.map((c) => `${c.method} ${c.path} ${c.query?.op ?? ""}`.trim())).toEqual([
      "PATCH /flows/flow-sales",
      "POST /flows/flow-sales/action disable",
    ]);
    expect(plan.egress[0]).toMatchObject({ status: "stopped", audiencesAdded: [{ id: "aud-new" }] });
  });

  it("whose description or displayName changed is renamed and re-described with its marker, which is no egress", () => {
    const plan = planOf(
      yaml().destination("sales", { displayName: "Sales (EU)", description: "Daily sales feed" }),
      adobe().destination("sales"),
    );
    const update = change(plan, "flow/sales");
    expect(update.fields).toEqual([
      { field: "name", before: "sales", after: "Sales (EU)" },
      { field: "description", before: "", after: "Daily sales feed" },
    ]);
    expect(patchOps(update)).toEqual([
      { op: "replace", path: "/name", value: "Sales (EU)" },
      { op: "replace", path: "/description", value: "Daily sales feed\n\n[managed by aep-gitops: destination/sales]" },
    ]);
    expect(plan.egress).toEqual([]);
  });

  it("whose transformations someone reshaped is rebuilt whole from the YAML", () => {
    const plan = planOf(
      yaml().destination("sales"),
      adobe().destination("sales", { flow: { standardTransformations: false } }),
    );
    const update = change(plan, "flow/sales");
    expect(update.fields).toEqual([
      {
        field: "transformations",
        before: "(not the single GeneralTransform aep-gitops manages)",
        after: "(rebuilt from YAML)",
      },
    ]);
    expect(patchOps(update)).toEqual([
      {
        op: "replace",
        path: "/transformations",
        value: [
          {
            name: "GeneralTransform",
            params: {
              profileSelectors: { selectors: [{ type: "JSON_PATH", value: { path: "person.name.lastName" } }] },
              segmentSelectors: { selectors: [{ type: "PLATFORM_SEGMENT", value: { id: "aud-vip" } }] },
            },
          },
        ],
      },
    ]);
  });

  it("changed together with its target connection waits for the target's PATCH", () => {
    const plan = planOf(
      yaml().destination("sales", { target: { stream: "sales-v2", region: "us-east-1" }, audiences: [] }),
      adobe().destination("sales"),
    );
    expect(steps(plan)).toEqual(["update target/sales", "update flow/sales"]);
    expect(change(plan, "flow/sales").dependsOn).toEqual(["target/sales"]);
    // One egress delta for the destination: what stops leaving, and where it went.
    expect(plan.egress).toHaveLength(1);
    expect(plan.egress[0]).toMatchObject({
      audiencesRemoved: [{ id: "aud-vip" }],
      target: { after: { stream: "sales-v2" } },
    });
  });

  it("edited in Adobe's UI is attributed to its editor", () => {
    const plan = planOf(
      yaml().destination("sales"),
      adobe().destination("sales", { audiences: [], flow: { meta: byUi() } }),
    );
    expect(change(plan, "flow/sales").attribution).toMatchObject({ updatedClient: UI_CLIENT, byThisTool: false });
  });
});

describe("finishing a create", () => {
  it("is what giving selectors to an empty flow this tool wrote last is: marked `completes`", () => {
    const plan = planOf(
      yaml().destination("sales", { state: "disabled" }),
      adobe().destination("sales", { audiences: [], attributes: [] }),
    );
    expect(change(plan, "flow/sales").completes).toBe(true);
  });

  it("is not what refilling a flow someone emptied in the UI is", () => {
    const plan = planOf(
      yaml().destination("sales"),
      adobe().destination("sales", { audiences: [], attributes: [], flow: { meta: byUi() } }),
    );
    expect(change(plan, "flow/sales").completes).toBeUndefined();
  });

  it("is not what a description change on top of it is", () => {
    const plan = planOf(
      yaml().destination("sales", { description: "now described" }),
      adobe().destination("sales", { audiences: [], attributes: [] }),
    );
    expect(change(plan, "flow/sales").completes).toBeUndefined();
  });
});

describe("a new flow", () => {
  it("is created with empty selectors on the Profile source and its target, then given them by one PATCH", () => {
    const plan = planOf(
      yaml().destination("sales", {
        displayName: "Sales (EU)",
        description: "Daily",
        audiences: [{ id: "aud-vip", name: "VIP" }],
      }),
      adobe(),
    );
    const create = change(plan, "flow/sales");
    expect(create).toMatchObject({
      action: "create",
      dependsOn: ["target/sales"],
      fields: [{ field: "state", after: "enabled" }],
    });
    expect(create.calls).toEqual([
      {
        method: "POST",
        path: "/flows",
        body: {
          name: "Sales (EU)",
          description: "Daily\n\n[managed by aep-gitops: destination/sales]",
          flowSpec: { id: DESTINATION_FLOW_SPEC_ID, version: "1.0" },
          sourceConnectionIds: ["src-profile"],
          targetConnectionIds: ["{{target/sales.id}}"],
          transformations: [
            {
              name: "GeneralTransform",
              params: { profileSelectors: { selectors: [] }, segmentSelectors: { selectors: [] } },
            },
          ],
        },
      },
      {
        method: "PATCH",
        path: "/flows/{{flow/sales.id}}",
        body: [
          {
            op: "add",
            path: `${SEGMENTS}/-`,
            value: { type: "PLATFORM_SEGMENT", value: { id: "aud-vip", name: "VIP" } },
          },
          { op: "add", path: `${PROFILE}/-`, value: { type: "JSON_PATH", value: { path: "person.name.lastName" } } },
        ],
      },
    ]);
    expect(plan.egress).toEqual([
      {
        destination: "sales",
        type: "amazon-kinesis",
        status: "started",
        state: { after: "enabled" },
        target: { after: { account: "kin", stream: "sales-stream", region: "us-east-1" } },
        audiencesAdded: [{ id: "aud-vip", name: "VIP" }],
        audiencesRemoved: [],
        attributesAdded: ["person.name.lastName"],
        attributesRemoved: [],
      },
    ]);
  });

  it("with nothing to export is one POST and no PATCH", () => {
    const plan = planOf(yaml().destination("sales", { audiences: [], attributes: [] }), adobe());
    expect(change(plan, "flow/sales").calls.map((c) => `${c.method} ${c.path}`)).toEqual(["POST /flows"]);
  });

  it("meant to be disabled is disabled before it gets its selectors, and its egress is a change, not a start", () => {
    const plan = planOf(yaml().destination("sales", { state: "disabled" }), adobe());
    expect(change(plan, "flow/sales").calls.map((c) => `${c.method} ${c.path} ${c.query?.op ?? ""}`.trim())).toEqual([
      "POST /flows",
      "POST /flows/{{flow/sales.id}}/action disable",
      "PATCH /flows/{{flow/sales.id}}",
    ]);
    expect(plan.egress[0]).toMatchObject({ status: "changed", state: { after: "disabled" } });
  });

  it("disabled and empty sends nothing: no egress at all", () => {
    const plan = planOf(yaml().destination("sales", { state: "disabled", audiences: [], attributes: [] }), adobe());
    expect(plan.egress).toEqual([]);
  });

  it("carries each YAML audience's schedule into its selector and into the egress", () => {
    const plan = planOf(
      yaml().destination("sales", { audiences: [{ id: "aud-vip", schedule: { startDate: "2026-07-01" } }] }),
      adobe(),
    );
    expect(patchOps(change(plan, "flow/sales"))[0]).toEqual({
      op: "add",
      path: `${SEGMENTS}/-`,
      value: { type: "PLATFORM_SEGMENT", value: { id: "aud-vip", schedule: { startDate: "2026-07-01" } } },
    });
    expect(plan.egress[0]!.audiencesAdded).toEqual([{ id: "aud-vip", schedule: { startDate: "2026-07-01" } }]);
  });

  it("refuses to plan an audience the sandbox never resolved: a bug upstream, not a plan", () => {
    const broken = yaml().destination("sales", { audiences: [{ name: "VIP" } as never] });
    expect(() => planOf(broken, adobe())).toThrow("audience 'VIP' of sales reached the planner unresolved");
  });
});
