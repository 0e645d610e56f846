// The drift report as the morning report: each destination's health, and for each drifted object who did
// what in Adobe since aep-gitops last wrote it (Adobe's audit log), through the real CLI.
import { afterEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, PROD_AUDIENCES, startLab, UI_REVIEWER, type Lab } from "../support/lab.js";

let lab: Lab;
afterEach(() => lab?.close());

const SECOND_AUDIENCE = PROD_AUDIENCES[1];

async function setUp(config: Record<string, unknown> = {}) {
  lab = await startLab({ config });
  lab.write("destinations/account.yaml", kinesisAccount());
  lab.write("destinations/orders.yaml", kinesisDestination("orders"));
  lab.write("destinations/loyalty.yaml", kinesisDestination("loyalty"));
  const apply = await lab.cli(["apply", "--yes"]);
  expect(apply.code, apply.stderr).toBe(0);
  return (await lab.ui("GET", "/flows?property=name==orders")).body.items[0].id as string;
}

describe("drift: who changed what in Adobe", () => {
  it("shows two UI edits by two people in order, with their e-mails, and none of aep-gitops' own writes", async () => {
    const orders = await setUp();
    // The editor removes an attribute, then the reviewer disables the flow.
    expect(
      (
        await lab.uiPatchFlow(orders, [
          { op: "remove", path: "/transformations/0/params/profileSelectors/selectors/0" },
        ])
      ).status,
    ).toBe(202);
    const disable = await lab.ui("POST", `/flows/${orders}/action?op=disable`, { as: UI_REVIEWER });
    expect(disable.status).toBeLessThan(300);

    const text = await lab.cli(["drift"]);
    expect(text.code).toBe(2);
    const trail = text.stdout.slice(text.stdout.indexOf("audit log since aep-gitops last wrote it:"));
    const editor = trail.indexOf("ui-editor@example.com  Profile Remove");
    const reviewer = trail.indexOf("ui-reviewer@example.com  Disable");
    expect(editor, text.stdout).toBeGreaterThan(0);
    expect(reviewer).toBeGreaterThan(editor);
    expect(trail).not.toContain("techacct");

    const json = JSON.parse((await lab.cli(["drift", "--format", "json"])).stdout);
    const item = json.items.find((i: { ref: string }) => i.ref === "flow/orders");
    expect(item.trail.map((e: { who: string; action: string }) => [e.who, e.action])).toEqual([
      ["ui-editor@example.com", "Profile Remove"],
      ["ui-reviewer@example.com", "Disable"],
    ]);

    // After apply restores the flow, its writes are aep-gitops' own: the trail starts after them.
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    expect(
      (
        await lab.uiPatchFlow(orders, [
          {
            op: "add",
            path: "/transformations/0/params/segmentSelectors/selectors/-",
            value: { type: "PLATFORM_SEGMENT", value: { id: SECOND_AUDIENCE } },
          },
        ])
      ).status,
    ).toBe(202);
    const after = JSON.parse((await lab.cli(["drift", "--format", "json"])).stdout);
    const again = after.items.find((i: { ref: string }) => i.ref === "flow/orders");
    expect(again.trail.map((e: { who: string; action: string }) => [e.who, e.action])).toEqual([
      ["ui-editor@example.com", "Segment Activate"],
    ]);
  });

  it("shows a write that imitates aep-gitops' request ids: only ids signed with its client secret are its own", async () => {
    const orders = await setUp();
    const copied = `aep-gitops-${"0123456789abcdef".repeat(2)}.0123456789abcdef`;
    const flow = (await lab.ui("GET", `/flows/${orders}`, { as: UI_REVIEWER })).body.items[0];
    const edit = await lab.ui("PATCH", `/flows/${orders}`, {
      as: UI_REVIEWER,
      ifMatch: flow.etag,
      requestId: copied,
      body: [{ op: "remove", path: "/transformations/0/params/profileSelectors/selectors/0" }],
    });
    expect(edit.status).toBe(202);
    const json = JSON.parse((await lab.cli(["drift", "--format", "json"])).stdout);
    const item = json.items.find((i: { ref: string }) => i.ref === "flow/orders");
    expect(item.trail.map((e: { who: string; action: string }) => [e.who, e.action])).toEqual([
      ["ui-reviewer@example.com", "Profile Remove"],
    ]);
  });

  it("puts failing and silent destinations first in the report's health section", async () => {
    const orders = await setUp();
    await lab.scriptRuns({
      flowId: orders,
      windows: [
        {
          hoursAgo: 1,
          completedAfterMinutes: 0,
          status: "failed",
          failed: 40,
          errors: [{ code: "KINESIS-3001-500", message: "Throttled" }],
        },
      ],
    });
    const text = await lab.cli(["drift"]);
    expect(text.code).toBe(0);
    const lines = text.stdout.split("\n");
    expect(lines[0]).toMatch(/^Health over the last 24 hours/);
    expect(lines[1]).toContain("✗ prod/orders: failing");
    expect(text.stdout).toContain("No drift.");
    const markdown = (await lab.cli(["drift", "--format", "markdown"])).stdout;
    expect(markdown).toContain("| 🔴 | `prod/orders` | failing");
  });

  it("degrades to a note per refused API and still reports the drift itself", async () => {
    const orders = await setUp({ auditApi: 403, runsApi: 404 });
    await lab.uiPatchFlow(orders, [{ op: "remove", path: "/transformations/0/params/profileSelectors/selectors/0" }]);
    const text = await lab.cli(["drift"]);
    expect(text.code).toBe(2);
    expect(text.stdout).toContain("changed outside aep-gitops by ui-editor");
    expect(text.stdout).toMatch(
      /Note: Could not read the audit log of sandbox prod \(.*403.*\): who changed what is not shown/,
    );
    expect(text.stdout).toMatch(/Note: Could not read the dataflow runs of sandbox prod/);
    expect(text.stdout.match(/Could not read/g)).toHaveLength(2);
  });
});
