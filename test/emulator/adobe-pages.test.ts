// Behaviours the emulator takes from Adobe's pages, each with the line it follows (docs/emulator.md):
// a flow PATCH's "202 … No response body is returned", DELETE's status per resource, and `count`.
import { beforeEach, describe, expect, it } from "vitest";
import { ETAG_SHAPE, createDestination, type Destination } from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { useEmulator, type TestClient } from "./helpers/harness.js";

const env = useEmulator();
const etagMode = useEmulator({ config: { flowPatchResponse: "etag" } });
const uniform202 = useEmulator({ config: { deleteStatus: 202 } });
const uniform204 = useEmulator({ config: { deleteStatus: "204" as never } });

const rename = (api: TestClient, d: { flowId: string }, etag: string, name: string) =>
  api.flow("PATCH", `/flows/${d.flowId}`, {
    body: [{ op: "replace", path: "/name", value: name }],
    headers: { "if-match": etag },
  });
const flowOf = async (api: TestClient, id: string) => (await api.flow("GET", `/flows/${id}`)).body.items[0];

describe("PATCH /flows/{id} answers as Adobe's pages say", () => {
  it('answers 202 without a body by default: streaming-destinations.md "Look for a 202 OK response. No response body is returned."', async () => {
    const d = await createDestination(env.api);
    const result = await rename(env.api, d, d.flowEtag, "Winter campaign");
    expect(result.status).toBe(202);
    expect(result.text).toBe("");
    // The update landed, with a new etag the client reads back (the tutorial's "Validate the data flow").
    const flow = await flowOf(env.api, d.flowId);
    expect(flow.name).toBe("Winter campaign");
    expect(flow.etag).toMatch(ETAG_SHAPE);
    expect(flow.etag).not.toBe(d.flowEtag);
    expect((await rename(env.api, d, d.flowEtag, "stale")).status).toBe(412);
    expect((await rename(env.api, d, flow.etag, "Spring campaign")).status).toBe(202);
  });

  it("answers 200 {id, etag} with flowPatchResponse: etag, as update-destination-dataflows.md's examples show", async () => {
    const d = await createDestination(etagMode.api);
    const result = await rename(etagMode.api, d, d.flowEtag, "Winter campaign");
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ id: d.flowId, etag: expect.stringMatching(ETAG_SHAPE) });
    expect((await flowOf(etagMode.api, d.flowId)).etag).toBe(result.body.etag);
  });

  it("leaves PATCH of connections and target connections at 200 {id, etag} (edit-destination.md) in both modes", async () => {
    for (const api of [env.api, etagMode.api]) {
      const d = await createDestination(api);
      const target = (await api.flow("GET", `/targetConnections/${d.targetId}`)).body.items[0];
      const result = await api.flow("PATCH", `/targetConnections/${d.targetId}`, {
        body: [{ op: "replace", path: "/params", value: { stream: "other", region: "eu-central-1" } }],
        headers: { "if-match": target.etag },
      });
      expect(result.status).toBe(200);
      expect(result.body).toEqual({ id: d.targetId, etag: expect.stringMatching(ETAG_SHAPE) });
    }
  });
});

describe("DELETE answers with the status Adobe documents for each resource", () => {
  const deleteAll = async (api: TestClient) => {
    const d = await createDestination(api);
    const statuses: Record<string, number> = {};
    for (const [key, path] of [
      ["flow", `/flows/${d.flowId}`],
      ["target connection", `/targetConnections/${d.targetId}`],
      ["account", `/connections/${d.accountId}`],
      ["source connection", `/sourceConnections/${d.sourceId}`],
      ["base connection", `/connections/${d.baseId}`],
    ] as const) {
      const result = await api.flow("DELETE", path);
      expect(result.text, path).toBe("");
      statuses[key] = result.status;
      expect((await api.flow("GET", path)).status, path).toBe(404);
    }
    return statuses;
  };

  it("by default: 204 for a base connection (delete-destination-account.md), 202 for the rest (delete-destination-dataflow.md, destinations.yaml)", async () => {
    expect(await deleteAll(env.api)).toEqual({
      flow: 202,
      "target connection": 202,
      account: 204,
      "source connection": 202,
      "base connection": 204,
    });
  });

  it("one status for every resource when deleteStatus says so (202, or 204 spelled as a string)", async () => {
    expect(new Set(Object.values(await deleteAll(uniform202.api)))).toEqual(new Set([202]));
    expect(new Set(Object.values(await deleteAll(uniform204.api)))).toEqual(new Set([204]));
  });
});

describe("count, as sort-and-filter.md describes it", () => {
  let d: Destination;
  beforeEach(async () => {
    await env.api.admin("POST", "/reset");
    d = await createDestination(env.api);
    await createDestination(env.api, { name: "Second", baseId: d.baseId, sourceId: d.sourceId });
  });

  it('"Any filtering query can be appended with `count` … `true`": every list answers {count}, whatever the case of true', async () => {
    const cases: [string, number][] = [
      ["/flows?property=state==enabled&count=true", 2],
      ["/flows?property=name==Second&count=True", 1],
      ["/flows?count=TRUE", 2],
      ["/connections?count=True", 3],
      [`/connections?property=id==${d.accountId}&count=True`, 1],
      ["/sourceConnections?count=True", 1],
      [`/targetConnections?property=baseConnectionId==${d.accountId}&count=True`, 1],
      ["/connectionSpecs?count=True", 3],
      ["/flowSpecs?count=True", 1],
      ["/runs?count=True", 0],
    ];
    for (const [path, count] of cases) {
      const result = await env.api.flow("GET", path);
      expect(result.status, path).toBe(200);
      expect(result.body, path).toEqual({ count });
    }
  });

  it("count=false (any case) lists; a value that is not a boolean is refused, not ignored", async () => {
    expect((await env.api.flow("GET", "/flows?count=False")).body.items).toHaveLength(2);
    const bad = await env.api.flow("GET", "/flows?count=yes");
    expect(bad.status).toBe(400);
    expect(bad.body.type).toBe("https://ns.adobe.com/aep/errors/FLOW-1451-400");
    expect(bad.body.errorMessage).toContain("count");
  });

  it("refuses count=True with limit (FLOW-1401-400), as count=true", async () => {
    const result = await env.api.flow("GET", "/flows?count=True&limit=5");
    expect(result.status).toBe(400);
    expect(result.body.type).toBe("https://ns.adobe.com/aep/errors/FLOW-1401-400");
  });

  it("counts what a continuation token's filters match", async () => {
    const page = await env.api.flow("GET", "/flows?property=state==enabled&limit=1");
    const token = new URL(page.body._links.next.href, "http://x").searchParams.get("continuationToken")!;
    const counted = await env.api.flow("GET", `/flows?continuationToken=${token}&count=true`);
    expect(counted.body).toEqual({ count: 2 });
  });
});

itConformsToAdobeSpecs();
