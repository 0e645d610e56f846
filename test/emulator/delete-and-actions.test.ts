// DELETE (Adobe's status per resource by default, 202 or 204 for all configurable; refused while a flow uses
// the object) and flow enable/disable.
import { describe, expect, it } from "vitest";
import { ETAG_SHAPE, createDestination } from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { useEmulator } from "./helpers/harness.js";

const env = useEmulator();
const sources = useEmulator({ config: { deleteStatus: 204 } });

describe("DELETE", () => {
  it("answers 202 with an empty body, and a later GET answers 404 FLOW-1439-404", async () => {
    const { flowId } = await createDestination(env.api);
    const deleted = await env.api.flow("DELETE", `/flows/${flowId}`);
    expect(deleted.status).toBe(202);
    expect(deleted.text).toBe("");
    const got = await env.api.flow("GET", `/flows/${flowId}`);
    expect(got.status).toBe(404);
    expect(got.body).toMatchObject({
      type: "https://ns.adobe.com/aep/errors/FLOW-1439-404",
      title: "Resource not found",
      status: 404,
      report: { "detailed-message": expect.stringContaining(flowId), type: "flows" },
      errorMessage: `The requested flows resource ${flowId} is not found. Verify the resource ID before trying again.`,
      errorDetails: expect.any(String),
    });
  });

  it("answers 204 when the config asks for the sources spec's status", async () => {
    const { flowId } = await createDestination(sources.api);
    const deleted = await sources.api.flow("DELETE", `/flows/${flowId}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
  });

  it("answers FLOW-1418-400 for a base connection a flow uses through its target connection", async () => {
    const { accountId, flowId } = await createDestination(env.api);
    const result = await env.api.flow("DELETE", `/connections/${accountId}`);
    expect(result.status).toBe(400);
    expect(result.body.type).toBe("https://ns.adobe.com/aep/errors/FLOW-1418-400");
    expect(result.body.errorMessage).toContain(flowId);
  });

  it("answers FLOW-1418-400 for the Profile Service base connection a flow uses through its source connection", async () => {
    const { baseId } = await createDestination(env.api);
    expect((await env.api.flow("DELETE", `/connections/${baseId}`)).body.type).toBe(
      "https://ns.adobe.com/aep/errors/FLOW-1418-400",
    );
  });

  it("answers FLOW-1447-400 for a source or target connection a flow uses", async () => {
    const { sourceId, targetId } = await createDestination(env.api);
    for (const path of [`/sourceConnections/${sourceId}`, `/targetConnections/${targetId}`]) {
      const result = await env.api.flow("DELETE", path);
      expect(result.status).toBe(400);
      expect(result.body.type).toBe("https://ns.adobe.com/aep/errors/FLOW-1447-400");
    }
  });

  it("deletes in Adobe's order: flow, then target connection, then account", async () => {
    const d = await createDestination(env.api);
    for (const path of [
      `/flows/${d.flowId}`,
      `/targetConnections/${d.targetId}`,
      `/connections/${d.accountId}`,
      `/sourceConnections/${d.sourceId}`,
      `/connections/${d.baseId}`,
    ]) {
      // delete-destination-account.md: 204 for a connection; 202 for the rest (adobe-pages.test.ts).
      expect((await env.api.flow("DELETE", path)).status, path).toBe(path.startsWith("/connections/") ? 204 : 202);
      const gone = await env.api.flow("GET", path);
      expect(gone.status).toBe(404);
      expect(gone.body.report.type).toBe(path.split("/")[1]);
    }
  });

  it("answers 404 for an unknown id", async () => {
    expect((await env.api.flow("DELETE", "/targetConnections/nope")).status).toBe(404);
  });
});

describe("POST /flows/{id}/action", () => {
  it("disables and enables a flow, answering 200 {id, etag} with a new etag each time", async () => {
    const { flowId, flowEtag } = await createDestination(env.api);
    const disabled = await env.api.flow("POST", `/flows/${flowId}/action?op=disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body).toEqual({ id: flowId, etag: expect.stringMatching(ETAG_SHAPE) });
    expect(disabled.body.etag).not.toBe(flowEtag);
    expect((await env.api.flow("GET", `/flows/${flowId}`)).body.items[0]).toMatchObject({
      state: "disabled",
      etag: disabled.body.etag,
    });
    const enabled = await env.api.flow("POST", `/flows/${flowId}/action?op=ENABLE`);
    expect(enabled.body.etag).not.toBe(disabled.body.etag);
    expect((await env.api.flow("GET", `/flows/${flowId}`)).body.items[0].state).toBe("enabled");
  });

  it("makes an etag read before the action stale", async () => {
    const { flowId, flowEtag } = await createDestination(env.api);
    await env.api.flow("POST", `/flows/${flowId}/action?op=Disable`);
    const result = await env.api.flow("PATCH", `/flows/${flowId}`, {
      body: [{ op: "replace", path: "/name", value: "x" }],
      headers: { "if-match": flowEtag },
    });
    expect(result.status).toBe(412);
  });

  it("answers 400 for a missing or unsupported op", async () => {
    const { flowId } = await createDestination(env.api);
    expect((await env.api.flow("POST", `/flows/${flowId}/action`)).status).toBe(400);
    expect((await env.api.flow("POST", `/flows/${flowId}/action?op=publish`)).body.type).toBe(
      "https://ns.adobe.com/aep/errors/FLOW-1436-400",
    );
  });

  it("answers 404 for an unknown flow", async () => {
    expect((await env.api.flow("POST", "/flows/nope/action?op=enable")).status).toBe(404);
  });
});

itConformsToAdobeSpecs();
