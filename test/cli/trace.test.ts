// --trace FILE writes every request to Adobe and its answer as a HAR 1.2 file a user can attach to a bug
// report: one entry per call, and none of the secrets (token, client secret, destination credentials).
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readHar, type Har } from "../support/har.js";
import { kinesisAccount, kinesisDestination, SECRETS, startLab, type Lab } from "../support/lab.js";

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
  lab.write("destinations/promo.yaml", kinesisDestination("promo"));
});
afterEach(() => lab.close());

const read = (file: string): Har => readHar(path.join(lab.dir, file));

describe("--trace", () => {
  it("records every call of an apply as a HAR 1.2 entry, with no secret in the file", async () => {
    const apply = await lab.cli(["apply", "--yes", "--trace", "apply.har"]);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stderr).toContain("Wrote the trace to apply.har");
    const har = read("apply.har");
    expect(har.log.version).toBe("1.2");
    expect(har.log.creator.name).toBe("aep-gitops");
    const served = await lab.requests();
    expect(har.log.entries.length).toBeGreaterThanOrEqual(served.length);
    for (const call of served)
      expect(
        har.log.entries.some(
          (e) => e.request.method === call.method && new URL(e.request.url).pathname === call.path.split("?")[0],
        ),
      ).toBe(true);
    const text = readFileSync(path.join(lab.dir, "apply.har"), "utf8");
    for (const secret of [...Object.values(SECRETS), "demo-secret", "AKIAIOSFODNN7EXAMPLE"])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/Bearer (?!REDACTED)/);
    const token = har.log.entries.find((e) => e.request.url.endsWith("/ims/token/v3"))!;
    expect(token.request.postData!.text).toContain("client_secret=REDACTED");
    expect(token.response.content.text).toContain('"access_token":"REDACTED"');
    const account = har.log.entries.find(
      (e) =>
        e.request.method === "POST" &&
        e.request.url.endsWith("/connections") &&
        e.request.postData!.text.includes("kinesis-marketing"),
    )!;
    expect(JSON.parse(account.request.postData!.text).auth.params).toEqual({
      accessKeyId: "REDACTED",
      secretKey: "REDACTED",
      region: "REDACTED",
    });
  });

  it("is written for a plan too, and a failed run still leaves what it recorded", async () => {
    await lab.faults({
      scripted: [{ method: "GET", route: "/flows", from: true, action: { type: "status", status: 403 } }],
    });
    const plan = await lab.cli(["plan", "--detailed-exitcode", "--trace", "plan.har"]);
    expect(plan.code).toBe(1);
    const statuses = read("plan.har").log.entries.map((e) => e.response.status);
    expect(statuses).toContain(403);
  });
});
