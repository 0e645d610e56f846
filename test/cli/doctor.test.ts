// doctor: a new user's first failure against a real sandbox (wrong secret, wrong sandbox, a missing
// permission) named plainly, one check at a time, before any plan.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../support/lab.js";

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
});
afterEach(() => lab.close());

describe("aep-gitops doctor", () => {
  it("passes every check against the emulator, and writes nothing", async () => {
    const run = await lab.cli(["doctor", "--sandbox", "prod"]);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain("✓ IMS issued a token to client demo-client");
    expect(run.stdout).toContain("✓ Sandbox 'prod' exists.");
    expect(run.stdout).toContain("✓ The Amazon Kinesis connection spec accepts target params: stream, region");
    expect(run.stdout).toMatch(/✓ Sandbox 'prod' has 0 destinations: 0 managed by aep-gitops, 0 not\./);
    expect(run.stdout).toContain("All checks passed.");
    expect(await lab.writes()).toEqual([]);
    const json = JSON.parse((await lab.cli(["doctor", "--sandbox", "prod", "--format", "json"])).stdout);
    expect(json).toMatchObject({ format: "aep-gitops.doctor/v1", ok: true });
  });

  it("fails clearly for a wrong client secret", async () => {
    const run = await lab.cli(["doctor", "--sandbox", "prod"], { env: { AEP_CLIENT_SECRET: "not-the-secret" } });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ Adobe IMS refused the client credentials/);
    expect(run.stdout).toContain("hint: Check AEP_CLIENT_ID, AEP_CLIENT_SECRET");
  });

  it("fails clearly for a sandbox that does not exist", async () => {
    const run = await lab.cli(["doctor", "--sandbox", "qa"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("✗ Sandbox 'qa' does not exist");
  });

  it("names the missing permission when Adobe refuses to list flows", async () => {
    await lab.faults({
      scripted: [{ method: "GET", route: "/flows", from: true, action: { type: "status", status: 403 } }],
    });
    const run = await lab.cli(["doctor", "--sandbox", "prod"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "✗ Adobe refused to list flows (403): the client lacks the permission Manage Destinations",
    );
    expect(run.stdout).toContain("✓ This client can read connections.");
  });
});
