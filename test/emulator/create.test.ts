// Creates: 201 {id, etag}, bodies validated against the request schemas and the connection spec's
// authSpec/targetSpec, references checked inside the sandbox, server-managed fields stamped, secrets masked.
import { describe, expect, it } from "vitest";
import {
  ETAG_SHAPE,
  FLOW_SPEC,
  KINESIS,
  UPS,
  createDestination,
  flowBody,
  kinesisAccount,
  kinesisTarget,
  selectors,
  upsBase,
  upsSource,
} from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { useEmulator } from "./helpers/harness.js";

const env = useEmulator();
const post = (path: string, body: unknown, client?: string) => env.api.flow("POST", path, { body, client });

async function account(): Promise<string> {
  return (await post("/connections", kinesisAccount())).body.id;
}

describe("creating connections", () => {
  it("answers 400 FLOW-1413-400 with Adobe's message for an unknown connection spec", async () => {
    const result = await post("/connections", {
      name: "x",
      connectionSpec: { id: "00000000-0000-0000-0000-000000000000", version: "1.0" },
    });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({
      type: "https://ns.adobe.com/aep/errors/FLOW-1413-400",
      status: 400,
      message: "Please provide a valid spec id",
    });
    expect(result.body.errorMessage).toContain("connectionSpec.id");
  });

  it("answers 422 when connectionSpec.version is missing", async () => {
    const result = await post("/connections", { name: "x", connectionSpec: { id: KINESIS.id } });
    expect(result.status).toBe(422);
    expect(result.body.errorMessage).toContain("connectionSpec.version");
  });

  it("names every missing or unknown field of the body", async () => {
    const result = await post("/connections", { description: "no name", connectionSpec: UPS, colour: "blue" });
    expect(result.status).toBe(400);
    expect(result.body.type).toBe("https://ns.adobe.com/aep/errors/FLOW-1451-400");
    expect(result.body.errorMessage).toContain("'name' is required");
    expect(result.body.errorMessage).toContain("'colour' is not an allowed field");
  });

  it("answers 400 FLOW-1405-400 for an empty body and 400 for invalid JSON", async () => {
    expect((await post("/connections", {})).body.type).toBe("https://ns.adobe.com/aep/errors/FLOW-1405-400");
    const broken = await env.api.flow("POST", "/connections", { headers: { "content-type": "application/json" } });
    expect(broken.status).toBe(400);
  });

  it("validates credentials against the spec's authSpec and names the bad field", async () => {
    const missing = await post("/connections", {
      ...kinesisAccount(),
      auth: { specName: "Aws Kinesis authentication credentials", params: { accessKeyId: "a", secretKey: "b" } },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errorMessage).toContain("'auth.params.region' is required");
    const wrongType = await post("/connections", kinesisAccount("k", { secretKey: 42 }));
    expect(wrongType.body.errorMessage).toContain("'auth.params.secretKey' must be string");
  });

  it("answers 400 FLOW-1415-400 for an auth spec name the connection spec does not have", async () => {
    const result = await post("/connections", { ...kinesisAccount(), auth: { specName: "Access Key", params: {} } });
    expect(result.body.type).toBe("https://ns.adobe.com/aep/errors/FLOW-1415-400");
    expect(result.body.errorMessage).toContain("Aws Kinesis authentication credentials");
  });

  it("requires credentials for Kinesis and refuses them for Profile Service", async () => {
    expect((await post("/connections", { name: "k", connectionSpec: KINESIS })).body.errorMessage).toContain(
      "'auth' is required",
    );
    expect((await post("/connections", { ...upsBase(), auth: { specName: "x", params: {} } })).status).toBe(400);
  });

  it("never echoes format: password fields, on GET or in lists", async () => {
    const id = await account();
    const got = await env.api.flow("GET", `/connections/${id}`);
    expect(got.body.items[0].auth).toEqual({
      specName: "Aws Kinesis authentication credentials",
      params: { accessKeyId: "AKIAEXAMPLE", secretKey: "***", region: "eu-central-1" },
    });
    const listed = await env.api.flow("GET", `/connections?property=id==${id}`);
    expect(listed.body.items[0].auth.params.secretKey).toBe("***");
    expect(listed.text).not.toContain("s3cr3t-key");
  });

  it("refuses the mask as a secret value", async () => {
    const result = await post("/connections", kinesisAccount("k", { secretKey: "***" }));
    expect(result.status).toBe(400);
    expect(result.body.errorMessage).toContain("auth.params.secretKey");
  });

  it("stamps the server-managed fields of a client-credentials caller", async () => {
    const id = (await post("/connections", upsBase())).body.id;
    const item = (await env.api.flow("GET", `/connections/${id}`)).body.items[0];
    expect(item).toMatchObject({
      createdBy: "demo-client",
      updatedBy: "demo-client",
      createdClient: "demo-client",
      updatedClient: "demo-client",
      sandboxName: "prod",
      state: "enabled",
    });
    expect(item.sandboxId).toMatch(/^[0-9a-f-]{36}$/);
    expect(item.etag).toMatch(ETAG_SHAPE);
    expect(item.version).toBe(item.etag);
  });

  it("stamps exc_app and the person's Adobe ID for the ui-editor client", async () => {
    const id = (await post("/connections", upsBase(), "ui-editor")).body.id;
    const item = (await env.api.flow("GET", `/connections/${id}`)).body.items[0];
    expect(item).toMatchObject({
      createdBy: "ui-editor@AdobeID",
      createdClient: "exc_app",
      updatedBy: "ui-editor@AdobeID",
      updatedClient: "exc_app",
    });
  });
});

describe("creating source and target connections", () => {
  it("validates target params against the targetSpec and names the bad field", async () => {
    const base = await account();
    const missing = await post("/targetConnections", kinesisTarget(base, { region: "eu-central-1" }));
    expect(missing.status).toBe(400);
    expect(missing.body.errorMessage).toContain("'params.stream' is required");
    const typo = await post(
      "/targetConnections",
      kinesisTarget(base, { stream: "s", region: "r", includeSegmentName: true }),
    );
    expect(typo.body.errorMessage).toContain("'params.includeSegmentName' is not an allowed field");
    const wrongType = await post(
      "/targetConnections",
      kinesisTarget(base, { stream: "s", region: "r", includeSegmentNames: "yes" }),
    );
    expect(wrongType.body.errorMessage).toContain("'params.includeSegmentNames' must be boolean");
  });

  it("answers 400 naming a base connection that does not exist", async () => {
    const result = await post("/targetConnections", kinesisTarget("6e4a1a5c-0000-4000-8000-000000000000"));
    expect(result.status).toBe(400);
    expect(result.body.errorMessage).toContain("6e4a1a5c-0000-4000-8000-000000000000");
    expect(result.body.errorMessage).toContain("baseConnectionId");
  });

  it("requires a base connection of the same spec for a destination target", async () => {
    expect(
      (await post("/targetConnections", { ...kinesisTarget("x"), baseConnectionId: undefined })).body.errorMessage,
    ).toContain("'baseConnectionId' is required");
    const ups = (await post("/connections", upsBase())).body.id;
    expect((await post("/targetConnections", kinesisTarget(ups))).body.errorMessage).toContain("uses connection spec");
  });

  it("refuses a target connection on a spec without targetSpec", async () => {
    const ups = (await post("/connections", upsBase())).body.id;
    const result = await post("/targetConnections", { ...kinesisTarget(ups), connectionSpec: UPS });
    expect(result.body.errorMessage).toContain("cannot be used for target connections");
  });

  it("gives source and target connections their inherited base connection", async () => {
    const base = (await post("/connections", upsBase())).body.id;
    const source = (await post("/sourceConnections", upsSource(base))).body.id;
    const item = (await env.api.flow("GET", `/sourceConnections/${source}`)).body.items[0];
    expect(item.inheritedAttributes).toEqual({ baseConnection: { id: base, connectionSpec: UPS } });
    expect(item.typeInfo).toEqual({ type: "ProfileFragments", id: "ups" });
  });
});

describe("creating flows", () => {
  it("answers 400 FLOW-1410-400 when the body sends state", async () => {
    const result = await post("/flows", { ...flowBody("a", "b"), state: "enabled" });
    expect(result.body.type).toBe("https://ns.adobe.com/aep/errors/FLOW-1410-400");
  });

  it("answers FLOW-1413-400 for an unknown flow spec", async () => {
    const result = await post("/flows", {
      ...flowBody("a", "b"),
      flowSpec: { id: "9753525b-82c7-4dce-8a9b-5ccfce2b9876", version: "1.0" },
    });
    expect(result.body.type).toBe("https://ns.adobe.com/aep/errors/FLOW-1413-400");
  });

  it("answers 400 naming the source or target connection that does not exist", async () => {
    const { sourceId } = await createDestination(env.api);
    const result = await post("/flows", flowBody(sourceId, "f00dfeed-0000-4000-8000-000000000000"));
    expect(result.status).toBe(400);
    expect(result.body.errorMessage).toContain("targetConnectionIds");
    expect(result.body.errorMessage).toContain("f00dfeed-0000-4000-8000-000000000000");
  });

  it("validates the transformation and selector shapes", async () => {
    const { sourceId, targetId } = await createDestination(env.api);
    const bad = [
      {
        name: "GeneralTransform",
        params: { segmentSelectors: { selectors: [{ type: "SEGMENT", value: { name: "no id" } }] } },
      },
    ];
    const result = await post("/flows", flowBody(sourceId, targetId, "bad", bad));
    expect(result.status).toBe(400);
    expect(result.body.errorMessage).toContain(
      "'transformations[0].params.segmentSelectors.selectors[0].type' must be \"PLATFORM_SEGMENT\"",
    );
    expect(result.body.errorMessage).toContain(
      "'transformations[0].params.segmentSelectors.selectors[0].value.id' is required",
    );
    const path = [
      {
        name: "GeneralTransform",
        params: { profileSelectors: { selectors: [{ type: "JSON_PATH", value: { operator: "EXISTS" } }] } },
      },
    ];
    expect((await post("/flows", flowBody(sourceId, targetId, "bad", path))).body.errorMessage).toContain(
      "value.path' is required",
    );
  });

  it("refuses connections whose spec the flow spec does not take", async () => {
    const { sourceId, targetId } = await createDestination(env.api);
    const result = await post("/flows", { ...flowBody(sourceId, targetId), sourceConnectionIds: [targetId] });
    expect(result.body.errorMessage).toContain("sourceConnectionIds");
  });

  it("creates flows enabled, with UUID ids", async () => {
    const { flowId } = await createDestination(env.api, { audiences: ["72ddd79b-6b0a-4e97-a8d2-112ccd81bd02"] });
    const item = (await env.api.flow("GET", `/flows/${flowId}`)).body.items[0];
    expect(item.state).toBe("enabled");
    expect(item.flowSpec).toEqual(FLOW_SPEC);
    expect(item.transformations).toEqual(selectors(["72ddd79b-6b0a-4e97-a8d2-112ccd81bd02"]));
  });
});

itConformsToAdobeSpecs();
