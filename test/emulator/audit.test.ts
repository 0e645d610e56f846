// The Audit Query API (GET /data/foundation/audit/events): every successful Flow Service write leaves an
// event with the writer's e-mail, Adobe's action names (audit-query.yaml's enum) and the request's
// x-request-id, in the shape of events.md's example; sandboxes are kept apart; auditApi refuses it.
import { beforeEach, describe, expect, it } from "vitest";
import { UUID_SHAPE, createDestination, kinesisTarget } from "./helpers/builders.js";
import { checkExchanges, itConformsToAdobeSpecs } from "./helpers/contract.js";
import { ORG, useEmulator, type Json } from "./helpers/harness.js";
import { specsAvailable } from "./helpers/openapi.js";
import { AUDIT, auditPage, auditTrail } from "./helpers/operations.js";

const env = useEmulator();
const forbidden = useEmulator({ config: { auditApi: 403 } });
const absent = useEmulator({ config: { auditApi: 404 } });
const A = "5722a16f-5e1f-4732-91b6-3b03943f759a";
const B = "068d6e2c-b546-4c73-bfb7-9a9d33375659";
const SELECTORS = "/transformations/0/params";
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;

beforeEach(async () => {
  await env.api.admin("POST", "/reset");
});

const flowEtag = async (flowId: string): Promise<string> =>
  (await env.api.flow("GET", `/flows/${flowId}`)).body.items[0].etag;

const actions = (events: Json[]): string[] => events.map((e) => e.action);

describe("recording", () => {
  it("records each create with the API client's e-mail, the object as the asset and the request id sent", async () => {
    const created = await env.api.flow("POST", "/connections", {
      body: { name: "ups", connectionSpec: { id: "8a9c3494-9708-43d7-ae3f-cda01e5030e1", version: "1.0" } },
      headers: { "x-request-id": "trace-create-1" },
    });
    expect(created.headers.get("x-request-id")).toBe("trace-create-1");
    const [event] = await auditTrail(env.api);
    expect(event).toMatchObject({
      requestId: "trace-create-1",
      permissionResource: "Activation",
      permissionType: "WRITE",
      assetType: "Destination Account",
      action: "Create",
      status: "Allow",
      failureCode: "",
      version: "1.0",
      imsOrgId: ORG,
      region: "VA7",
      assetId: created.body.id,
      assetName: "ups",
      sandboxName: "prod",
      userEmail: "demo-client@techacct.adobe.com",
      userIpAddresses: [],
    });
    expect(event.id).toMatch(UUID_SHAPE);
    expect(event.authId).toMatch(UUID_SHAPE);
    expect(event.timestamp).toMatch(TIMESTAMP);
    expect(event.enhancedEvents).toEqual([
      expect.objectContaining({
        action: "Create",
        status: "Success",
        permissionType: "Write",
        assetId: created.body.id,
      }),
    ]);
  });

  it("names the destination's objects: accounts are Destination Account, the rest Destination", async () => {
    const d = await createDestination(env.api, { audiences: [A] });
    const trail = await auditTrail(env.api);
    expect(trail.map((e) => [e.action, e.assetType, e.assetId])).toEqual([
      ["Create", "Destination Account", d.baseId],
      ["Create", "Destination", d.sourceId],
      ["Create", "Destination Account", d.accountId],
      ["Create", "Destination", d.targetId],
      ["Create", "Destination", d.flowId],
    ]);
  });

  it("splits a flow PATCH into audience and attribute activations and removals, then Update, one request id", async () => {
    const d = await createDestination(env.api, { audiences: [A] });
    const patched = await env.api.flow("PATCH", `/flows/${d.flowId}`, {
      client: "ui-editor",
      headers: { "if-match": d.flowEtag, "x-request-id": "ui-edit-7" },
      body: [
        {
          op: "add",
          path: `${SELECTORS}/segmentSelectors/selectors/-`,
          value: { type: "PLATFORM_SEGMENT", value: { id: B, name: "Gold" } },
        },
        { op: "remove", path: `${SELECTORS}/segmentSelectors/selectors/0` },
        {
          op: "add",
          path: `${SELECTORS}/profileSelectors/selectors/-`,
          value: { type: "JSON_PATH", value: { path: "person.name.firstName" } },
        },
        { op: "replace", path: "/name", value: "Renamed in the UI" },
      ],
    });
    expect(patched.status).toBe(202);
    const edit = await auditTrail(env.api, "?property=requestId==ui-edit-7");
    expect(edit.map((e) => [e.action, e.permissionResource, e.enhancedEvents[0].assetId])).toEqual([
      ["Segment Activate", "ActivationAssociation", B],
      ["Segment Remove", "ActivationAssociation", A],
      ["Profile Activate", "ActivationAssociation", "person.name.firstName"],
      ["Update", "Activation", d.flowId],
    ]);
    expect(edit[0].enhancedEvents[0].assetName).toBe("Gold");
    for (const event of edit)
      expect(event).toMatchObject({
        assetId: d.flowId,
        assetName: "Renamed in the UI",
        userEmail: "ui-editor@example.com",
      });
    const removal = await env.api.flow("PATCH", `/flows/${d.flowId}`, {
      headers: { "if-match": await flowEtag(d.flowId) },
      body: [{ op: "remove", path: `${SELECTORS}/profileSelectors/selectors/0` }],
    });
    expect(removal.status).toBe(202);
    expect(actions((await auditTrail(env.api)).slice(-1))).toEqual(["Profile Remove"]);
  });

  it("tells two people in the UI apart, and records enable, disable, update and delete", async () => {
    const d = await createDestination(env.api, { audiences: [A] });
    await env.api.flow("POST", `/flows/${d.flowId}/action?op=disable`, { client: "ui-reviewer" });
    await env.api.flow("POST", `/flows/${d.flowId}/action?op=enable`, { client: "ui-editor" });
    const target = (await env.api.flow("GET", `/targetConnections/${d.targetId}`)).body.items[0];
    await env.api.flow("PATCH", `/targetConnections/${d.targetId}`, {
      headers: { "if-match": target.etag },
      body: [{ op: "replace", path: "/params/stream", value: "other-stream" }],
    });
    await env.api.flow("DELETE", `/flows/${d.flowId}`);
    const trail = (await auditTrail(env.api)).slice(5);
    expect(trail.map((e) => [e.action, e.userEmail, e.assetId])).toEqual([
      ["Disable", "ui-reviewer@example.com", d.flowId],
      ["Enable", "ui-editor@example.com", d.flowId],
      ["Update", "demo-client@techacct.adobe.com", d.targetId],
      ["Delete", "demo-client@techacct.adobe.com", d.flowId],
    ]);
    expect(trail[3].assetName).toBe("Kinesis destination");
  });

  it("records nothing for a refused write; a PATCH that changes nothing is still an Update", async () => {
    const d = await createDestination(env.api, { audiences: [A] });
    const stale = await env.api.flow("PATCH", `/flows/${d.flowId}`, {
      headers: { "if-match": '"00000000-0000-0200-0000-000000000000"' },
      body: [{ op: "replace", path: "/name", value: "x" }],
    });
    expect(stale.status).toBe(412);
    expect((await env.api.flow("POST", "/targetConnections", { body: kinesisTarget("no-such-account") })).status).toBe(
      400,
    );
    expect(await auditTrail(env.api)).toHaveLength(5);
    await env.api.flow("PATCH", `/flows/${d.flowId}`, {
      headers: { "if-match": d.flowEtag },
      body: [{ op: "replace", path: "/name", value: "Kinesis destination" }],
    });
    expect(actions((await auditTrail(env.api)).slice(5))).toEqual(["Update"]);
  });
});

describe("scope and refusals", () => {
  it("lists only the x-sandbox-name sandbox's events; the admin route lists every sandbox's, in order", async () => {
    await createDestination(env.api, { audiences: [A] });
    const dev = await createDestination(env.api, { sandbox: "dev", audiences: [A] });
    const prod = await auditTrail(env.api);
    expect(prod).toHaveLength(5);
    expect(prod.every((e) => e.sandboxName === "prod")).toBe(true);
    const inDev = await auditTrail(env.api, "", "dev");
    expect(inDev.map((e) => e.assetId)).toContain(dev.flowId);
    expect(inDev.every((e) => e.sandboxName === "dev")).toBe(true);
    const all = (await env.api.admin("GET", "/audit")).items as Json[];
    expect(all.map((e) => e.id)).toEqual([...prod, ...inDev].map((e) => e.id));
  });

  it("auditApi: 403 as the gateway refuses a key without the API, 404 as an unknown route", async () => {
    const refused = await forbidden.api.call("GET", AUDIT);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ error_code: "403003", message: "Api Key is invalid" });
    expect((await absent.api.call("GET", AUDIT)).status).toBe(404);
  });

  it("is counted in the metrics under its route", async () => {
    await auditPage(env.api);
    expect((await env.api.admin("GET", "/metrics")).byRoute[`GET ${AUDIT}`]).toBeGreaterThan(0);
  });

  it.skipIf(!specsAvailable)("is checked against audit-query.yaml: an action outside Adobe's enum is caught", () => {
    const body = { _embedded: { events: [{ action: "Rename", status: "Allow" }] }, _links: {} };
    const { violations } = checkExchanges([{ method: "GET", path: AUDIT, status: 200, body, text: "" }]);
    expect(violations.map((v) => v.spec)).toEqual(["audit-query.yaml"]);
  });
});

itConformsToAdobeSpecs();
