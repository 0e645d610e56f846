// Fault injection by rate, Retry-After styles, the per-org rate limit and latency; set by config or at
// runtime through POST /__emulator/faults.
import { afterEach, describe, expect, it } from "vitest";
import { upsBase } from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { useEmulator, type TestClient } from "./helpers/harness.js";

const env = useEmulator();
const configured = useEmulator({ config: { faults: { seed: 7, rates: { "503": 0.3, "429": 0.2 } } } });
const configuredTwin = useEmulator({ config: { faults: { seed: 7, rates: { "503": 0.3, "429": 0.2 } } } });

afterEach(async () => {
  await env.api.admin("POST", "/reset");
});

/** Gets a token even while random faults hit the IMS (the same attempts happen on twin emulators). */
async function tokenDespiteFaults(api: TestClient): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    try {
      await api.token();
      return;
    } catch {
      // an injected fault; try again
    }
  }
  throw new Error("no token after 50 attempts");
}

async function statuses(api: TestClient, n: number): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < n; i += 1) result.push((await api.flow("GET", "/flows")).status);
  return result;
}

describe("random faults", () => {
  it("are deterministic for a seed", async () => {
    await tokenDespiteFaults(configured.api);
    await tokenDespiteFaults(configuredTwin.api);
    const a = await statuses(configured.api, 40);
    const b = await statuses(configuredTwin.api, 40);
    expect(a).toEqual(b);
    expect(a.filter((s) => s === 503).length).toBeGreaterThan(3);
    expect(a.filter((s) => s === 429).length).toBeGreaterThan(2);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(10);
  });

  it("differ for another seed", async () => {
    await env.api.token();
    await env.api.admin("POST", "/faults", { seed: 7, rates: { "503": 0.3, "429": 0.2 } });
    const seven = await statuses(env.api, 30);
    await env.api.admin("POST", "/faults", { seed: 8, rates: { "503": 0.3, "429": 0.2 } });
    expect(await statuses(env.api, 30)).not.toEqual(seven);
  });

  it("are applied before processing: a failed create creates nothing", async () => {
    await env.api.token();
    await env.api.admin("POST", "/faults", { rates: { "500": 1 } });
    const result = await env.api.flow("POST", "/connections", { body: upsBase() });
    expect(result.status).toBe(500);
    expect(result.body.type).toBe("https://ns.adobe.com/aep/errors/FLOW-1102-500");
    await env.api.admin("POST", "/faults", {});
    expect((await env.api.flow("GET", "/connections?count=true")).body.count).toBe(0);
  });

  it("answer in Adobe's shapes for 502, 503 and 504", async () => {
    await env.api.token();
    for (const [status, check] of [
      ["502", { error_code: "502000" }],
      ["503", { type: "https://ns.adobe.com/aep/errors/FLOW-1103-503" }],
      ["504", { type: "https://ns.adobe.com/aep/errors/FLOW-1104-504" }],
    ] as const) {
      await env.api.admin("POST", "/faults", { rates: { [status]: 1 } });
      const result = await env.api.flow("GET", "/flows");
      expect(result.status).toBe(Number(status));
      expect(result.body).toMatchObject(check);
    }
  });

  it("hit the IMS too", async () => {
    await env.api.admin("POST", "/faults", { rates: { "503": 1 } });
    env.api.forgetTokens();
    await expect(env.api.token()).rejects.toThrow(/503/);
  });

  it("can reset the connection", async () => {
    await env.api.token();
    await env.api.admin("POST", "/faults", { rates: { reset: 1 } });
    await expect(env.api.flow("GET", "/flows")).rejects.toThrow();
  });
});

describe("Retry-After styles of injected 429s", () => {
  const throttle = async (faults: object) => {
    await env.api.token();
    await env.api.admin("POST", "/faults", { rates: { "429": 1 }, ...faults });
    return env.api.flow("GET", "/flows");
  };

  it("sends seconds by default, with the gateway's 429050 body", async () => {
    const result = await throttle({});
    expect(result.status).toBe(429);
    expect(result.headers.get("retry-after")).toBe("1");
    expect(result.body).toEqual({ error_code: "429050", message: "Too many requests" });
    expect((await throttle({ retryAfterSeconds: 3 })).headers.get("retry-after")).toBe("3");
  });

  it("sends an HTTP date", async () => {
    const result = await throttle({ retryAfter: "http-date", retryAfterSeconds: 2 });
    const date = Date.parse(result.headers.get("retry-after") ?? "");
    expect(date).toBeGreaterThan(Date.now() - 1000);
    expect(date).toBeLessThan(Date.now() + 5000);
  });

  it("sends no header", async () => {
    const result = await throttle({ retryAfter: "none" });
    expect(result.headers.get("retry-after")).toBeNull();
    expect(result.body.error_code).toBe("429050");
  });

  it("sends the header with an empty body", async () => {
    const result = await throttle({ retryAfter: "empty-body" });
    expect(result.headers.get("retry-after")).toBe("1");
    expect(result.text).toBe("");
  });
});

describe("the rate limit", () => {
  it("lets a burst through, then answers 429 with the seconds until a token, then recovers", async () => {
    await env.api.token();
    await env.api.admin("POST", "/faults", { rateLimit: { perSecond: 4, burst: 3 } });
    await env.api.token();
    const burst = await statuses(env.api, 3);
    expect(burst).toEqual([200, 200, 200]);
    const limited = await env.api.flow("GET", "/flows");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(limited.body).toEqual({ error_code: "429050", message: "Too many requests" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await env.api.flow("GET", "/flows")).status).toBe(200);
    expect((await env.api.admin("GET", "/metrics")).throttled).toBe(1);
  });
});

describe("latency", () => {
  it("adds latencyMs (± jitterMs) to each response", async () => {
    await env.api.token();
    await env.api.admin("POST", "/faults", { latencyMs: 120, jitterMs: 20 });
    const started = performance.now();
    await env.api.flow("GET", "/flows");
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(1000);
  });
});

describe("the faults endpoint", () => {
  it("replaces the config, reports it, and clears it with {}", async () => {
    const set = await env.api.admin("POST", "/faults", { seed: 3, latencyMs: 1 });
    expect(set).toEqual({ seed: 3, latencyMs: 1 });
    expect(await env.api.admin("GET", "/faults")).toEqual({ seed: 3, latencyMs: 1 });
    await env.api.admin("POST", "/faults", {});
    expect(await env.api.admin("GET", "/faults")).toEqual({});
  });

  it("answers 400 for an invalid config, naming the key", async () => {
    const result = await fetch(`${env.emulator.url}/__emulator/faults`, {
      method: "POST",
      body: JSON.stringify({ rates: { "429": 2 } }),
    });
    expect(result.status).toBe(400);
    expect(((await result.json()) as { message: string }).message).toContain("rates.429");
  });
});

itConformsToAdobeSpecs();
