// Objects that vanish are re-created (issue 22): a destination or account aep-gitops manages, adopted
// or created by it, that someone deletes in Adobe is planned as a create saying so, never refused; after
// that apply the YAML (its adoptId now names a deleted id) plans nothing, with no hand edit.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, startLab, type Lab } from "../support/lab.js";
import { clickTogether } from "../support/ui-made.js";

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
});
afterEach(() => lab.close());

const SECRET = { MARKETING_AWS_SECRET_KEY: "ui-typed-secret-123", MARKETING_AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE" };
const RECREATED = "deleted in Adobe; re-created";

interface PlanChange {
  action: string;
  resource: string;
  name: string;
  reason?: string;
  duplicate?: number;
}

/** Import what the UI made and adopt it: the state of a sandbox some time after `aep-gitops import`. */
async function importAndAdopt(): Promise<{ account: string; target: string; flow: string; yaml: string }> {
  const ids = await clickTogether(lab, "Summer Campaign (EU)", "Marketing AWS");
  expect((await lab.cli(["import", "--sandbox", "prod", "--out", "destinations"])).code).toBe(0);
  const adopted = await lab.cli(["apply", "--yes"], { env: SECRET });
  expect(adopted.code, adopted.stdout + adopted.stderr).toBe(0);
  return { ...ids, yaml: readFileSync(path.join(lab.dir, "destinations/summer-campaign-eu.yaml"), "utf8") };
}

async function uiDelete(collection: string, id: string): Promise<void> {
  const answer = await lab.ui("DELETE", `/${collection}/${id}`);
  expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
}

async function planJson() {
  const plan = await lab.cli(["plan", "--format", "json"], { env: SECRET });
  expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  const sandbox = JSON.parse(plan.stdout).sandboxes[0];
  return {
    refusals: sandbox.refusals as { message: string }[],
    notes: (sandbox.notes as { message: string }[]).map((n) => n.message),
    changes: (sandbox.changes as PlanChange[]).map(
      (c) => `${c.action} ${c.resource}${c.duplicate ? `#dup${c.duplicate}` : ""}${c.reason ? ` — ${c.reason}` : ""}`,
    ),
  };
}

/** Apply what the plan shows, then a plan with nothing to do and an apply that writes nothing. */
async function applyThenNothingLeft(): Promise<void> {
  const apply = await lab.cli(["apply", "--yes"], { env: SECRET });
  expect(apply.code, apply.stdout + apply.stderr).toBe(0);
  const again = await lab.cli(["plan", "--detailed-exitcode"], { env: SECRET });
  expect(again.code, again.stdout + again.stderr).toBe(0);
  const writes = (await lab.writes()).length;
  expect((await lab.cli(["apply", "--yes"], { env: SECRET })).code).toBe(0);
  expect((await lab.writes()).length).toBe(writes);
}

describe("an adopted destination deleted in Adobe", () => {
  it("plans its flow as a create saying it was deleted in Adobe; apply re-creates it; the stale adoptId then plans nothing", async () => {
    const { flow, yaml } = await importAndAdopt();
    await uiDelete("flows", flow);

    const plan = await planJson();
    expect(plan.refusals).toEqual([]);
    expect(plan.changes).toEqual(["create profile-source", `create flow — ${RECREATED}`]);
    expect(plan.notes.join("\n")).toContain(`Destination 'summer-campaign-eu': its dataflow ${flow}`);
    const text = await lab.cli(["plan"], { env: SECRET });
    expect(text.stdout).toContain(`+ flow summer-campaign-eu — ${RECREATED}`);

    await applyThenNothingLeft();
    // Converged without touching the YAML: its adoptId still names the deleted flow.
    expect(readFileSync(path.join(lab.dir, "destinations/summer-campaign-eu.yaml"), "utf8")).toBe(yaml);
    const flows = (await lab.ui("GET", "/flows")).body.items as { id: string; name: string }[];
    expect(flows.map((f) => f.name)).toEqual(["Summer Campaign (EU)"]);
    expect(flows[0]!.id).not.toBe(flow);
  }, 60_000);

  it("re-creates the target connection and the flow when both were deleted", async () => {
    const { flow, target } = await importAndAdopt();
    await uiDelete("flows", flow);
    await uiDelete("targetConnections", target);

    const plan = await planJson();
    expect(plan.refusals).toEqual([]);
    expect(plan.changes).toEqual([
      "create profile-source",
      `create target-connection — ${RECREATED}`,
      `create flow — ${RECREATED}`,
    ]);
    await applyThenNothingLeft();
  }, 60_000);

  it("re-creates the account too, and removes the target connection its deletion left behind", async () => {
    const { account, flow, target } = await importAndAdopt();
    await uiDelete("flows", flow);
    // Adobe deletes an account once no flow uses it; its target connection may stay, pointing nowhere.
    await uiDelete("connections", account);

    const plan = await planJson();
    expect(plan.refusals).toEqual([]);
    expect(plan.changes).toEqual([
      "create profile-source",
      `create account — ${RECREATED}`,
      `create target-connection — ${RECREATED}`,
      `create flow — ${RECREATED}`,
      "delete target-connection#dup1 — its account no longer exists in Adobe",
    ]);
    expect(plan.notes.join("\n")).toContain(`Account 'marketing-aws': its connection ${account}`);
    await applyThenNothingLeft();
    expect((await lab.ui("GET", `/targetConnections/${target}`)).status).toBe(404);
  }, 60_000);

  it("re-creates everything when the whole destination and its account were deleted", async () => {
    const { account, flow, target } = await importAndAdopt();
    await uiDelete("flows", flow);
    await uiDelete("targetConnections", target);
    await uiDelete("connections", account);

    const plan = await planJson();
    expect(plan.refusals).toEqual([]);
    expect(plan.changes).toEqual([
      "create profile-source",
      `create account — ${RECREATED}`,
      `create target-connection — ${RECREATED}`,
      `create flow — ${RECREATED}`,
    ]);
    await applyThenNothingLeft();
  }, 60_000);
});

describe("a destination aep-gitops created, deleted in Adobe", () => {
  it("plans the flow whose target connection is left as a create that says what is missing", async () => {
    lab.write("destinations/account.yaml", kinesisAccount());
    lab.write("destinations/promo.yaml", kinesisDestination("promo"));
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    const flow = ((await lab.ui("GET", "/flows")).body.items as { id: string }[])[0]!.id;
    await uiDelete("flows", flow);

    const plan = await lab.cli(["plan", "--format", "json"]);
    expect(plan.code, plan.stderr).toBe(0);
    const sandbox = JSON.parse(plan.stdout).sandboxes[0];
    expect(sandbox.changes.map((c: PlanChange) => `${c.action} ${c.resource} — ${c.reason}`)).toEqual([
      "create flow — missing in Adobe: deleted there, or an earlier apply stopped before creating it",
    ]);
    expect(sandbox.notes.map((n: { message: string }) => n.message).join("\n")).toMatch(
      /Destination 'promo': its target connection \S+ is in sandbox 'prod' but its dataflow is not/,
    );
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  }, 60_000);
});
