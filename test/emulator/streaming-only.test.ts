// Fields Adobe documents for batch (file-based) destinations only are refused on the streaming flows the
// emulator serves, in Adobe's error shape, instead of being stored and silently ignored.
import { describe, expect, it } from "vitest";
import { MEN_OVER_50, createDestination, flowBody, selectors } from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { useEmulator } from "./helpers/harness.js";

const env = useEmulator();
const SEGMENTS = "/transformations/0/params/segmentSelectors/selectors/-";

const flowError = (code: string, message: string) => ({
  type: `https://ns.adobe.com/aep/errors/${code}`,
  status: 400,
  report: { "detailed-message": message, "request-id": expect.any(String), errors: expect.any(Array) },
  errorMessage: message,
  errorDetails: message,
});

describe("batch-only fields on a streaming flow", () => {
  it("refuses a flow create with scheduleParams (destinations.yaml: BatchFlowItem only), FLOW-1451-400", async () => {
    const d = await createDestination(env.api);
    const result = await env.api.flow("POST", "/flows", {
      body: {
        ...flowBody(d.sourceId, d.targetId, "with a schedule", selectors()),
        scheduleParams: { startTime: 1700000000, interval: 3, timeUnit: "hour" },
      },
    });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject(flowError("FLOW-1451-400", expect.stringContaining("'scheduleParams'")));
    expect(result.body.errorMessage).toContain("batch destinations only");
    const named = await env.api.flow("GET", "/flows?property=name==with%20a%20schedule&count=true");
    expect(named.body.count).toBe(0);
  });

  it("refuses scheduleParams added by PATCH, FLOW-1455-400, and changes nothing", async () => {
    const d = await createDestination(env.api);
    const result = await env.api.flow("PATCH", `/flows/${d.flowId}`, {
      body: [{ op: "add", path: "/scheduleParams", value: { startTime: 1700000000, interval: 1, timeUnit: "day" } }],
      headers: { "if-match": d.flowEtag },
    });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject(flowError("FLOW-1455-400", expect.stringContaining("'scheduleParams'")));
    const flow = (await env.api.flow("GET", `/flows/${d.flowId}`)).body.items[0];
    expect(flow.etag).toBe(d.flowEtag);
    expect(flow.scheduleParams).toBeUndefined();
  });

  it('refuses the audience fields update-destination-dataflows.md marks "For *batch destinations* only", naming each', async () => {
    const d = await createDestination(env.api);
    const result = await env.api.flow("PATCH", `/flows/${d.flowId}`, {
      body: [
        {
          op: "add",
          path: SEGMENTS,
          value: {
            type: "PLATFORM_SEGMENT",
            value: {
              id: MEN_OVER_50,
              filenameTemplate: "%DESTINATION_NAME%_%SEGMENT_ID%",
              exportMode: "DAILY_FULL_EXPORT",
              schedule: { frequency: "DAILY", triggerType: "SCHEDULED", startDate: "2026-01-05", startTime: "20:00" },
            },
          },
        },
      ],
      headers: { "if-match": d.flowEtag },
    });
    expect(result.status).toBe(400);
    const at = "transformations[0].params.segmentSelectors.selectors[0].value";
    for (const field of [
      "filenameTemplate",
      "exportMode",
      "schedule.frequency",
      "schedule.triggerType",
      "schedule.startTime",
    ])
      expect(result.body.errorMessage).toContain(`'${at}.${field}'`);
    expect(result.body.errorMessage).not.toContain("startDate");
  });

  it("accepts an audience's start and end dates, which the streaming activation page sets per audience", async () => {
    const d = await createDestination(env.api);
    const result = await env.api.flow("PATCH", `/flows/${d.flowId}`, {
      body: [
        {
          op: "add",
          path: SEGMENTS,
          value: {
            type: "PLATFORM_SEGMENT",
            value: { id: MEN_OVER_50, schedule: { startDate: "2026-01-05", endDate: "2026-03-10" } },
          },
        },
      ],
      headers: { "if-match": d.flowEtag },
    });
    expect(result.status).toBe(202);
    const flow = (await env.api.flow("GET", `/flows/${d.flowId}`)).body.items[0];
    const [selector] = flow.transformations[0].params.segmentSelectors.selectors;
    expect(selector.value.schedule).toEqual({ startDate: "2026-01-05", endDate: "2026-03-10" });
  });

  it("refuses a date not written YYYY-MM-DD, as destinations.yaml asks, and changes nothing", async () => {
    const d = await createDestination(env.api);
    const result = await env.api.flow("PATCH", `/flows/${d.flowId}`, {
      body: [
        {
          op: "add",
          path: SEGMENTS,
          value: { type: "PLATFORM_SEGMENT", value: { id: MEN_OVER_50, schedule: { startDate: "05/01/2026" } } },
        },
      ],
      headers: { "if-match": d.flowEtag },
    });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).toContain("schedule.startDate");
    const flow = (await env.api.flow("GET", `/flows/${d.flowId}`)).body.items[0];
    expect(flow.transformations[0].params.segmentSelectors.selectors).toEqual([]);
  });
});

itConformsToAdobeSpecs();
