// A rename is a rename: `renamedFrom` turns "create the new one, orphan the old one" (two flows on one
// stream, every profile exported twice) into one in-place rename that keeps Adobe's ids and re-exports
// nothing. Without it, the plan points at renamedFrom.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, startLab, type Lab } from "../support/lab.js";

let lab: Lab;
let flowId: string;
let targetId: string;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
  lab.write("destinations/churn.yaml", kinesisDestination("crm-churn", { stream: "crm-churn" }));
  expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
  const flow = (await lab.ui("GET", "/flows?property=name==crm-churn")).body.items[0];
  flowId = flow.id;
  targetId = flow.targetConnectionIds[0];
});
afterEach(() => lab.close());

const renamed = (extra: string) =>
  kinesisDestination("churn-model", { stream: "crm-churn" }).replace(
    "name: churn-model\n",
    `name: churn-model\n${extra}`,
  );

describe("renamedFrom on a destination", () => {
  it("renames the live flow and target connection in place: same ids, nothing created or re-exported", async () => {
    lab.write("destinations/churn.yaml", renamed("renamedFrom: crm-churn\n"));
    const plan = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(plan.stdout).toMatch(/~ flow churn-model \[[0-9a-f-]+\] — renamed from crm-churn/);
    expect(plan.stdout).toContain("Data leaving the company: no change.");
    const before = (await lab.dataWrites()).length;
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    const writes = (await lab.dataWrites()).slice(before).map((w) => `${w.method} ${w.route}`);
    expect(writes.sort()).toEqual(["PATCH /flows/{id}", "PATCH /targetConnections/{id}"]);
    const flows = (await lab.ui("GET", "/flows")).body.items;
    expect(flows.map((f: { id: string; name: string }) => [f.id, f.name])).toEqual([[flowId, "churn-model"]]);
    expect(flows[0].targetConnectionIds).toEqual([targetId]);
    expect(flows[0].description).toContain("[managed by aep-gitops: destination/churn-model]");
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  });

  it("without renamedFrom, creates the new one, orphans the old and says how to rename instead", async () => {
    lab.write("destinations/churn.yaml", renamed(""));
    const plan = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(plan.stdout).toContain("+ flow churn-model");
    expect(plan.stdout).toMatch(/renamedFrom: crm-churn/);
  });

  it("is refused by validate when the old name is still declared", async () => {
    lab.write("destinations/new.yaml", renamed("renamedFrom: crm-churn\n"));
    const validate = await lab.cli(["validate"]);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toMatch(
      /destinations\/new\.yaml:4:14 +error +renamed-from +destination 'churn-model' is renamed from 'crm-churn', which is still declared/,
    );
  });
});

describe("renamedFrom on an account", () => {
  it("renames the account in place and keeps its destinations on it", async () => {
    const accountId = (await lab.ui("GET", "/connections?property=name==kinesis-marketing")).body.items[0].id;
    lab.write(
      "destinations/account.yaml",
      kinesisAccount("kinesis-growth").replace(
        "name: kinesis-growth\n",
        "name: kinesis-growth\nrenamedFrom: kinesis-marketing\n",
      ),
    );
    lab.write(
      "destinations/churn.yaml",
      kinesisDestination("crm-churn", { stream: "crm-churn", account: "kinesis-growth" }),
    );
    const apply = await lab.cli(["apply", "--yes"]);
    expect(apply.code, apply.stderr).toBe(0);
    const account = (await lab.ui("GET", `/connections/${accountId}`)).body.items[0];
    expect(account.name).toBe("kinesis-growth");
    expect(account.description).toContain("[managed by aep-gitops: account/kinesis-growth");
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  });
});
