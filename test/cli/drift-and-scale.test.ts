// Drift reports with attribution, and what a read costs at scale.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, startLab, type Lab } from "../support/lab.js";

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
});
afterEach(() => lab.close());

describe("drift", () => {
  it("names who changed a flow outside Git, exits 2, and a later apply restores it", async () => {
    lab.write("destinations/summer.yaml", kinesisDestination("summer"));
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    expect((await lab.cli(["drift"])).code).toBe(0);

    const flow = (await lab.ui("GET", "/flows?property=name==summer")).body.items[0];
    const edit = await lab.uiPatchFlow(flow.id, [
      { op: "remove", path: "/transformations/0/params/profileSelectors/selectors/0" },
    ]);
    expect(edit.status).toBe(202);

    const drift = await lab.cli(["drift"]);
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain("ui-editor");
    const json = JSON.parse((await lab.cli(["drift", "--format", "json"])).stdout);
    expect(json.count).toBe(1);
    expect(json.items[0]).toMatchObject({
      kind: "changed-outside",
      name: "summer",
      attribution: { updatedBy: "ui-editor@AdobeID", byThisTool: false },
    });

    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    expect((await lab.cli(["drift"])).code).toBe(0);
  });
});

describe("reading live state at scale", () => {
  it("plans 300 unchanged destinations with list calls only: one page per 100 objects of each kind", async () => {
    for (let i = 0; i < 300; i++)
      lab.write(`destinations/d${i}.yaml`, kinesisDestination(`dest-${String(i).padStart(3, "0")}`));
    const apply = await lab.cli(["apply", "--yes"]);
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    const before = (await lab.metrics()).byRoute as Record<string, number>;
    const plan = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(plan.code).toBe(0);
    const after = (await lab.metrics()).byRoute as Record<string, number>;
    const delta = Object.fromEntries(
      Object.entries(after)
        .map(([k, v]) => [k, v - (before[k] ?? 0)])
        .filter(([, v]) => (v as number) > 0),
    );
    expect(delta).toEqual({
      "POST /ims/token/v3": 1,
      "GET /flows": 3, // 300 flows
      "GET /targetConnections": 3, // 300 target connections
      "GET /connections": 1, // 1 account
      "GET /data/core/ups/audiences": 1, // audience references checked: 12 active audiences in the sandbox
      "GET /connectionSpecs/{id}": 1, // what the sandbox accepts for Kinesis, once per run
      "GET /data/foundation/schemaregistry/tenant/schemas/{id}": 1, // the Profile union, once per sandbox
    });
  }, 60_000);
});
