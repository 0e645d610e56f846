// PATCH: RFC 6902 add/replace/remove applied in order, If-Match compared exactly, server fields protected,
// the result re-validated, and a failing patch changes nothing. A flow's PATCH answers 202 without a body (the
// streaming tutorial; the {id, etag} mode is in adobe-pages.test.ts), so its new etag is read back with GET.
import { beforeEach, describe, expect, it } from "vitest";
import { ETAG_SHAPE, KINESIS, MEN_OVER_50, createDestination, type Destination } from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { useEmulator, type Json } from "./helpers/harness.js";

const env = useEmulator();
let dest: Destination;

beforeEach(async () => {
  dest = await createDestination(env.api, { audiences: ["a1", "a2", "a3"] });
});

const patchFlow = (ops: unknown, etag: string | null = dest.flowEtag, client?: string) =>
  env.api.flow("PATCH", `/flows/${dest.flowId}`, {
    body: ops,
    client,
    headers: etag === null ? {} : { "if-match": etag },
  });
const getFlow = async () => (await env.api.flow("GET", `/flows/${dest.flowId}`)).body.items[0];
const segmentIds = (flow: Json): string[] =>
  flow.transformations[0].params.segmentSelectors.selectors.map((s: Json) => s.value.id);

describe("PATCH /flows/{id}", () => {
  it("answers 202 without a body, with a new etag that GET then returns", async () => {
    const result = await patchFlow([{ op: "replace", path: "/name", value: "Winter campaign" }]);
    expect(result.status).toBe(202);
    expect(result.text).toBe("");
    const flow = await getFlow();
    expect(flow).toMatchObject({ name: "Winter campaign", etag: expect.stringMatching(ETAG_SHAPE) });
    expect(flow.version).toBe(flow.etag);
    expect(flow.etag).not.toBe(dest.flowEtag);
  });

  it("answers 400 FLOW-1403-400 when If-Match is missing", async () => {
    const result = await patchFlow([{ op: "replace", path: "/name", value: "x" }], null);
    expect(result.status).toBe(400);
    expect(result.body.type).toBe("https://ns.adobe.com/aep/errors/FLOW-1403-400");
  });

  it("answers 412 when If-Match is stale, with Adobe's version message", async () => {
    expect((await patchFlow([{ op: "replace", path: "/name", value: "first" }])).status).toBe(202);
    const current = (await getFlow()).etag;
    const stale = await patchFlow([{ op: "replace", path: "/name", value: "second" }]);
    expect(stale.status).toBe(412);
    expect(stale.body.type).toBe("https://ns.adobe.com/aep/errors/FLOW-1404-412");
    expect(stale.body.errorMessage).toBe(
      `Supplied version=[${dest.flowEtag}] does not match the current version on entity=[${current}]`,
    );
    expect((await getFlow()).name).toBe("first");
  });

  it("answers 412 when the etag is sent without its double quotes", async () => {
    const result = await patchFlow([{ op: "replace", path: "/name", value: "x" }], dest.flowEtag.replace(/"/g, ""));
    expect(result.status).toBe(412);
  });

  it("applies operations in order, as RFC 6902 says (remove 0 then 1 removes the first and third)", async () => {
    const result = await patchFlow([
      {
        op: "remove",
        path: "/transformations/0/params/segmentSelectors/selectors/0",
        value: { type: "PLATFORM_SEGMENT", value: {} },
      },
      { op: "remove", path: "/transformations/0/params/segmentSelectors/selectors/1" },
    ]);
    expect(result.status).toBe(202);
    expect(segmentIds(await getFlow())).toEqual(["a2"]);
  });

  it("accepts ops in any case", async () => {
    const result = await patchFlow([
      {
        op: "ADD",
        path: "/transformations/0/params/segmentSelectors/selectors/-",
        value: { type: "PLATFORM_SEGMENT", value: { id: MEN_OVER_50 } },
      },
    ]);
    expect(result.status).toBe(202);
    expect(segmentIds(await getFlow())).toEqual(["a1", "a2", "a3", MEN_OVER_50]);
  });

  it.each(["move", "copy", "test"])("answers FLOW-1434-400 for the unsupported op %s", async (op) => {
    const result = await patchFlow([{ op, from: "/name", path: "/description", value: "x" }]);
    expect(result.status).toBe(400);
    expect(result.body.type).toBe("https://ns.adobe.com/aep/errors/FLOW-1434-400");
  });

  it("answers FLOW-1455-400 for a path that does not resolve, naming it", async () => {
    const result = await patchFlow([{ op: "replace", path: "/transformations/3/params", value: {} }]);
    expect(result.status).toBe(400);
    expect(result.body.type).toBe("https://ns.adobe.com/aep/errors/FLOW-1455-400");
    expect(result.body.errorMessage).toContain("/transformations/3/params");
  });

  it("refuses to patch server-managed fields and the flow spec", async () => {
    for (const path of [
      "/id",
      "/etag",
      "/createdAt",
      "/state",
      "/inheritedAttributes/properties/isDestinationFlow",
      "/sandboxName",
    ]) {
      const result = await patchFlow([{ op: "replace", path, value: "x" }]);
      expect(result.body.type, path).toBe("https://ns.adobe.com/aep/errors/FLOW-1455-400");
    }
    expect((await patchFlow([{ op: "replace", path: "/flowSpec/id", value: "x" }])).body.type).toBe(
      "https://ns.adobe.com/aep/errors/FLOW-1414-400",
    );
  });

  it("re-validates the result: selectors keep their shape", async () => {
    const result = await patchFlow([
      {
        op: "add",
        path: "/transformations/0/params/segmentSelectors/selectors/-",
        value: { type: "PLATFORM_SEGMENT", value: { name: "no id" } },
      },
    ]);
    expect(result.status).toBe(400);
    expect(result.body.errorMessage).toContain("selectors[3].value.id' is required");
  });

  it("is atomic: a failing later op leaves the flow and its etag unchanged", async () => {
    const result = await patchFlow([
      { op: "replace", path: "/name", value: "changed" },
      { op: "remove", path: "/transformations/0/params/profileSelectors/selectors/7" },
    ]);
    expect(result.status).toBe(400);
    const flow = await getFlow();
    expect(flow.name).toBe("Kinesis destination");
    expect(flow.etag).toBe(dest.flowEtag);
  });

  it("stamps the ui-editor's edits as Adobe's UI does", async () => {
    const result = await patchFlow(
      [{ op: "replace", path: "/description", value: "edited in the UI" }],
      dest.flowEtag,
      "ui-editor",
    );
    expect(result.status).toBe(202);
    expect(await getFlow()).toMatchObject({
      createdBy: "demo-client",
      createdClient: "demo-client",
      updatedBy: "ui-editor@AdobeID",
      updatedClient: "exc_app",
    });
  });

  it("re-checks and re-derives replaced connection ids", async () => {
    const other = await createDestination(env.api, { name: "other" });
    const result = await patchFlow([{ op: "replace", path: "/targetConnectionIds", value: [other.targetId] }]);
    expect(result.status).toBe(202);
    expect((await getFlow()).inheritedAttributes.targetConnections[0]).toMatchObject({
      id: other.targetId,
      baseConnection: { id: other.accountId },
    });
    const missing = await patchFlow(
      [{ op: "replace", path: "/targetConnectionIds", value: ["nope"] }],
      (await getFlow()).etag,
    );
    expect(missing.body.errorMessage).toContain("nope");
  });
});

describe("PATCH on connections", () => {
  it("validates patched target params against the targetSpec", async () => {
    const target = (await env.api.flow("GET", `/targetConnections/${dest.targetId}`)).body.items[0];
    const bad = await env.api.flow("PATCH", `/targetConnections/${dest.targetId}`, {
      body: [{ op: "remove", path: "/params/stream" }],
      headers: { "if-match": target.etag },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errorMessage).toContain("'params.stream' is required");
    const good = await env.api.flow("PATCH", `/targetConnections/${dest.targetId}`, {
      body: [{ op: "add", path: "/params/includeSegmentNames", value: true }],
      headers: { "if-match": target.etag },
    });
    expect(good.status).toBe(200);
  });

  it("rotates credentials with replace /auth/params and keeps them masked", async () => {
    const account = (await env.api.flow("GET", `/connections/${dest.accountId}`)).body.items[0];
    const params = { accessKeyId: "AKIA2", secretKey: "rotated", region: "eu-west-1" };
    const result = await env.api.flow("PATCH", `/connections/${dest.accountId}`, {
      body: [{ op: "replace", path: "/auth/params", value: params }],
      headers: { "if-match": account.etag },
    });
    expect(result.status).toBe(200);
    const after = (await env.api.flow("GET", `/connections/${dest.accountId}`)).body.items[0];
    expect(after.auth.params).toEqual({ ...params, secretKey: "***" });
    const state = await env.api.admin("GET", "/state");
    expect(
      state.sandboxes.prod.connections.find((c: { id: string }) => c.id === dest.accountId).auth.params.secretKey,
    ).toBe("rotated");
  });

  it("refuses to echo the mask back as a secret", async () => {
    const account = (await env.api.flow("GET", `/connections/${dest.accountId}`)).body.items[0];
    const result = await env.api.flow("PATCH", `/connections/${dest.accountId}`, {
      body: [{ op: "replace", path: "/auth/params", value: account.auth.params }],
      headers: { "if-match": account.etag },
    });
    expect(result.status).toBe(400);
    expect(result.body.errorMessage).toContain("auth.params.secretKey");
  });

  it("answers FLOW-1414-400 for a connection spec change", async () => {
    const account = (await env.api.flow("GET", `/connections/${dest.accountId}`)).body.items[0];
    const result = await env.api.flow("PATCH", `/connections/${dest.accountId}`, {
      body: [{ op: "replace", path: "/connectionSpec", value: KINESIS }],
      headers: { "if-match": account.etag },
    });
    expect(result.body.type).toBe("https://ns.adobe.com/aep/errors/FLOW-1414-400");
  });

  it("keeps flows' inherited attributes current when a target connection moves to another account", async () => {
    const other = await createDestination(env.api, { name: "other" });
    const target = (await env.api.flow("GET", `/targetConnections/${dest.targetId}`)).body.items[0];
    const result = await env.api.flow("PATCH", `/targetConnections/${dest.targetId}`, {
      body: [{ op: "replace", path: "/baseConnectionId", value: other.accountId }],
      headers: { "if-match": target.etag },
    });
    expect(result.status).toBe(200);
    const flow = await getFlow();
    expect(flow.inheritedAttributes.targetConnections[0].baseConnection.id).toBe(other.accountId);
    expect(flow.etag).toBe(dest.flowEtag);
  });

  it("answers 404 for an object that does not exist", async () => {
    const result = await env.api.flow("PATCH", "/sourceConnections/missing", {
      body: [{ op: "replace", path: "/name", value: "x" }],
      headers: { "if-match": '"x"' },
    });
    expect(result.status).toBe(404);
  });
});

itConformsToAdobeSpecs();
