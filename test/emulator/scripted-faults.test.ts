// Scripted faults: fire on the nth matching request (or from it on), answer without processing, reset,
// hang, commit then hang/reset, or run another client's request right after the matched one.
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { createDestination, upsBase } from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { FLOW, TestClient, useEmulator } from "./helpers/harness.js";

const env = useEmulator();

afterEach(async () => {
  await env.api.admin("POST", "/reset");
});

const count = async (resource = "connections") =>
  (await env.api.flow("GET", `/${resource}?count=true`)).body.count as number;

describe("status actions", () => {
  it("fire once on the nth matching request, answering without processing", async () => {
    await env.api.token();
    await env.api.admin("POST", "/faults", {
      scripted: [{ method: "POST", route: "/connections", nth: 2, action: { type: "status", status: 503 } }],
    });
    const results = [];
    for (let i = 0; i < 3; i += 1)
      results.push((await env.api.flow("POST", "/connections", { body: upsBase() })).status);
    expect(results).toEqual([201, 503, 201]);
    expect(await count()).toBe(2);
  });

  it("fire on every match from the nth on with from: true, with the given body and headers", async () => {
    await env.api.token();
    const action = {
      type: "status",
      status: 429,
      body: { error_code: "429050", message: "slow down" },
      headers: { "retry-after": "7" },
    };
    await env.api.admin("POST", "/faults", { scripted: [{ route: "/flows", nth: 2, from: true, action }] });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await env.api.flow("GET", "/flows")).status);
    expect(statuses).toEqual([200, 429, 429, 429]);
    const last = await env.api.flow("GET", "/flows");
    expect(last.headers.get("retry-after")).toBe("7");
    expect(last.body.message).toBe("slow down");
  });

  it("match only writes with writes: true, and only a client with client", async () => {
    await env.api.token();
    await env.api.token("ui-editor");
    await env.api.admin("POST", "/faults", {
      scripted: [{ writes: true, client: "demo-client", from: true, action: { type: "status", status: 500 } }],
    });
    expect((await env.api.flow("GET", "/connections")).status).toBe(200);
    expect((await env.api.flow("POST", "/connections", { body: upsBase(), client: "ui-editor" })).status).toBe(201);
    const failed = await env.api.flow("POST", "/connections", { body: upsBase() });
    expect(failed.status).toBe(500);
    expect(failed.body.type).toBe("https://ns.adobe.com/aep/errors/FLOW-1102-500");
  });

  it("count matches per fault", async () => {
    await env.api.token();
    await env.api.admin("POST", "/faults", {
      scripted: [
        { method: "GET", route: "/flows", nth: 2, action: { type: "status", status: 502 } },
        { method: "GET", nth: 2, action: { type: "status", status: 504 } },
      ],
    });
    const statuses = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await env.api.flow("GET", i === 0 ? "/connections" : "/flows")).status);
    // GET /connections counts for the second fault only; the second GET /flows is the first fault's 2nd match.
    expect(statuses).toEqual([200, 504, 502, 200]);
  });
});

describe("connection faults", () => {
  it("reset: destroys the socket without processing", async () => {
    await env.api.token();
    await env.api.admin("POST", "/faults", {
      scripted: [{ method: "POST", route: "/connections", action: { type: "reset" } }],
    });
    await expect(env.api.flow("POST", "/connections", { body: upsBase() })).rejects.toThrow();
    expect(await count()).toBe(0);
  });

  it("hang: never answers and does not process", async () => {
    await env.api.token();
    await env.api.admin("POST", "/faults", { scripted: [{ method: "POST", action: { type: "hang" } }] });
    await expect(
      env.api.flow("POST", "/connections", { body: upsBase(), signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    expect(await count()).toBe(0);
    expect((await env.api.admin("GET", "/metrics")).hung).toBe(1);
  });

  it("commit-then-hang: changes the state, then never answers", async () => {
    await env.api.token();
    await env.api.admin("POST", "/faults", {
      scripted: [{ method: "POST", route: "/connections", action: { type: "commit-then-hang" } }],
    });
    await expect(
      env.api.flow("POST", "/connections", { body: upsBase("committed"), signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    const listed = await env.api.flow("GET", "/connections");
    expect(listed.body.items.map((c: { name: string }) => c.name)).toEqual(["committed"]);
  });

  it("commit-then-reset: changes the state, then destroys the socket", async () => {
    await env.api.token();
    await env.api.admin("POST", "/faults", {
      scripted: [{ method: "POST", route: "/connections", action: { type: "commit-then-reset" } }],
    });
    await expect(env.api.flow("POST", "/connections", { body: upsBase() })).rejects.toThrow();
    expect(await count()).toBe(1);
  });

  it("does not keep close() from finishing while a request hangs", async () => {
    const emulator = await startEmulator({
      config: { faults: { scripted: [{ route: "/flows", action: { type: "hang" } }] } },
    });
    const api = new TestClient(emulator.url);
    const pending = api.flow("GET", "/flows").catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await emulator.close();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe("after: another client acts right after the matched request", () => {
  it("makes the etag the tool just read stale, so its PATCH answers 412", async () => {
    const dest = await createDestination(env.api, { audiences: ["a1"] });
    const path = `${FLOW}/flows/${dest.flowId}`;
    await env.api.admin("POST", "/faults", {
      scripted: [
        {
          method: "GET",
          route: "/flows/{id}",
          client: "demo-client",
          action: {
            type: "after",
            request: {
              client: "ui-editor",
              method: "PATCH",
              path,
              body: [{ op: "replace", path: "/description", value: "edited in the UI" }],
            },
          },
        },
      ],
    });
    const read = await env.api.flow("GET", `/flows/${dest.flowId}`);
    expect(read.status).toBe(200);
    expect(read.body.items[0].description).toBe("Streaming destination");
    const patch = await env.api.flow("PATCH", `/flows/${dest.flowId}`, {
      body: [{ op: "replace", path: "/name", value: "mine" }],
      headers: { "if-match": read.body.items[0].etag },
    });
    expect(patch.status).toBe(412);
    const now = (await env.api.flow("GET", `/flows/${dest.flowId}`)).body.items[0];
    expect(now).toMatchObject({
      description: "edited in the UI",
      updatedClient: "exc_app",
      updatedBy: "ui-editor@AdobeID",
      name: "Kinesis destination",
    });
    const log = (await env.api.admin("GET", "/requests")).items;
    const getIndex = log.findIndex(
      (e: { method: string; route: string; fault?: string }) =>
        e.method === "GET" && e.route === "/flows/{id}" && e.fault === "scripted-after",
    );
    expect(log[getIndex + 1]).toMatchObject({
      method: "PATCH",
      route: "/flows/{id}",
      client: "ui-editor",
      status: 202,
      internal: true,
    });
  });
});

itConformsToAdobeSpecs();
