// Scripted dataflow runs (POST /__emulator/runs), the emulator's clock (POST /__emulator/clock), the runs
// API refused (runsApi), runs kept by the state file, and the new routes in the metrics.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { createDestination } from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { TestClient, useEmulator, type Json } from "./helpers/harness.js";
import { HOUR_MS, MINUTE_MS, advanceTo, allRuns, clockNow, hourOf, runsOf } from "./helpers/operations.js";

const env = useEmulator();
const refused = useEmulator({ config: { runsApi: 403 } });
const absent = useEmulator({ config: { runsApi: "404" as never } });
const A = "5722a16f-5e1f-4732-91b6-3b03943f759a";
const THROTTLED = { code: "KINESIS-3001-500", message: "Stream throughput exceeded", count: 400 };
const dir = mkdtempSync(path.join(os.tmpdir(), "aep-emulator-runs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(async () => {
  await env.api.admin("POST", "/reset");
  env.api.forgetTokens();
  // Ten minutes into an hour: the previous hour's window has completed (window end + 5 minutes).
  await advanceTo(env.api, hourOf(await clockNow(env.api)) + HOUR_MS + 10 * MINUTE_MS);
});

const script = (body: unknown): Promise<Response> =>
  fetch(`${env.emulator.url}/__emulator/runs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

const byStart = (runs: Json[]): Map<number, Json> =>
  new Map(runs.map((r) => [r.metrics.durationSummary.startedAtUTC, r]));

describe("POST /__emulator/runs", () => {
  it("scripts failures with error codes, excluded identities and a current window, even before the flow ran", async () => {
    const { flowId } = await createDestination(env.api, { audiences: [A] });
    const answer = await script({
      flowId,
      windows: [
        { hoursAgo: 2, status: "failed", received: 500, failed: 400, errors: [THROTTLED] },
        { hoursAgo: 1, excluded: 30 },
        { hoursAgo: 0, completedAfterMinutes: 0 },
      ],
    });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as Json;
    const hour = hourOf(await clockNow(env.api));
    const runs = byStart(await runsOf(env.api, flowId));
    expect([...runs.keys()]).toEqual([hour, hour - HOUR_MS, hour - 2 * HOUR_MS]);
    const failed = runs.get(hour - 2 * HOUR_MS);
    expect(failed.id).toBe(body.windows[0].runId);
    expect(failed.metrics.statusSummary).toEqual({ status: "failed", errors: [THROTTLED] });
    expect(failed.metrics.recordSummary).toMatchObject({
      inputRecordCount: 500,
      outputRecordCount: 100,
      skippedRecordCount: 0,
      failedRecordCount: 400,
      failedInfo: [{ ...THROTTLED, type: "Error" }],
      sourceSummaries: [{ id: A, inputRecordCount: 500 }],
    });
    expect(runs.get(hour - HOUR_MS).metrics.recordSummary).toMatchObject({
      inputRecordCount: 1000,
      skippedRecordCount: 30,
      outputRecordCount: 970,
      failedRecordCount: 0,
    });
    expect(runs.get(hour).metrics.statusSummary.status).toBe("processing");
    const onlyFailed = await allRuns(
      env.api,
      `?property=flowId==${flowId}&property=metrics.statusSummary.status==FAILED`,
    );
    expect(onlyFailed.map((r) => r.id)).toEqual([failed.id]);
    expect((await env.api.flow("GET", `/runs/${failed.id}`)).body.items[0]).toEqual(failed);
  });

  it("makes a silent flow with generate: false, and replaces a generated window at the same hour", async () => {
    const silent = await createDestination(env.api, { audiences: [A] });
    const noisy = await createDestination(env.api, { audiences: [A] });
    await script({ flowId: silent.flowId, generate: false });
    const start = hourOf(await clockNow(env.api));
    await advanceTo(env.api, start + 3 * HOUR_MS + 10 * MINUTE_MS);
    expect(await runsOf(env.api, silent.flowId)).toEqual([]);
    const generated = byStart(await runsOf(env.api, noisy.flowId)).get(start + HOUR_MS);
    expect(generated.metrics.statusSummary.status).toBe("success");
    await script({ flowId: noisy.flowId, windows: [{ hoursAgo: 2, status: "failed", errors: [THROTTLED] }] });
    const replaced = byStart(await runsOf(env.api, noisy.flowId)).get(start + HOUR_MS);
    expect(replaced.id).toBe(generated.id);
    expect(replaced.metrics.statusSummary.status).toBe("failed");
    expect(await runsOf(env.api, noisy.flowId)).toHaveLength(3);
  });

  it("delays a window: processing without completedAtUTC until its end plus completedAfterMinutes", async () => {
    const { flowId } = await createDestination(env.api, { audiences: [A] });
    await script({ flowId, generate: false, windows: [{ hoursAgo: 1, completedAfterMinutes: 120 }] });
    const start = hourOf(await clockNow(env.api)) - HOUR_MS;
    const [late] = await runsOf(env.api, flowId);
    expect(late.metrics.statusSummary.status).toBe("processing");
    expect(late.metrics.durationSummary).toEqual({ startedAtUTC: start });
    await advanceTo(env.api, start + HOUR_MS + 120 * MINUTE_MS);
    const [done] = await runsOf(env.api, flowId);
    expect(done.metrics.durationSummary).toEqual({ startedAtUTC: start, completedAtUTC: start + 3 * HOUR_MS });
    expect(done.metrics.statusSummary.status).toBe("success");
  });

  it("refuses an invalid script with 400 naming the key; reset clears scripts", async () => {
    const { flowId } = await createDestination(env.api, { audiences: [A] });
    const cases: [unknown, string][] = [
      [{ flowId, windows: [{ hoursAgo: -1 }] }, "windows[0].hoursAgo"],
      [{ flowId, windows: [{ hoursAgo: 1 }, { hoursAgo: 168 }] }, "windows[1].hoursAgo"],
      [{ flowId, windows: [{ hoursAgo: 1, status: "done" }] }, "windows[0].status"],
      [{ flowId, windows: [{ hoursAgo: 1, errors: [{ code: "X" }] }] }, "windows[0].errors[0]"],
      [{ flowId, windows: [{}] }, "windows[0].hoursAgo"],
      [{ flowId, colour: "red" }, "colour"],
      [{ flowId, generate: "no" }, "generate"],
      [{ flowId: "no-such-flow" }, "flowId"],
      [{ flowId, sandbox: "qa" }, "sandbox"],
      [{ windows: [] }, "flowId"],
    ];
    for (const [body, key] of cases) {
      const answer = await script(body);
      expect(answer.status, key).toBe(400);
      expect(((await answer.json()) as Json).message, key).toContain(key);
    }
    await script({ flowId, generate: false, windows: [{ hoursAgo: 1 }] });
    expect(await runsOf(env.api, flowId)).toHaveLength(1);
    await env.api.admin("POST", "/reset");
    expect((await script({ flowId })).status).toBe(400);
    expect(await allRuns(env.api, "")).toEqual([]);
  });
});

describe("POST /__emulator/clock", () => {
  it("moves the clock forward, answers {now}, and the Date header follows; never back", async () => {
    const before = await clockNow(env.api);
    const moved = await env.api.admin("POST", "/clock", { advanceSeconds: 7200 });
    expect(moved.now - before).toBeGreaterThanOrEqual(7200 * 1000);
    const date = Date.parse((await env.api.flow("GET", "/flows")).headers.get("date") ?? "");
    expect(Math.abs(date - moved.now)).toBeLessThan(5_000);
    for (const body of [{ advanceSeconds: -1 }, { advanceSeconds: "1h" }, {}]) {
      const answer = await fetch(`${env.emulator.url}/__emulator/clock`, {
        method: "POST",
        body: JSON.stringify(body),
      });
      expect(answer.status).toBe(400);
    }
  });
});

describe("runsApi", () => {
  it("403 refuses the runs routes as the gateway does; 404 as an unknown route", async () => {
    for (const route of ["/runs", "/runs/some-id"]) {
      const forbidden = await refused.api.flow("GET", route);
      expect(forbidden.status).toBe(403);
      expect(forbidden.body).toEqual({ error_code: "403003", message: "Api Key is invalid" });
      expect((await absent.api.flow("GET", route)).status).toBe(404);
    }
    expect((await refused.api.flow("GET", "/flows")).status).toBe(200);
  });
});

describe("state and metrics", () => {
  it("keeps activity, scripts and the clock's advance across a restart", async () => {
    const statePath = path.join(dir, "state.json");
    const first = await startEmulator({ statePath });
    const api = new TestClient(first.url);
    const { flowId } = await createDestination(api, { audiences: [A] });
    await fetch(`${first.url}/__emulator/runs`, {
      method: "POST",
      body: JSON.stringify({ flowId, windows: [{ hoursAgo: 1, status: "failed" }] }),
    });
    await advanceTo(api, hourOf(await clockNow(api)) + 3 * HOUR_MS);
    const runs = await runsOf(api, flowId);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    await first.close();
    const second = await startEmulator({ statePath });
    const again = new TestClient(second.url);
    expect(await runsOf(again, flowId)).toEqual(runs);
    await second.close();
  });

  it("counts GET /runs and GET /runs/{id} by route template", async () => {
    await env.api.flow("GET", "/runs");
    await env.api.flow("GET", "/runs/x");
    const metrics = await env.api.admin("GET", "/metrics");
    expect(metrics.byRoute["GET /runs"]).toBeGreaterThan(0);
    expect(metrics.byRoute["GET /runs/{id}"]).toBeGreaterThan(0);
  });
});

itConformsToAdobeSpecs();
