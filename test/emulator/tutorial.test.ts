// Adobe's "Connect to streaming destinations and activate data" tutorial, request by request.
import { describe, expect, it } from "vitest";
import {
  ETAG_SHAPE,
  EVENT_HUBS,
  FLOW_SPEC,
  KINESIS,
  MEN_OVER_50,
  UPS,
  UUID_SHAPE,
  eventHubsAccount,
} from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { ORG, useEmulator } from "./helpers/harness.js";

const env = useEmulator();

describe("the streaming destination tutorial", () => {
  it("runs GET connectionSpecs → base → source → account → target → flow → PATCH → GET with the documented shapes", async () => {
    const { api } = env;
    const specs = await api.flow("GET", "/connectionSpecs");
    expect(specs.status).toBe(200);
    const kinesis = specs.body.items.find((s: { id: string }) => s.id === KINESIS.id);
    expect(kinesis).toMatchObject({
      name: "Amazon Kinesis",
      version: "1.0",
      authSpec: [{ name: "Aws Kinesis authentication credentials" }],
    });
    expect(kinesis.authSpec[0].spec.properties.secretKey).toMatchObject({ type: "string", format: "password" });
    expect(kinesis.targetSpec.spec.required).toEqual(["stream", "region"]);
    expect(kinesis.sourceSpec).toBeDefined();

    const base = await api.flow("POST", "/connections", {
      body: { name: "Base connection to Experience Platform", description: "d", connectionSpec: UPS },
    });
    expect(base.status).toBe(201);
    expect(base.body).toEqual({ id: expect.stringMatching(UUID_SHAPE), etag: expect.stringMatching(ETAG_SHAPE) });

    const source = await api.flow("POST", "/sourceConnections", {
      body: {
        name: "Connecting to Profile Service",
        description: "Optional",
        connectionSpec: UPS,
        baseConnectionId: base.body.id,
        data: { format: "json" },
        params: {},
      },
    });
    expect(source.status).toBe(201);

    const account = await api.flow("POST", "/connections", {
      body: {
        name: "Connection for Amazon Kinesis",
        description: "summer campaign",
        connectionSpec: KINESIS,
        auth: {
          specName: "Aws Kinesis authentication credentials",
          params: { accessKeyId: "AKIA1", secretKey: "very-secret", region: "us-east-1" },
        },
      },
    });
    expect(account.status).toBe(201);

    const target = await api.flow("POST", "/targetConnections", {
      body: {
        name: "Amazon Kinesis target connection",
        description: "d",
        baseConnectionId: account.body.id,
        connectionSpec: KINESIS,
        data: { format: "json" },
        params: { stream: "profiles", region: "us-east-1" },
      },
    });
    expect(target.status).toBe(201);

    const flow = await api.flow("POST", "/flows", {
      body: {
        name: "Amazon Kinesis",
        description: "Amazon Kinesis",
        flowSpec: FLOW_SPEC,
        sourceConnectionIds: [source.body.id],
        targetConnectionIds: [target.body.id],
        transformations: [
          {
            name: "GeneralTransform",
            params: { profileSelectors: { selectors: [] }, segmentSelectors: { selectors: [] } },
          },
        ],
      },
    });
    expect(flow.status).toBe(201);

    const patch = await api.flow("PATCH", `/flows/${flow.body.id}`, {
      headers: { "if-match": flow.body.etag },
      body: [
        {
          op: "add",
          path: "/transformations/0/params/segmentSelectors/selectors/-",
          value: { type: "PLATFORM_SEGMENT", value: { name: "Men over 50", description: "", id: MEN_OVER_50 } },
        },
        {
          op: "add",
          path: "/transformations/0/params/profileSelectors/selectors/-",
          value: { type: "JSON_PATH", value: { path: "personalEmail.address", operator: "EXISTS" } },
        },
      ],
    });
    // "Look for a 202 OK response. No response body is returned. To validate that the request was correct,
    // see the next step, Validate the data flow."
    expect(patch.status).toBe(202);
    expect(patch.text).toBe("");

    const got = await api.flow("GET", `/flows/${flow.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.items).toHaveLength(1);
    const item = got.body.items[0];
    expect(item.etag).toMatch(ETAG_SHAPE);
    expect(item.etag).not.toBe(flow.body.etag);
    expect(item).toMatchObject({
      id: flow.body.id,
      createdBy: "demo-client",
      createdClient: "demo-client",
      sandboxName: "prod",
      imsOrgId: ORG,
      flowSpec: FLOW_SPEC,
      state: "enabled",
      version: item.etag,
      sourceConnectionIds: [source.body.id],
      targetConnectionIds: [target.body.id],
      inheritedAttributes: {
        properties: { isDestinationFlow: true },
        sourceConnections: [
          { id: source.body.id, connectionSpec: UPS, baseConnection: { id: base.body.id, connectionSpec: UPS } },
        ],
        targetConnections: [
          {
            id: target.body.id,
            connectionSpec: KINESIS,
            baseConnection: { id: account.body.id, connectionSpec: KINESIS },
          },
        ],
      },
    });
    expect(item.transformations[0].params.segmentSelectors.selectors).toEqual([
      { type: "PLATFORM_SEGMENT", value: { name: "Men over 50", description: "", id: MEN_OVER_50 } },
    ]);
    expect(item.transformations[0].params.profileSelectors.selectors).toEqual([
      { type: "JSON_PATH", value: { path: "personalEmail.address", operator: "EXISTS" } },
    ]);
    expect(typeof item.createdAt).toBe("number");
    expect(item.updatedAt).toBeGreaterThanOrEqual(item.createdAt);
  });

  it("creates an Azure Event Hubs destination the same way", async () => {
    const { api } = env;
    const base = await api.flow("POST", "/connections", { body: { name: "UPS", connectionSpec: UPS } });
    const source = await api.flow("POST", "/sourceConnections", {
      body: { name: "UPS source", connectionSpec: UPS, baseConnectionId: base.body.id, data: { format: "json" } },
    });
    const account = await api.flow("POST", "/connections", { body: eventHubsAccount() });
    expect(account.status).toBe(201);
    const target = await api.flow("POST", "/targetConnections", {
      body: {
        name: "Event Hubs target",
        baseConnectionId: account.body.id,
        connectionSpec: EVENT_HUBS,
        data: { format: "json" },
        params: { eventHubName: "profiles", includeSegmentNames: true },
      },
    });
    expect(target.status).toBe(201);
    const flow = await api.flow("POST", "/flows", {
      body: {
        name: "Azure Event Hubs",
        flowSpec: FLOW_SPEC,
        sourceConnectionIds: [source.body.id],
        targetConnectionIds: [target.body.id],
        transformations: [
          {
            name: "GeneralTransform",
            params: { profileSelectors: { selectors: [] }, segmentSelectors: { selectors: [] } },
          },
        ],
      },
    });
    expect(flow.status).toBe(201);
    const got = await api.flow("GET", `/flows/${flow.body.id}`);
    expect(got.body.items[0].inheritedAttributes.targetConnections[0].connectionSpec).toEqual(EVENT_HUBS);
    expect(got.body.items[0].description).toBe("");
  });

  it("lists destination flows with the isDestinationFlow filter Adobe documents", async () => {
    const listed = await env.api.flow("GET", "/flows?property=inheritedAttributes.properties.isDestinationFlow==true");
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((f: { name: string }) => f.name)).toEqual(["Azure Event Hubs", "Amazon Kinesis"]);
    expect(listed.body._links.next).toBeUndefined();
  });
});

itConformsToAdobeSpecs();
