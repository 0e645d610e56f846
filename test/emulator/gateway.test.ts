// The Adobe I/O gateway checks, as Adobe's troubleshooting guide lists them, plus sandbox and content type.
import { describe, expect, it } from "vitest";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { ORG, useEmulator } from "./helpers/harness.js";
import { createDestination, upsBase } from "./helpers/builders.js";

const env = useEmulator();
const strict = useEmulator({ config: { strictSandboxHeader: true } });

describe("gateway checks", () => {
  it("answers 403 403010 when the token is missing", async () => {
    const result = await env.api.flow("GET", "/flows", { headers: { authorization: null } });
    expect(result.status).toBe(403);
    expect(result.body).toEqual({ error_code: "403010", message: "Oauth token is missing." });
  });

  it("answers 401 401013 for a token the IMS never issued", async () => {
    const result = await env.api.flow("GET", "/flows", { headers: { authorization: "Bearer not-a-token" } });
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ error_code: "401013", message: "Oauth token is not valid" });
  });

  it("answers 403 403000 when x-api-key is missing", async () => {
    const result = await env.api.flow("GET", "/flows", { headers: { "x-api-key": null } });
    expect(result.status).toBe(403);
    expect(result.body).toEqual({ error_code: "403000", message: "Api Key is required" });
  });

  it("answers 403 403003 when x-api-key is not the token's client", async () => {
    const result = await env.api.flow("GET", "/flows", { headers: { "x-api-key": "ui-editor" } });
    expect(result.status).toBe(403);
    expect(result.body).toEqual({ error_code: "403003", message: "Api Key is invalid" });
  });

  it("answers 400 400003 when x-gw-ims-org-id is missing", async () => {
    const result = await env.api.flow("GET", "/flows", { headers: { "x-gw-ims-org-id": null } });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ error_code: "400003", message: "Missing header" });
  });

  it("answers 403 403025 for another org", async () => {
    const result = await env.api.flow("GET", "/flows", {
      headers: { "x-gw-ims-org-id": "OTHER000000000000000000@AdobeOrg" },
    });
    expect(result.status).toBe(403);
    expect(result.body).toEqual({ error_code: "403025", message: "Profile is not valid" });
  });

  it("checks the token before anything else", async () => {
    const result = await env.api.flow("GET", "/flows", {
      headers: { authorization: null, "x-api-key": null, "x-gw-ims-org-id": null },
    });
    expect(result.body.error_code).toBe("403010");
  });
});

describe("the sandbox header", () => {
  it("defaults to prod when x-sandbox-name is missing", async () => {
    const { flowId } = await createDestination(env.api);
    const result = await env.api.flow("GET", `/flows/${flowId}`, { sandbox: null });
    expect(result.status).toBe(200);
    expect(result.body.items[0].sandboxName).toBe("prod");
  });

  it("answers 400 FLOW-2105-400 for a missing header in strict mode", async () => {
    const result = await strict.api.flow("GET", "/flows", { sandbox: null });
    expect(result.status).toBe(400);
    expect(result.body.type).toBe("https://ns.adobe.com/aep/errors/FLOW-2105-400");
    expect((await strict.api.flow("GET", "/flows", { sandbox: "dev" })).status).toBe(200);
  });

  it("answers 404 FLOW-2100-404 for an unknown sandbox (names are lower-case)", async () => {
    for (const sandbox of ["staging", "Prod"]) {
      const result = await env.api.flow("GET", "/flows", { sandbox });
      expect(result.status).toBe(404);
      expect(result.body).toMatchObject({
        type: "https://ns.adobe.com/aep/errors/FLOW-2100-404",
        status: 404,
        title: expect.any(String),
        errorMessage: expect.stringContaining(sandbox),
      });
    }
  });
});

describe("the content type", () => {
  const invalid = {
    type: "/placeholder/type/uri",
    status: 400,
    title: "BadRequestError",
    detail: "A valid content-type must be specified",
  };

  it("answers 400 when a POST has no JSON content type", async () => {
    const result = await env.api.flow("POST", "/connections", { body: upsBase(), headers: { "content-type": null } });
    expect(result.status).toBe(400);
    expect(result.body).toEqual(invalid);
    const text = await env.api.flow("POST", "/connections", {
      body: upsBase(),
      headers: { "content-type": "text/plain" },
    });
    expect(text.body).toEqual(invalid);
  });

  it("answers 400 when a PATCH has no JSON content type, and accepts application/json-patch+json", async () => {
    const { flowId, flowEtag } = await createDestination(env.api);
    const ops = [{ op: "replace", path: "/name", value: "renamed" }];
    const none = await env.api.flow("PATCH", `/flows/${flowId}`, {
      body: ops,
      headers: { "content-type": null, "if-match": flowEtag },
    });
    expect(none.body).toEqual(invalid);
    const jsonPatch = await env.api.flow("PATCH", `/flows/${flowId}`, {
      body: ops,
      headers: { "content-type": "application/json-patch+json", "if-match": flowEtag },
    });
    expect(jsonPatch.status).toBe(202);
  });

  it("accepts a charset parameter", async () => {
    const result = await env.api.flow("POST", "/connections", {
      body: upsBase(),
      headers: { "content-type": "application/json; charset=utf-8" },
    });
    expect(result.status).toBe(201);
  });

  it("lets the action endpoint through without body or content type", async () => {
    const { flowId } = await createDestination(env.api);
    const result = await env.api.flow("POST", `/flows/${flowId}/action?op=disable`);
    expect(result.status).toBe(200);
  });
});

describe("every response", () => {
  it("carries an x-request-id header, errors and emulator routes included", async () => {
    const results = [
      await env.api.flow("GET", "/flows"),
      await env.api.flow("GET", "/flows", { headers: { authorization: null } }),
      await env.api.flow("GET", "/flows/does-not-exist"),
      await env.api.send("POST", "/ims/token/v3"),
      await env.api.send("GET", "/no/such/route"),
      await env.api.send("GET", "/__emulator/metrics"),
    ];
    for (const result of results) expect(result.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("puts the request id into Flow Service error reports", async () => {
    const result = await env.api.flow("GET", "/flows/does-not-exist");
    expect(result.body.report["request-id"]).toBe(result.headers.get("x-request-id"));
  });

  it("answers an unknown path with 404 and a wrong method with 405", async () => {
    // GET /runs is emulated now; /connectionSpecs/{id}/configs still is not.
    expect((await env.api.flow("GET", "/connectionSpecs/x/configs")).status).toBe(404);
    const wrong = await env.api.flow("PUT", "/flows", { body: {} });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET, POST");
  });

  it("uses the org from the config", async () => {
    const result = await env.api.flow("POST", "/connections", { body: upsBase() });
    const got = await env.api.flow("GET", `/connections/${result.body.id}`);
    expect(got.body.items[0].imsOrgId).toBe(ORG);
  });
});

itConformsToAdobeSpecs();
