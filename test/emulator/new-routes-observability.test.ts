// The Audiences, Sandbox Management, Schema Registry and runs routes are logged and counted by their route
// templates like the others, and scripted faults, random faults and the rate limit apply to them as they
// do to the segment routes.
import { beforeEach, describe, expect, it } from "vitest";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { useEmulator } from "./helpers/harness.js";

const AUDIENCES = "/data/core/ups/audiences";
const SANDBOXES = "/data/foundation/sandbox-management/sandboxes";
const UNION = `/data/foundation/schemaregistry/tenant/schemas/${encodeURIComponent("https://ns.adobe.com/xdm/context/profile__union")}`;
const ACCEPT = { accept: "application/vnd.adobe.xed-full+json; version=1" };
const MEN_OVER_50 = "72ddd79b-6b0a-4e97-a8d2-112ccd81bd02";

const env = useEmulator();

beforeEach(async () => {
  await env.api.token();
  await env.api.admin("POST", "/reset");
});

async function touchEveryNewRoute(): Promise<void> {
  await env.api.call("GET", `${AUDIENCES}?limit=2`);
  await env.api.call("GET", `${AUDIENCES}/${MEN_OVER_50}`);
  await env.api.call("GET", SANDBOXES);
  await env.api.call("GET", `${SANDBOXES}/dev`);
  await env.api.call("GET", UNION, { headers: ACCEPT });
  await env.api.call("GET", "/data/foundation/schemaregistry/tenant/unions/_xdm.context.profile__union", {
    headers: ACCEPT,
  });
  await env.api.flow("GET", "/runs?property=flowId==x");
}

describe("logging and metrics", () => {
  it("count the new routes by route template", async () => {
    await touchEveryNewRoute();
    const metrics = await env.api.admin("GET", "/metrics");
    expect(metrics.byRoute).toEqual({
      [`GET ${AUDIENCES}`]: 1,
      [`GET ${AUDIENCES}/{id}`]: 1,
      [`GET ${SANDBOXES}`]: 1,
      [`GET ${SANDBOXES}/{name}`]: 1,
      "GET /data/foundation/schemaregistry/tenant/schemas/{id}": 1,
      "GET /data/foundation/schemaregistry/tenant/unions/{id}": 1,
      "GET /runs": 1,
    });
    expect(metrics.byStatus).toEqual({ "200": 7 });
    expect(metrics.writes).toBe(0);
    const { items } = await env.api.admin("GET", "/requests");
    expect(items[1]).toMatchObject({ route: `${AUDIENCES}/{id}`, path: `${AUDIENCES}/${MEN_OVER_50}`, status: 200 });
  });

  it("count a wrong method under the template too", async () => {
    await env.api.call("POST", AUDIENCES, { body: { name: "x" } });
    expect((await env.api.admin("GET", "/metrics")).byRoute).toEqual({ [`POST ${AUDIENCES}`]: 1 });
  });
});

describe("faults and rate limits", () => {
  it("scripted faults match the new route templates", async () => {
    await env.api.admin("POST", "/faults", {
      scripted: [
        { route: `${AUDIENCES}`, action: { type: "status", status: 503 } },
        { route: `${SANDBOXES}/{name}`, action: { type: "status", status: 429 } },
        { route: "/data/foundation/schemaregistry/tenant/schemas/{id}", action: { type: "status", status: 500 } },
      ],
    });
    expect((await env.api.call("GET", AUDIENCES)).status).toBe(503);
    expect((await env.api.call("GET", AUDIENCES)).status).toBe(200);
    expect((await env.api.call("GET", `${SANDBOXES}/prod`)).status).toBe(429);
    expect((await env.api.call("GET", UNION, { headers: ACCEPT })).status).toBe(500);
    const { items } = await env.api.admin("GET", "/requests");
    expect(items.map((i: { fault?: string }) => i.fault ?? null)).toEqual([
      "scripted-503",
      null,
      "scripted-429",
      "scripted-500",
    ]);
  });

  it("random faults and the rate limit apply to them", async () => {
    await env.api.admin("POST", "/faults", { rates: { "502": 1 } });
    expect((await env.api.call("GET", `${SANDBOXES}/prod`)).body).toEqual({
      error_code: "502000",
      message: "Bad Gateway",
    });
    await env.api.admin("POST", "/faults", { rateLimit: { perSecond: 0.001, burst: 2 } });
    const statuses = [];
    for (const path of [AUDIENCES, SANDBOXES, AUDIENCES]) statuses.push((await env.api.call("GET", path)).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect((await env.api.admin("GET", "/metrics")).throttled).toBe(1);
  });
});

itConformsToAdobeSpecs();
