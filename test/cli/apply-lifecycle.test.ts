// The core promise, end to end: the real CLI against the emulator over loopback.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  kinesisAccount,
  kinesisDestination,
  MEN_OVER_50,
  PROD_AUDIENCES,
  SECRETS,
  startLab,
  type Lab,
} from "../support/lab.js";

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
  lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign"));
  lab.write(
    "destinations/winter.yaml",
    kinesisDestination("winter-campaign", { audiences: PROD_AUDIENCES.slice(1, 4) }),
  );
});
afterEach(() => lab.close());

const flowsIn = async (l: Lab) => {
  const state = await l.state();
  return JSON.stringify(state);
};

describe("apply from an empty sandbox", () => {
  it("creates everything, then a second plan exits 0 and a second apply writes nothing", async () => {
    const plan = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(plan.stdout).toContain("Plan: 7 to add, 0 to change, 0 to destroy.");
    expect(plan.code).toBe(2);

    const apply = await lab.cli(["apply", "--yes"]);
    expect(apply.stderr + apply.stdout).not.toContain("error");
    expect(apply.code).toBe(0);
    const writes = await lab.dataWrites();
    // 2 for the shared Profile source (its connection is created holding the sandbox lock), 1 per
    // account, 3 per destination (target connection; the flow, created empty as Adobe documents, then
    // given its selectors by one PATCH); the lock's lease is released at the end.
    expect(writes.map((w) => `${w.method} ${w.route}`).sort()).toEqual([
      "PATCH /flows/{id}",
      "PATCH /flows/{id}",
      "POST /connections",
      "POST /connections",
      "POST /flows",
      "POST /flows",
      "POST /sourceConnections",
      "POST /targetConnections",
      "POST /targetConnections",
    ]);

    const again = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(again.stdout).toContain("No changes.");
    expect(again.code).toBe(0);
    const lock = (await lab.ui("GET", "/connections?property=name==aep-gitops%20Profile%20connection")).body.items[0];
    expect(lock.description).not.toContain("lease");
    const before = (await lab.writes()).length;
    const second = await lab.cli(["apply", "--yes"]);
    expect(second.code).toBe(0);
    expect((await lab.writes()).length).toBe(before);
  });

  it("never prints, logs or sends a secret anywhere but the credential body", async () => {
    const outputs = [
      await lab.cli(["plan", "--detailed-exitcode", "-v"]),
      await lab.cli(["apply", "--yes", "-v"]),
      await lab.cli(["plan", "--detailed-exitcode", "--format", "json"]),
    ];
    for (const run of outputs) {
      for (const secret of [...Object.values(SECRETS), "demo-secret"]) {
        expect(run.stdout + run.stderr).not.toContain(secret);
      }
    }
    const log = JSON.stringify(await lab.requests());
    expect(log).not.toContain(SECRETS.KINESIS_SECRET_KEY);
    expect(await flowsIn(lab)).toContain(SECRETS.KINESIS_SECRET_KEY); // it did reach Adobe's side
  });
});

describe("updates", () => {
  beforeEach(async () => {
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
  });

  it("adds and removes audiences and attributes with one PATCH per flow and lands the exact final state", async () => {
    lab.write(
      "destinations/winter.yaml",
      kinesisDestination("winter-campaign", {
        audiences: [PROD_AUDIENCES[3]!, PROD_AUDIENCES[5]!],
        attributes: ["personalEmail.address", "mobilePhone.number"],
        description: "New text",
      }),
    );
    const before = (await lab.dataWrites()).length;
    const plan = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(plan.stdout).toContain("Plan: 0 to add, 1 to change, 0 to destroy.");
    const apply = await lab.cli(["apply", "--yes"]);
    expect(apply.code).toBe(0);
    const writes = (await lab.dataWrites()).slice(before);
    expect(writes.map((w) => `${w.method} ${w.route}`)).toEqual(["PATCH /flows/{id}"]);
    const flow = await liveFlow(lab, "winter-campaign");
    const params = flow.transformations[0].params;
    expect(params.segmentSelectors.selectors.map((s: { value: { id: string } }) => s.value.id).sort()).toEqual(
      [PROD_AUDIENCES[3], PROD_AUDIENCES[5]].sort(),
    );
    expect(params.profileSelectors.selectors.map((s: { value: { path: string } }) => s.value.path).sort()).toEqual([
      "mobilePhone.number",
      "personalEmail.address",
    ]);
    expect(flow.description).toContain("New text");
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  });

  it("changes target params with one PATCH of the target connection", async () => {
    lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign", { stream: "renamed-stream" }));
    const before = (await lab.dataWrites()).length;
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    expect((await lab.dataWrites()).slice(before).map((w) => `${w.method} ${w.route}`)).toEqual([
      "PATCH /targetConnections/{id}",
    ]);
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  });

  it("disables and re-enables a flow with the action endpoint", async () => {
    lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign", { state: "disabled" }));
    const plan = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(plan.stdout).toMatch(/stop/i);
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    expect((await liveFlow(lab, "summer-campaign")).state).toBe("disabled");
    lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign"));
    const before = (await lab.dataWrites()).length;
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    expect((await lab.dataWrites()).slice(before).map((w) => `${w.method} ${w.route}`)).toEqual([
      "POST /flows/{id}/action",
    ]);
    expect((await liveFlow(lab, "summer-campaign")).state).toBe("enabled");
  });

  it("rotates credentials when the secret in the environment changes, and only then", async () => {
    const rotated = { KINESIS_SECRET_KEY: "kinesis-secret-rotated-77" };
    const plan = await lab.cli(["plan", "--detailed-exitcode"], { env: rotated });
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/credentials/i);
    expect(plan.stdout).not.toContain(rotated.KINESIS_SECRET_KEY);
    const before = (await lab.dataWrites()).length;
    expect((await lab.cli(["apply", "--yes"], { env: rotated })).code).toBe(0);
    expect((await lab.dataWrites()).slice(before).map((w) => `${w.method} ${w.route}`)).toEqual([
      "PATCH /connections/{id}",
    ]);
    expect(JSON.stringify(await lab.state())).toContain(rotated.KINESIS_SECRET_KEY);
    expect((await lab.cli(["plan", "--detailed-exitcode"], { env: rotated })).code).toBe(0);
  });
});

export async function liveFlow(l: Lab, name: string) {
  const flows = (await l.ui("GET", `/flows?property=name==${encodeURIComponent(name)}`)).body.items;
  expect(flows).toHaveLength(1);
  return flows[0];
}

export { MEN_OVER_50 };
