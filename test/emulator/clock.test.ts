// The emulator's clock: every response carries an RFC 7231 Date header from it, and `clockSkewSeconds`
// shifts it (and every stamp the emulator writes) against the machine's time, so a client with a skewed
// clock, or one that trusts the server's Date, can be tested.
import { describe, expect, it } from "vitest";
import { createDestination } from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { useEmulator, type ApiResult } from "./helpers/harness.js";

const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const HOUR = 3600;
const SLACK_MS = 5_000;

const plain = useEmulator();
const ahead = useEmulator({ config: { clockSkewSeconds: HOUR } });
const behind = useEmulator({ config: { clockSkewSeconds: -2 * HOUR } });

const dateOf = (result: ApiResult): number => Date.parse(result.headers.get("date") ?? "");

describe("the Date header", () => {
  it("is on every response, in IMF-fixdate, errors and emulator routes included", async () => {
    const results = [
      await plain.api.flow("GET", "/flows"),
      await plain.api.flow("GET", "/flows", { headers: { authorization: null } }),
      await plain.api.flow("GET", "/flows/does-not-exist"),
      await plain.api.send("POST", "/ims/token/v3"),
      await plain.api.send("GET", "/no/such/route"),
      await plain.api.send("GET", "/__emulator/metrics"),
      await plain.api.call("GET", "/data/core/ups/audiences"),
    ];
    for (const result of results) {
      expect(result.headers.get("date")).toMatch(IMF_FIXDATE);
      expect(Math.abs(dateOf(result) - Date.now())).toBeLessThan(SLACK_MS);
    }
  });
});

describe("clockSkewSeconds", () => {
  it("shifts the Date header", async () => {
    expect(dateOf(await ahead.api.flow("GET", "/flows")) - Date.now()).toBeGreaterThan(HOUR * 1000 - SLACK_MS);
    expect(Date.now() - dateOf(await behind.api.flow("GET", "/flows"))).toBeGreaterThan(2 * HOUR * 1000 - SLACK_MS);
  });

  it("shifts createdAt and updatedAt of Flow Service objects, and updates keep to the same clock", async () => {
    const d = await createDestination(ahead.api);
    const flow = (await ahead.api.flow("GET", `/flows/${d.flowId}`)).body.items[0];
    expect(flow.createdAt - Date.now()).toBeGreaterThan(HOUR * 1000 - SLACK_MS);
    const patched = await ahead.api.flow("PATCH", `/flows/${d.flowId}`, {
      body: [{ op: "replace", path: "/name", value: "later" }],
      headers: { "if-match": d.flowEtag },
    });
    const after = (await ahead.api.flow("GET", `/flows/${d.flowId}`)).body.items[0];
    expect(after.updatedAt).toBeGreaterThanOrEqual(flow.updatedAt);
    expect(Math.abs(after.updatedAt - dateOf(patched))).toBeLessThan(SLACK_MS);
    const old = (await behind.api.flow("GET", `/flows/${(await createDestination(behind.api)).flowId}`)).body.items[0];
    expect(Date.now() - old.createdAt).toBeGreaterThan(2 * HOUR * 1000 - SLACK_MS);
  });

  it("shifts the creation stamps of segment definitions and audiences", async () => {
    const created = await ahead.api.call("POST", "/data/core/ups/segment/definitions", { body: { name: "Skewed" } });
    expect(created.body.creationTime - Date.now()).toBeGreaterThan(HOUR * 1000 - SLACK_MS);
    const audience = (await ahead.api.call("GET", `/data/core/ups/audiences/${created.body.id}`)).body;
    expect(audience.createEpoch).toBe(Math.floor(created.body.creationTime / 1000));
  });

  it("keeps tokens valid on the emulator's own clock and dates an http-date Retry-After from it", async () => {
    expect((await behind.api.flow("GET", "/flows")).status).toBe(200);
    await behind.api.admin("POST", "/faults", { rates: { "429": 1 }, retryAfter: "http-date", retryAfterSeconds: 30 });
    const throttled = await behind.api.flow("GET", "/flows");
    expect(throttled.status).toBe(429);
    const retryAt = Date.parse(throttled.headers.get("retry-after") ?? "");
    expect(Math.abs(retryAt - dateOf(throttled) - 30_000)).toBeLessThanOrEqual(1_000);
    await behind.api.admin("POST", "/faults", {});
  });
});

itConformsToAdobeSpecs();
