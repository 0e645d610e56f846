// The emulator-only routes under /__emulator: request log, metrics, state, reset.
import { beforeEach, describe, expect, it } from "vitest";
import { createDestination, upsBase } from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { useEmulator } from "./helpers/harness.js";

const env = useEmulator();

beforeEach(async () => {
  await env.api.admin("POST", "/reset");
});

describe("GET /__emulator/requests", () => {
  it("logs Flow Service, IMS and segment requests in arrival order with route templates", async () => {
    env.api.forgetTokens();
    await env.api.flow("POST", "/connections", { body: upsBase() });
    await env.api.flow("GET", "/flows?limit=5", { sandbox: "dev" });
    await env.api.call("GET", "/data/core/ups/segment/definitions");
    await env.api.flow("GET", "/flows/abc");
    const { items } = await env.api.admin("GET", "/requests");
    expect(items).toEqual([
      expect.objectContaining({
        seq: 1,
        method: "POST",
        path: "/ims/token/v3",
        route: "/ims/token/v3",
        status: 200,
        client: "demo-client",
      }),
      expect.objectContaining({
        seq: 2,
        method: "POST",
        path: "/data/foundation/flowservice/connections",
        route: "/connections",
        status: 201,
        sandbox: "prod",
        client: "demo-client",
      }),
      expect.objectContaining({
        seq: 3,
        method: "GET",
        path: "/data/foundation/flowservice/flows?limit=5",
        route: "/flows",
        status: 200,
        sandbox: "dev",
      }),
      expect.objectContaining({ seq: 4, route: "/data/core/ups/segment/definitions", status: 200 }),
      expect.objectContaining({ seq: 5, route: "/flows/{id}", status: 404 }),
    ]);
    expect(typeof items[1].durationMs).toBe("number");
    expect(items.some((e: { path: string }) => e.path.startsWith("/__emulator"))).toBe(false);
  });

  it("marks fault-injected requests", async () => {
    await env.api.token();
    await env.api.admin("POST", "/faults", {
      scripted: [{ route: "/flows", action: { type: "status", status: 503 } }],
    });
    await env.api.flow("GET", "/flows");
    const { items } = await env.api.admin("GET", "/requests");
    expect(items.at(-1)).toMatchObject({ route: "/flows", status: 503, fault: "scripted-503" });
  });
});

describe("GET /__emulator/metrics", () => {
  it("counts by route and status, writes and throttled answers", async () => {
    await env.api.token();
    await env.api.admin("POST", "/reset");
    const d = await createDestination(env.api);
    await env.api.flow("PATCH", `/flows/${d.flowId}`, {
      body: [{ op: "replace", path: "/name", value: "x" }],
      headers: { "if-match": d.flowEtag },
    });
    await env.api.flow("GET", `/flows/${d.flowId}`);
    await env.api.admin("POST", "/faults", { rates: { "429": 1 } });
    await env.api.flow("GET", "/flows");
    const metrics = await env.api.admin("GET", "/metrics");
    expect(metrics).toEqual({
      total: 8,
      byRoute: {
        "POST /connections": 2,
        "POST /sourceConnections": 1,
        "POST /targetConnections": 1,
        "POST /flows": 1,
        "PATCH /flows/{id}": 1,
        "GET /flows/{id}": 1,
        "GET /flows": 1,
      },
      byStatus: { "201": 5, "202": 1, "200": 1, "429": 1 },
      writes: 6,
      throttled: 1,
      hung: 0,
      resets: 0,
      delayed: 0,
    });
  });
});

describe("GET /__emulator/state", () => {
  it("shows the whole store per sandbox, secrets included", async () => {
    const d = await createDestination(env.api);
    const state = await env.api.admin("GET", "/state");
    expect(state.orgId).toBe("DEMOORG0000000000000000@AdobeOrg");
    expect(Object.keys(state.sandboxes)).toEqual(["prod", "dev"]);
    expect(state.sandboxes.prod.flows.map((f: { id: string }) => f.id)).toEqual([d.flowId]);
    expect(
      state.sandboxes.prod.connections.find((c: { id: string }) => c.id === d.accountId).auth.params.secretKey,
    ).toBe("s3cr3t-key");
    expect(state.sandboxes.prod.audiences.length).toBeGreaterThan(5);
    expect(state.sandboxes.dev.flows).toEqual([]);
  });
});

describe("POST /__emulator/reset", () => {
  it("goes back to the seed and clears log, metrics and faults, keeping tokens valid", async () => {
    await createDestination(env.api);
    await env.api.call("POST", "/data/core/ups/segment/definitions", { body: { name: "temp" } });
    await env.api.admin("POST", "/faults", { latencyMs: 5 });
    await env.api.admin("POST", "/reset");
    expect(await env.api.admin("GET", "/faults")).toEqual({});
    expect((await env.api.admin("GET", "/requests")).items).toEqual([]);
    expect((await env.api.admin("GET", "/metrics")).total).toBe(0);
    expect((await env.api.flow("GET", "/flows")).body.items).toEqual([]);
    const segments = (await env.api.call("GET", "/data/core/ups/segment/definitions")).body.segments;
    expect(segments.map((s: { name: string }) => s.name)).not.toContain("temp");
  });

  it("answers 404 for an unknown emulator route", async () => {
    const result = await fetch(`${env.emulator.url}/__emulator/nope`);
    expect(result.status).toBe(404);
  });
});

itConformsToAdobeSpecs();
