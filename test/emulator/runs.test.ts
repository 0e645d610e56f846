// Dataflow runs (GET /runs, GET /runs/{id}): an enabled flow with audiences runs in hourly windows of the
// emulator's clock, one run id per window (monitor-destinations.md), with Adobe's record and status
// summaries; the list takes sort-and-filter.md's filters, orderby, paging and count.
import { beforeEach, describe, expect, it } from "vitest";
import { FLOW_SPEC, createDestination } from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { ORG, useEmulator, type Json } from "./helpers/harness.js";
import { HOUR_MS, MINUTE_MS, advanceTo, allRuns, hourOf, runsOf } from "./helpers/operations.js";

const env = useEmulator();
const capped = useEmulator({ config: { runsListCap: 2 } });
const A = "5722a16f-5e1f-4732-91b6-3b03943f759a";
const B = "068d6e2c-b546-4c73-bfb7-9a9d33375659";

beforeEach(async () => {
  await env.api.admin("POST", "/reset");
  // Tokens expire as the emulator's clock passes their lifetime: each test asks again.
  env.api.forgetTokens();
});

/** A destination with audiences, and the start of the first hour it is active at (its first window). */
async function runningFlow(
  audiences = [A, B],
  api = env.api,
): Promise<{ flowId: string; targetId: string; h1: number }> {
  const d = await createDestination(api, { audiences });
  const flow = (await api.flow("GET", `/flows/${d.flowId}`)).body.items[0];
  return { flowId: d.flowId, targetId: d.targetId, h1: hourOf(flow.createdAt) + HOUR_MS };
}

const summary = (run: Json): [number, string] => [
  run.metrics.durationSummary.startedAtUTC,
  run.metrics.statusSummary.status,
];

describe("hourly windows", () => {
  it("start with the first clock hour the flow is active at; the current one is processing", async () => {
    const { flowId, h1 } = await runningFlow();
    expect(await runsOf(env.api, flowId)).toEqual([]);
    await advanceTo(env.api, h1 + 1000);
    const [first] = await runsOf(env.api, flowId);
    expect(first).toMatchObject({
      flowId,
      flowSpec: FLOW_SPEC,
      sandboxName: "prod",
      imsOrgId: ORG,
      createdBy: "demo-client",
      createdClient: "demo-client",
      metrics: { durationSummary: { startedAtUTC: h1 }, statusSummary: { status: "processing", errors: [] } },
    });
    expect(first.metrics.durationSummary.completedAtUTC).toBeUndefined();
    await advanceTo(env.api, h1 + HOUR_MS + 5 * MINUTE_MS);
    const runs = await runsOf(env.api, flowId);
    expect(runs.map(summary)).toEqual([
      [h1 + HOUR_MS, "processing"],
      [h1, "success"],
    ]);
    expect(runs[1].metrics.durationSummary.completedAtUTC).toBe(h1 + HOUR_MS + 5 * MINUTE_MS);
    expect(runs[1].id).toBe(first.id);
  });

  it("count profiles received per audience (~50 to ~5000), ~2 % excluded, none failed; stable across reads", async () => {
    const { flowId, targetId, h1 } = await runningFlow();
    await advanceTo(env.api, h1 + 3 * HOUR_MS - 1000);
    const runs = await runsOf(env.api, flowId);
    expect(runs).toHaveLength(3);
    for (const run of runs) {
      const r = run.metrics.recordSummary;
      expect(r.sourceSummaries.map((s: Json) => s.id)).toEqual([A, B]);
      for (const source of r.sourceSummaries) {
        expect(source.inputRecordCount).toBeGreaterThanOrEqual(50);
        expect(source.inputRecordCount).toBeLessThanOrEqual(5000);
        expect(source.entitySummaries[0].id).toBe(`segment:${source.id}`);
      }
      expect(r.inputRecordCount).toBe(r.sourceSummaries.reduce((n: number, s: Json) => n + s.inputRecordCount, 0));
      expect(r.failedRecordCount).toBe(0);
      expect(r.outputRecordCount).toBe(r.inputRecordCount - r.skippedRecordCount - r.failedRecordCount);
      expect(r.skippedRecordCount / r.inputRecordCount).toBeGreaterThan(0.005);
      expect(r.skippedRecordCount / r.inputRecordCount).toBeLessThan(0.035);
      expect(r.skippedInfo[0]).toMatchObject({ count: r.skippedRecordCount });
      expect(r.targetSummaries[0].id).toBe(targetId);
      expect(r.targetSummaries[0].entitySummaries.map((e: Json) => e.id)).toEqual([`segment:${A}`, `segment:${B}`]);
    }
    expect(await runsOf(env.api, flowId)).toEqual(runs);
    const one = await env.api.flow("GET", `/runs/${runs[1].id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual({ items: [runs[1]] });
  });

  it("follow the flow's activity: disabled, re-enabled, without audiences, deleted", async () => {
    const { flowId, h1 } = await runningFlow([A]);
    const silent = await createDestination(env.api, { audiences: [] });
    await advanceTo(env.api, h1 + 1000);
    expect((await env.api.flow("POST", `/flows/${flowId}/action?op=disable`)).status).toBe(200);
    await advanceTo(env.api, h1 + 3 * HOUR_MS + 1000);
    expect((await env.api.flow("POST", `/flows/${flowId}/action?op=enable`)).status).toBe(200);
    await advanceTo(env.api, h1 + 4 * HOUR_MS + 1000);
    expect((await runsOf(env.api, flowId)).map(summary)).toEqual([
      [h1 + 4 * HOUR_MS, "processing"],
      [h1, "success"],
    ]);
    expect(await runsOf(env.api, silent.flowId)).toEqual([]);
    expect((await env.api.flow("DELETE", `/flows/${flowId}`)).status).toBe(202);
    await advanceTo(env.api, h1 + 6 * HOUR_MS);
    // The deleted flow's runs stay readable; it runs no more.
    expect((await runsOf(env.api, flowId)).map(summary)).toEqual([
      [h1 + 4 * HOUR_MS, "success"],
      [h1, "success"],
    ]);
  });

  it("GET /runs/{id} of an unknown run is Flow Service's 404", async () => {
    const result = await env.api.flow("GET", "/runs/00000000-0000-4000-8000-000000000000");
    expect(result.status).toBe(404);
    expect(result.body.type).toBe("https://ns.adobe.com/aep/errors/FLOW-1439-404");
  });
});

describe("the runs list", () => {
  let a: { flowId: string; h1: number };
  let b: { flowId: string; h1: number };
  beforeEach(async () => {
    a = await runningFlow([A]);
    b = await runningFlow([B]);
    // Four windows each: three completed, the current one processing.
    await advanceTo(env.api, Math.max(a.h1, b.h1) + 3 * HOUR_MS + 6 * MINUTE_MS);
  });

  const ids = (runs: Json[]): string[] => runs.map((r) => r.id);

  it("filters on flowId (a comma means OR; a repeated property means AND) and on status, in any case", async () => {
    expect(await allRuns(env.api, `?property=flowId==${a.flowId},${b.flowId}`)).toHaveLength(8);
    expect(await allRuns(env.api, `?property=flowId==${a.flowId}`)).toHaveLength(4);
    const success = await allRuns(
      env.api,
      `?property=flowId==${a.flowId}&property=metrics.statusSummary.status==Success`,
    );
    expect(success.map((r) => r.metrics.statusSummary.status)).toEqual(["success", "success", "success"]);
    expect(
      await allRuns(env.api, `?property=flowId==${b.flowId}&property=metrics.statusSummary.status==PROCESSING`),
    ).toHaveLength(1);
    const count = await env.api.flow("GET", `/runs?property=flowId==${a.flowId},${b.flowId}&count=true`);
    expect(count.body).toEqual({ count: 8 });
  });

  it("filters on start time ranges and on the audience (both documented paths)", async () => {
    const from = a.h1 + HOUR_MS;
    const to = a.h1 + 3 * HOUR_MS;
    const range = `?property=flowId==${a.flowId}&property=metrics.durationSummary.startedAtUTC>=${from}&property=metrics.durationSummary.startedAtUTC<${to}`;
    expect((await allRuns(env.api, range)).map((r) => r.metrics.durationSummary.startedAtUTC)).toEqual([
      from + HOUR_MS,
      from,
    ]);
    expect(
      await allRuns(env.api, `?property=createdAt>${a.h1 + 2 * HOUR_MS}&property=flowId==${a.flowId}`),
    ).toHaveLength(1);
    const bySource = await allRuns(env.api, `?property=metrics.recordSummary.sourceSummaries[].id==${A}`);
    expect(new Set(bySource.map((r) => r.flowId))).toEqual(new Set([a.flowId]));
    const byTarget = await allRuns(
      env.api,
      `?property=metrics.recordSummary.targetSummaries[].entitySummaries[].id==segment:${B}`,
    );
    expect(new Set(byTarget.map((r) => r.flowId))).toEqual(new Set([b.flowId]));
  });

  it("orders newest first by default, or by orderby", async () => {
    const all = await allRuns(env.api, "?limit=100");
    const starts = all.map((r) => r.metrics.durationSummary.startedAtUTC);
    expect(starts).toEqual([...starts].sort((x, y) => y - x));
    const ascending = await allRuns(env.api, "?orderby=metrics.durationSummary.startedAtUTC&limit=100");
    expect(ascending[0].metrics.durationSummary.startedAtUTC).toBe(Math.min(...starts));
    const byCreated = await allRuns(env.api, "?orderby=-createdAt&limit=100");
    expect(byCreated[0].createdAt).toBe(Math.max(...starts));
  });

  it("pages with limit and _links.next.href, every run once", async () => {
    const first = await env.api.flow("GET", "/runs?limit=3");
    expect(first.body.items).toHaveLength(3);
    expect(first.body._links.next.href).toMatch(/^\/runs\?continuationToken=/);
    const paged = await allRuns(env.api, "?limit=3");
    expect(ids(paged)).toEqual(ids(await allRuns(env.api, "?limit=100")));
    expect(new Set(ids(paged)).size).toBe(8);
    const sorted = await allRuns(env.api, "?limit=3&orderby=metrics.durationSummary.startedAtUTC");
    expect(new Set(ids(sorted))).toEqual(new Set(ids(paged)));
  });
});

describe("runsListCap", () => {
  it("answers at most that many runs and no next link, whatever limit asks", async () => {
    const { flowId, h1 } = await runningFlow([A], capped.api);
    await advanceTo(capped.api, h1 + 3 * HOUR_MS + 1000);
    for (const query of ["", "?limit=10", `?property=flowId==${flowId}`]) {
      const page = await capped.api.flow("GET", `/runs${query}`);
      expect(page.body.items, query).toHaveLength(2);
      expect(page.body._links, query).toEqual({});
    }
    expect((await capped.api.flow("GET", "/runs?count=true")).body).toEqual({ count: 4 });
  });
});

itConformsToAdobeSpecs();
