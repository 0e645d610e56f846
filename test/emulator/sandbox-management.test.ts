// Sandbox Management (help/sandboxes/api/sandboxes.md): look up a configured sandbox by name, list them,
// 404 for an unknown one. The gateway checks apply; the sandbox is in the path, so no x-sandbox-name.
import { describe, expect, it } from "vitest";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { useEmulator } from "./helpers/harness.js";

const SANDBOXES = "/data/foundation/sandbox-management/sandboxes";
const env = useEmulator({ config: { sandboxes: ["prod", "dev", "qa"], strictSandboxHeader: true } });

describe("GET /data/foundation/sandbox-management/sandboxes/{name}", () => {
  it("returns the production sandbox in Adobe's shape, without x-sandbox-name even in strict mode", async () => {
    const result = await env.api.call("GET", `${SANDBOXES}/prod`, { sandbox: null });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      name: "prod",
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      title: "Production",
      state: "active",
      type: "production",
      region: "VA7",
      isDefault: true,
      eTag: 1,
      createdDate: "2024-06-01 00:00:00",
      lastModifiedDate: "2024-06-01 00:00:00",
      createdBy: expect.stringMatching(/@AdobeID$/),
      modifiedBy: expect.stringMatching(/@AdobeID$/),
      lastModifiedBy: expect.stringMatching(/@AdobeID$/),
    });
  });

  it("returns development sandboxes with the id the other APIs stamp", async () => {
    const dev = (await env.api.call("GET", `${SANDBOXES}/dev`, { sandbox: null })).body;
    expect(dev).toMatchObject({ name: "dev", title: "Development", type: "development", isDefault: false });
    const qa = (await env.api.call("GET", `${SANDBOXES}/qa`, { sandbox: null })).body;
    expect(qa).toMatchObject({ name: "qa", title: "qa", type: "development" });
    const created = await env.api.flow("POST", "/connections", {
      sandbox: "dev",
      body: { name: "x", connectionSpec: { id: "8a9c3494-9708-43d7-ae3f-cda01e5030e1", version: "1.0" } },
    });
    const connection = (await env.api.flow("GET", `/connections/${created.body.id}`, { sandbox: "dev" })).body;
    expect(connection.items[0].sandboxId).toBe(dev.id);
  });

  it("answers 404 for a sandbox the org does not have (names are lower-case)", async () => {
    for (const name of ["staging", "Prod"]) {
      const result = await env.api.call("GET", `${SANDBOXES}/${name}`, { sandbox: null });
      expect(result.status).toBe(404);
      expect(result.body).toEqual({
        status: 404,
        title: `Sandbox \`${name}\` not found.`,
        type: "http://ns.adobe.com/aep/errors/SMS-2001-404",
      });
    }
  });

  it("applies the gateway checks", async () => {
    const noToken = await env.api.call("GET", `${SANDBOXES}/prod`, { headers: { authorization: null } });
    expect(noToken.body).toEqual({ error_code: "403010", message: "Oauth token is missing." });
    const otherOrg = await env.api.call("GET", `${SANDBOXES}/prod`, {
      headers: { "x-gw-ims-org-id": "OTHER000000000000000000@AdobeOrg" },
    });
    expect(otherOrg.status).toBe(403);
  });
});

describe("GET /data/foundation/sandbox-management/sandboxes", () => {
  it("lists the configured sandboxes with {sandboxes, _page, _links}", async () => {
    const result = await env.api.call("GET", SANDBOXES, { sandbox: null });
    expect(result.status).toBe(200);
    expect(result.body.sandboxes.map((s: { name: string }) => s.name)).toEqual(["prod", "dev", "qa"]);
    expect(result.body._page).toEqual({ limit: 50, count: 3 });
    expect(result.body._links).toEqual({});
  });

  it("pages with limit and offset", async () => {
    const first = await env.api.call("GET", `${SANDBOXES}?limit=2`, { sandbox: null });
    expect(first.body.sandboxes.map((s: { name: string }) => s.name)).toEqual(["prod", "dev"]);
    expect(first.body._links.next.href).toBe(`${SANDBOXES}?limit=2&offset=2`);
    const second = await env.api.call("GET", first.body._links.next.href, { sandbox: null });
    expect(second.body.sandboxes.map((s: { name: string }) => s.name)).toEqual(["qa"]);
    expect(second.body._links).toEqual({});
    expect((await env.api.call("GET", `${SANDBOXES}?limit=x`, { sandbox: null })).status).toBe(400);
  });
});

itConformsToAdobeSpecs();
