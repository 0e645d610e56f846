// Audience sizes in the Audiences API: every audience carries the export metrics of segmentation.yaml's
// example AudiencesListWithMetrics (`metrics: {type: "export", data: {totalProfiles, …}}`) in the list and
// by id, without being asked for them (neither the spec nor audiences.md has a parameter for it); a seed
// sets a size, or none (`totalProfiles: null`); POST /audiences/bulk-patch-metric (audiences.md, "Update
// multiple audiences") changes one.
import { describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { MEN_OVER_50 } from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { useEmulator, type Json } from "./helpers/harness.js";

const AUDIENCES = "/data/core/ups/audiences";
const SEGMENTS = "/data/core/ups/segment/definitions";
const UPLOADED_PROD = "5b4f3c2e-8d1a-4e6b-9f70-2a1c3d4e5f60";
const EMAIL_ENGAGED = "eb764ff8-0e01-4af1-9304-9d442f0ed705";
const SIZED = "11111111-2222-4333-8444-555555555555";
const UNSIZED = "22222222-3333-4444-8555-666666666666";

const env = useEmulator();
const custom = useEmulator({
  config: {
    audiences: {
      dev: [
        { id: SIZED, name: "Sized", totalProfiles: 12_345 },
        { id: UNSIZED, name: "Not evaluated", totalProfiles: null },
      ],
    },
  },
});

async function listed(api = env.api, sandbox = "prod"): Promise<Json[]> {
  return (await api.call("GET", `${AUDIENCES}?limit=100`, { sandbox })).body.children;
}

describe("export metrics in the Audiences API", () => {
  it("lists a Platform audience with the example's metrics shape, in the same list call", async () => {
    const men = (await listed()).find((a) => a.id === MEN_OVER_50)!;
    expect(men.metrics).toMatchObject({
      type: "export",
      id: MEN_OVER_50,
      data: {
        totalProfiles: 1_184_302,
        totalProfilesByNamespace: { ecid: 1_184_302 },
        totalProfilesByStatus: { existing: 1_184_302 },
      },
    });
    expect(typeof men.metrics.jobId).toBe("string");
    expect(men.metrics.createEpoch).toBe(men.metrics.updateEpoch);
  });

  it("gives an external audience totalProfiles only, as the example's second child", async () => {
    const uploaded = (await listed()).find((a) => a.id === UPLOADED_PROD)!;
    expect(Object.keys(uploaded.metrics.data)).toEqual(["totalProfiles"]);
  });

  it("leaves metrics out where Adobe has none: a seed's null, a newly created audience", async () => {
    expect((await listed()).find((a) => a.id === EMAIL_ENGAGED)).not.toHaveProperty("metrics");
    const created = await env.api.call("POST", SEGMENTS, { sandbox: "dev", body: { name: "Brand new" } });
    const fresh = await env.api.call("GET", `${AUDIENCES}/${created.body.id}`, { sandbox: "dev" });
    expect(fresh.body).not.toHaveProperty("metrics");
  });

  it("serves the same derived sizes in every run, and the GET by id the list's figure", async () => {
    const other = await startEmulator({ port: 0 });
    try {
      const sizes = (children: Json[]) => children.map((a) => [a.id, a.metrics?.data.totalProfiles]);
      const response = await fetch(`${other.url}/ims/token/v3`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: "demo-client",
          client_secret: "demo-secret",
        }),
      });
      const token = ((await response.json()) as { access_token: string }).access_token;
      const again = await fetch(`${other.url}${AUDIENCES}?limit=100`, {
        headers: {
          authorization: `Bearer ${token}`,
          "x-api-key": "demo-client",
          "x-gw-ims-org-id": "DEMOORG0000000000000000@AdobeOrg",
          "x-sandbox-name": "prod",
        },
      });
      expect(sizes(((await again.json()) as Json).children)).toEqual(sizes(await listed()));
    } finally {
      await other.close();
    }
    const byId = await env.api.call("GET", `${AUDIENCES}/${MEN_OVER_50}`);
    expect(byId.body.metrics.data.totalProfiles).toBe(1_184_302);
  });

  it("uses a configured size, and none for null", async () => {
    const dev = await listed(custom.api, "dev");
    expect(dev.find((a) => a.id === SIZED)!.metrics.data.totalProfiles).toBe(12_345);
    expect(dev.find((a) => a.id === UNSIZED)).not.toHaveProperty("metrics");
  });

  it("refuses a size that is not a non-negative integer", async () => {
    await expect(
      startEmulator({ port: 0, config: { audiences: { prod: [{ id: "x", name: "x", totalProfiles: -1 }] } } }),
    ).rejects.toThrow("config.audiences.prod[0].totalProfiles must be a non-negative integer, or null for no metrics");
  });

  it("does not put metrics on segment definitions", async () => {
    const segment = (await env.api.call("GET", `${SEGMENTS}/${MEN_OVER_50}`)).body;
    expect(segment).not.toHaveProperty("metrics");
  });
});

describe("POST /data/core/ups/audiences/bulk-patch-metric", () => {
  it("sets an audience's totalProfiles by audienceId and namespace, with a status per resource", async () => {
    const result = await custom.api.call("POST", `${AUDIENCES}/bulk-patch-metric`, {
      sandbox: "dev",
      body: {
        jobId: "12345",
        jobType: "export",
        resources: [
          {
            audienceId: UNSIZED,
            namespace: "AEPSegments",
            operations: [{ op: "add", path: "/metrics/data", value: { totalProfiles: 523 } }],
          },
          {
            audienceId: SIZED,
            namespace: "AEPSegments",
            operations: [{ op: "add", path: "/recordMetrics/data", value: { recordCount: 9 } }],
          },
          { audienceId: "nobody", namespace: "AEPSegments", operations: [] },
          {
            audienceId: SIZED,
            namespace: "AEPSegments",
            operations: [{ op: "add", path: "/metrics/data", value: { totalProfiles: "many" } }],
          },
        ],
      },
    });
    expect(result.status).toBe(207);
    expect(result.body.resources.map((r: Json) => r.status)).toEqual([200, 200, 404, 400]);
    const dev = await listed(custom.api, "dev");
    expect(dev.find((a) => a.id === UNSIZED)!.metrics).toMatchObject({ jobId: "12345", data: { totalProfiles: 523 } });
    expect(dev.find((a) => a.id === SIZED)!.metrics.data.totalProfiles).toBe(12_345);
  });

  it("answers 400 without a jobId or resources", async () => {
    const result = await env.api.call("POST", `${AUDIENCES}/bulk-patch-metric`, { body: { resources: [] } });
    expect(result.status).toBe(400);
  });
});

itConformsToAdobeSpecs();
