// The fake IMS on the emulator's origin: client-credentials tokens, RFC 6749 errors, expiry.
import { describe, expect, it } from "vitest";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { TestClient, useEmulator } from "./helpers/harness.js";

const env = useEmulator();
const shortLived = useEmulator({ config: { tokenTtlSeconds: 1 } });

const form = (fields: Record<string, string>) => ({
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});

describe("POST /ims/token/v3", () => {
  it("issues a bearer token for a known client with the form-encoded client-credentials grant", async () => {
    const result = await env.api.send(
      "POST",
      "/ims/token/v3",
      form({
        grant_type: "client_credentials",
        client_id: "demo-client",
        client_secret: "demo-secret",
        scope: "openid,AdobeID",
      }),
    );
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ access_token: expect.any(String), token_type: "bearer", expires_in: 86399 });
    expect(result.body.access_token.split(".")).toHaveLength(3);
  });

  it("accepts the parameters in the query string too", async () => {
    const result = await env.api.send(
      "POST",
      "/ims/token/v3?grant_type=client_credentials&client_id=ui-editor&client_secret=ui-secret&scope=openid",
    );
    expect(result.status).toBe(200);
    expect(result.body.token_type).toBe("bearer");
  });

  it("answers 401 invalid_client for an unknown client or a wrong secret", async () => {
    for (const fields of [
      { client_id: "nobody", client_secret: "x" },
      { client_id: "demo-client", client_secret: "wrong" },
    ]) {
      const result = await env.api.send("POST", "/ims/token/v3", form({ grant_type: "client_credentials", ...fields }));
      expect(result.status).toBe(401);
      expect(result.body).toEqual({ error: "invalid_client", error_description: expect.any(String) });
    }
  });

  it("answers 400 unsupported_grant_type for another grant", async () => {
    const result = await env.api.send(
      "POST",
      "/ims/token/v3",
      form({ grant_type: "password", client_id: "demo-client", client_secret: "demo-secret" }),
    );
    expect(result.status).toBe(400);
    expect(result.body.error).toBe("unsupported_grant_type");
  });

  it("answers 400 invalid_request when grant_type or client_id is missing", async () => {
    expect((await env.api.send("POST", "/ims/token/v3", form({ client_id: "demo-client" }))).body.error).toBe(
      "invalid_request",
    );
    expect((await env.api.send("POST", "/ims/token/v3", form({ grant_type: "client_credentials" }))).body.error).toBe(
      "invalid_request",
    );
  });

  it("reports the configured lifetime in expires_in (seconds)", async () => {
    const result = await shortLived.api.send(
      "POST",
      "/ims/token/v3",
      form({ grant_type: "client_credentials", client_id: "demo-client", client_secret: "demo-secret" }),
    );
    expect(result.body.expires_in).toBe(1);
  });

  it("rejects an expired token with 401 401013, and a fresh token works again", async () => {
    const api = new TestClient(shortLived.emulator.url);
    expect((await api.flow("GET", "/flows")).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const expired = await api.flow("GET", "/flows");
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ error_code: "401013", message: "Oauth token is not valid" });
    api.forgetTokens();
    expect((await api.flow("GET", "/flows")).status).toBe(200);
  });
});

itConformsToAdobeSpecs();
