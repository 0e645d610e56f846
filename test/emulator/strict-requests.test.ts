// strictRequests: a flow created with selectors (destinations.yaml: "An empty array needs to be passed while
// creating the destination dataflow") and a JSON Patch `remove` without `value` (both specs require one)
// are refused; by default both are accepted, as before.
import { describe, expect, it } from "vitest";
import { MEN_OVER_50, createDestination, flowBody, selectors, type Destination } from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { useEmulator, type TestClient } from "./helpers/harness.js";

const strict = useEmulator({ config: { strictRequests: true } });
const lenient = useEmulator();

async function withAudience(api: TestClient): Promise<Destination> {
  const d = await createDestination(api);
  const added = await api.flow("PATCH", `/flows/${d.flowId}`, {
    body: [
      {
        op: "add",
        path: "/transformations/0/params/segmentSelectors/selectors/-",
        value: { type: "PLATFORM_SEGMENT", value: { id: MEN_OVER_50 } },
      },
    ],
    headers: { "if-match": d.flowEtag },
  });
  expect(added.status).toBe(202);
  const flow = (await api.flow("GET", `/flows/${d.flowId}`)).body.items[0];
  return { ...d, flowEtag: flow.etag };
}

describe("POST /flows in strict mode", () => {
  it("refuses segment or profile selectors on create with FLOW-1451-400, citing destinations.yaml", async () => {
    const { sourceId, targetId } = await createDestination(strict.api);
    for (const transformations of [selectors([MEN_OVER_50]), selectors([], ["person.name.lastName"])]) {
      const result = await strict.api.flow("POST", "/flows", {
        body: flowBody(sourceId, targetId, "with selectors", transformations),
      });
      expect(result.status).toBe(400);
      expect(result.body.type).toBe("https://ns.adobe.com/aep/errors/FLOW-1451-400");
      expect(result.body.errorMessage).toContain(
        "An empty array needs to be passed while creating the destination dataflow",
      );
      expect(result.body.report.errors).toHaveLength(1);
    }
    const empty = await strict.api.flow("POST", "/flows", { body: flowBody(sourceId, targetId, "empty") });
    expect(empty.status).toBe(201);
  });

  it("lets selectors through on create by default", async () => {
    const { sourceId, targetId } = await createDestination(lenient.api);
    const result = await lenient.api.flow("POST", "/flows", {
      body: flowBody(sourceId, targetId, "with selectors", selectors([MEN_OVER_50])),
    });
    expect(result.status).toBe(201);
  });
});

describe("JSON Patch remove in strict mode", () => {
  it("refuses a remove without value with FLOW-1455-400 and changes nothing", async () => {
    const d = await withAudience(strict.api);
    const result = await strict.api.flow("PATCH", `/flows/${d.flowId}`, {
      body: [{ op: "remove", path: "/transformations/0/params/segmentSelectors/selectors/0" }],
      headers: { "if-match": d.flowEtag },
    });
    expect(result.status).toBe(400);
    expect(result.body.type).toBe("https://ns.adobe.com/aep/errors/FLOW-1455-400");
    expect(result.body.errorMessage).toContain("needs a 'value'");
    const flow = (await strict.api.flow("GET", `/flows/${d.flowId}`)).body.items[0];
    expect(flow.etag).toBe(d.flowEtag);
  });

  it("accepts a remove with a value, in upper or lower case", async () => {
    for (const op of ["remove", "REMOVE"]) {
      const d = await withAudience(strict.api);
      const result = await strict.api.flow("PATCH", `/flows/${d.flowId}`, {
        body: [
          {
            op,
            path: "/transformations/0/params/segmentSelectors/selectors/0",
            value: { type: "PLATFORM_SEGMENT", value: {} },
          },
        ],
        headers: { "if-match": d.flowEtag },
      });
      expect(result.status, op).toBe(202);
    }
    const d = await createDestination(strict.api);
    const upper = await strict.api.flow("PATCH", `/flows/${d.flowId}`, {
      body: [{ op: "REPLACE", path: "/name", value: "renamed" }],
      headers: { "if-match": d.flowEtag },
    });
    expect(upper.status).toBe(202);
  });

  it("applies to connections too, and not at all by default", async () => {
    const d = await createDestination(strict.api);
    const target = (await strict.api.flow("GET", `/targetConnections/${d.targetId}`)).body.items[0];
    const result = await strict.api.flow("PATCH", `/targetConnections/${d.targetId}`, {
      body: [{ op: "remove", path: "/description" }],
      headers: { "if-match": target.etag },
    });
    expect(result.status).toBe(400);
    const l = await withAudience(lenient.api);
    const accepted = await lenient.api.flow("PATCH", `/flows/${l.flowId}`, {
      body: [{ op: "remove", path: "/transformations/0/params/segmentSelectors/selectors/0" }],
      headers: { "if-match": l.flowEtag },
    });
    expect(accepted.status).toBe(202);
  });
});

itConformsToAdobeSpecs();
