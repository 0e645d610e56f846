// The Kinesis and Event Hubs connection specs as draft-07 JSON Schemas, target params validated against
// them on create and PATCH, and `connectionSpecOverrides` serving (and enforcing) a spec without a param.
import { describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { EVENT_HUBS, KINESIS, eventHubsAccount, kinesisAccount, kinesisTarget } from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { useEmulator, type TestClient } from "./helpers/harness.js";

const DRAFT_07 = "http://json-schema.org/draft-07/schema#";
const env = useEmulator();
const trimmed = useEmulator({
  config: {
    connectionSpecOverrides: {
      [KINESIS.id]: { removeTargetParams: ["includeSegmentTimestamps"], removeAuthParams: ["connectionUrl"] },
    },
  },
});

async function spec(api: TestClient, id: string) {
  const result = await api.flow("GET", `/connectionSpecs/${id}`);
  expect(result.status).toBe(200);
  return result.body.items[0];
}

describe("GET /connectionSpecs/{id}", () => {
  it("serves Kinesis's auth and target params as draft-07 JSON Schemas", async () => {
    const kinesis = await spec(env.api, KINESIS.id);
    const auth = kinesis.authSpec[0];
    expect(auth.name).toBe("Aws Kinesis authentication credentials");
    expect(auth.spec).toMatchObject({
      $schema: DRAFT_07,
      type: "object",
      required: ["accessKeyId", "secretKey", "region"],
      properties: {
        accessKeyId: { type: "string", description: expect.any(String) },
        secretKey: { type: "string", format: "password", description: expect.any(String) },
        region: { type: "string", description: expect.any(String) },
      },
    });
    expect(kinesis.targetSpec.spec).toMatchObject({
      $schema: DRAFT_07,
      type: "object",
      required: ["stream", "region"],
      additionalProperties: false,
      properties: {
        stream: { type: "string", description: expect.any(String) },
        region: { type: "string", description: expect.any(String) },
        includeSegmentNames: { type: "boolean", description: expect.any(String) },
        includeSegmentTimestamps: { type: "boolean", description: expect.any(String) },
      },
    });
  });

  it("serves Event Hubs's auth and target params as draft-07 JSON Schemas", async () => {
    const hubs = await spec(env.api, EVENT_HUBS.id);
    expect(hubs.authSpec[0]).toMatchObject({
      name: "Azure EventHub authentication credentials",
      spec: {
        $schema: DRAFT_07,
        required: ["sasKeyName", "sasKey", "namespace"],
        properties: { sasKey: { type: "string", format: "password" } },
      },
    });
    expect(hubs.targetSpec.spec).toMatchObject({
      required: ["eventHubName"],
      additionalProperties: false,
      properties: {
        eventHubName: { type: "string" },
        includeSegmentNames: { type: "boolean" },
        includeSegmentTimestamps: { type: "boolean" },
      },
    });
  });
});

describe("target params against the targetSpec", () => {
  it("refuses an Event Hubs target without eventHubName and with an unknown param, naming them", async () => {
    const account = (await env.api.flow("POST", "/connections", { body: eventHubsAccount() })).body.id;
    const result = await env.api.flow("POST", "/targetConnections", {
      body: { ...kinesisTarget(account, { hub: "x" }), connectionSpec: EVENT_HUBS },
    });
    expect(result.status).toBe(400);
    expect(result.body.type).toBe("https://ns.adobe.com/aep/errors/FLOW-1451-400");
    expect(result.body.errorMessage).toContain("'params.eventHubName' is required");
    expect(result.body.errorMessage).toContain("'params.hub' is not an allowed field");
  });

  it("re-validates a PATCHed target connection", async () => {
    const account = (await env.api.flow("POST", "/connections", { body: kinesisAccount() })).body.id;
    const target = await env.api.flow("POST", "/targetConnections", { body: kinesisTarget(account) });
    const result = await env.api.flow("PATCH", `/targetConnections/${target.body.id}`, {
      body: [{ op: "add", path: "/params/includeSegmentNames", value: "yes" }],
      headers: { "if-match": target.body.etag },
    });
    expect(result.status).toBe(400);
    expect(result.body.errorMessage).toContain("'params.includeSegmentNames' must be boolean");
  });
});

describe("connectionSpecOverrides", () => {
  it("serves the spec without the removed params", async () => {
    const kinesis = await spec(trimmed.api, KINESIS.id);
    expect(Object.keys(kinesis.targetSpec.spec.properties)).toEqual(["stream", "region", "includeSegmentNames"]);
    expect(Object.keys(kinesis.authSpec[0].spec.properties)).not.toContain("connectionUrl");
    const listed = (await trimmed.api.flow("GET", "/connectionSpecs")).body.items.find(
      (s: { id: string }) => s.id === KINESIS.id,
    );
    expect(listed.targetSpec.spec.properties.includeSegmentTimestamps).toBeUndefined();
    expect((await spec(env.api, KINESIS.id)).targetSpec.spec.properties.includeSegmentTimestamps).toBeDefined();
  });

  it("refuses the removed param on create and on PATCH, and still takes the others", async () => {
    const account = (await trimmed.api.flow("POST", "/connections", { body: kinesisAccount() })).body.id;
    const refused = await trimmed.api.flow("POST", "/targetConnections", {
      body: kinesisTarget(account, { stream: "s", region: "eu-central-1", includeSegmentTimestamps: true }),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errorMessage).toContain("'params.includeSegmentTimestamps' is not an allowed field");
    const created = await trimmed.api.flow("POST", "/targetConnections", {
      body: kinesisTarget(account, { stream: "s", region: "eu-central-1", includeSegmentNames: true }),
    });
    expect(created.status).toBe(201);
    const patched = await trimmed.api.flow("PATCH", `/targetConnections/${created.body.id}`, {
      body: [{ op: "add", path: "/params/includeSegmentTimestamps", value: true }],
      headers: { "if-match": created.body.etag },
    });
    expect(patched.status).toBe(400);
    const auth = await trimmed.api.flow("POST", "/connections", {
      body: kinesisAccount("k", { connectionUrl: "https://kinesis.eu-central-1.amazonaws.com" }),
    });
    expect(auth.body.errorMessage).toContain("'auth.params.connectionUrl' is not an allowed field");
  });

  it("refuses an override of an unknown spec or param at start", async () => {
    await expect(
      startEmulator({ config: { connectionSpecOverrides: { "no-such-spec": { removeTargetParams: ["x"] } } } }),
    ).rejects.toThrow(/no-such-spec/);
    await expect(
      startEmulator({ config: { connectionSpecOverrides: { [KINESIS.id]: { removeTargetParams: ["streamName"] } } } }),
    ).rejects.toThrow(/streamName/);
  });
});

itConformsToAdobeSpecs();
