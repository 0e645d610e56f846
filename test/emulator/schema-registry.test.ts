// The Schema Registry's Profile union (help/xdm/api/unions.md, schemas.md): looked up by URL-encoded $id or
// meta:altId, fully resolved with Accept `application/vnd.adobe.xed-full+json; version=1`, Adobe's refusals
// of a wrong or missing Accept, per-sandbox overrides, the tenant namespace and the refusal modes.
import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { ORG, useEmulator, type Json } from "./helpers/harness.js";

const UNION_ID = "https://ns.adobe.com/xdm/context/profile__union";
const SCHEMAS = "/data/foundation/schemaregistry/tenant/schemas";
const BY_ID = `${SCHEMAS}/${encodeURIComponent(UNION_ID)}`;
const FULL = "application/vnd.adobe.xed-full+json; version=1";

const env = useEmulator();
const acme = useEmulator({
  config: {
    tenantNamespace: "_acme",
    unionSchema: { dev: { $id: UNION_ID, title: "Custom union", type: "object", properties: {} } },
  },
});
const forbidden = useEmulator({ config: { schemaRegistry: 403 } });
const absent = useEmulator({ config: { schemaRegistry: 404 } });

const lookup = (accept: string | null = FULL, path = BY_ID, sandbox = "prod") =>
  env.api.call("GET", path, { sandbox, headers: accept === null ? {} : { accept } });

/** Every field of a resolved schema carries type, title, description and meta:xdmType. */
function checkFields(node: Json, at: string): void {
  for (const [name, field] of Object.entries<Json>(node.properties ?? {})) {
    const where = `${at}.${name}`;
    expect(field, where).toMatchObject({ type: expect.any(String), "meta:xdmType": expect.any(String) });
    expect(typeof field.title, where).toBe("string");
    expect(typeof field.description, where).toBe("string");
    if (field.type === "array") checkFields(field.items, `${where}[]`);
    if (field["meta:xdmType"] === "map") expect(field.additionalProperties, where).toBeDefined();
    if (field.properties) checkFields(field, where);
  }
}

describe("GET /tenant/schemas/{profile union}", () => {
  it("answers the fully resolved union with its ids and the vendor content type", async () => {
    const result = await lookup();
    expect(result.status).toBe(200);
    expect(result.headers.get("content-type")).toBe(FULL);
    expect(result.body).toMatchObject({
      $id: UNION_ID,
      "meta:altId": "_xdm.context.profile__union",
      "meta:resourceType": "unions",
      "meta:class": "https://ns.adobe.com/xdm/context/profile",
      "meta:tenantNamespace": "_demoorg",
      "meta:sandboxType": "production",
      title: expect.any(String),
      type: "object",
    });
    expect(result.body.allOf).toBeUndefined();
    checkFields(result.body, "");
  });

  it("serves the Profile fields a destination maps, the tutorial's person.lastName included", async () => {
    const p = (await lookup()).body.properties;
    expect(Object.keys(p.person.properties.name.properties)).toEqual(
      expect.arrayContaining(["firstName", "lastName", "fullName"]),
    );
    expect(p.person.properties.lastName).toMatchObject({ type: "string" });
    expect(p.person.properties.firstName).toMatchObject({ type: "string" });
    expect(p.person.properties.birthDate).toMatchObject({ type: "string", format: "date", "meta:xdmType": "date" });
    expect(p.person.properties.gender.type).toBe("string");
    expect(p.personalEmail.properties.primary).toMatchObject({ type: "boolean" });
    expect(Object.keys(p.personalEmail.properties)).toEqual(expect.arrayContaining(["address", "status"]));
    expect(Object.keys(p.mobilePhone.properties)).toEqual(expect.arrayContaining(["number", "primary"]));
    expect(Object.keys(p.homeAddress.properties)).toEqual(
      expect.arrayContaining(["street1", "city", "postalCode", "country", "countryCode"]),
    );
    expect(p.identityMap).toMatchObject({
      type: "object",
      "meta:xdmType": "map",
      additionalProperties: { type: "array", items: { type: "object", properties: { id: { type: "string" } } } },
    });
    expect(p.segmentMembership).toMatchObject({ type: "object", "meta:xdmType": "map" });
    const tenant = p._demoorg.properties;
    expect(tenant.loyalty.properties.tier.type).toBe("string");
    expect(tenant.loyalty.properties.points.type).toBe("integer");
    expect(tenant.purchases).toMatchObject({ type: "array", items: { type: "object" } });
  });

  it("accepts the meta:altId and the /tenant/unions endpoint too", async () => {
    const byAltId = await lookup(FULL, `${SCHEMAS}/_xdm.context.profile__union`);
    expect(byAltId.body.$id).toBe(UNION_ID);
    const unions = await lookup(FULL, `/data/foundation/schemaregistry/tenant/unions/${encodeURIComponent(UNION_ID)}`);
    expect(unions.status).toBe(200);
  });

  it("serves the raw union (allOf) for xed+json and drops titles and descriptions for -notext", async () => {
    const raw = await lookup("application/vnd.adobe.xed+json; version=1");
    expect(raw.body.properties).toBeUndefined();
    expect(raw.body.allOf).toContainEqual({ $ref: "https://ns.adobe.com/xdm/context/profile" });
    const notext = (await lookup("application/vnd.adobe.xed-full-notext+json; version=1")).body;
    expect(notext.properties.person.title).toBeUndefined();
    expect(notext.properties.person.properties.name.properties.firstName).toEqual({
      type: "string",
      "meta:xdmType": "string",
    });
  });

  it("is per sandbox: ids of the sandbox, overrides from unionSchema, the configured tenant namespace", async () => {
    const dev = await lookup(FULL, BY_ID, "dev");
    expect(dev.body["meta:sandboxType"]).toBe("development");
    const overridden = await acme.api.call("GET", BY_ID, { sandbox: "dev", headers: { accept: FULL } });
    expect(overridden.body).toEqual({ $id: UNION_ID, title: "Custom union", type: "object", properties: {} });
    const prod = (await acme.api.call("GET", BY_ID, { headers: { accept: FULL } })).body;
    expect(prod["meta:tenantNamespace"]).toBe("_acme");
    expect(prod.properties._acme).toBeDefined();
    expect(prod.properties._demoorg).toBeUndefined();
  });
});

describe("Accept refusals", () => {
  it("answers 406 NotAcceptableError for a missing or unknown media type", async () => {
    for (const accept of ["*/*", "application/json", "application/vnd.adobe.xed-id+json"]) {
      const result = await lookup(accept);
      expect(result.status, accept).toBe(406);
      expect(result.body).toEqual({
        type: "/placeholder/type/uri",
        status: 406,
        title: "NotAcceptableError",
        detail: `Unknown Accept media supplied: ${accept}`,
      });
    }
    expect((await lookup("application/vnd.adobe.xed-full+json; version=2")).status).toBe(406);
  });

  it("answers 406 'Accept header parameter is required' without any Accept (fetch always sends */*)", async () => {
    const token = await env.api.token();
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${env.emulator.url}${BY_ID}`, {
        headers: { authorization: `Bearer ${token}`, "x-api-key": "demo-client", "x-gw-ims-org-id": ORG },
      });
      req.on("response", (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(406);
    expect(JSON.parse(body).detail).toBe("Accept header parameter is required");
  });

  it("answers 400 XDM-1007-400 when the version is missing", async () => {
    const result = await lookup("application/vnd.adobe.xed-full+json");
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({
      type: "http://ns.adobe.com/aep/errors/XDM-1007-400",
      title: "Accept header invalid",
      status: 400,
      report: { registryRequestId: result.headers.get("x-request-id"), "sub-errors": [] },
    });
    expect(result.body.detail).toContain("version=1");
  });
});

describe("other ids and refusal modes", () => {
  it("answers 404 XDM-1012-404 for another schema", async () => {
    const result = await lookup(FULL, `${SCHEMAS}/${encodeURIComponent("https://ns.adobe.com/demoorg/schemas/x")}`);
    expect(result.status).toBe(404);
    expect(result.body).toMatchObject({ type: "http://ns.adobe.com/aep/errors/XDM-1012-404", status: 404 });
  });

  it("applies the gateway checks, then refuses with 403 or 404 when switched off", async () => {
    expect((await env.api.call("GET", BY_ID, { headers: { authorization: null, accept: FULL } })).status).toBe(403);
    const f = await forbidden.api.call("GET", BY_ID, { headers: { accept: FULL } });
    expect(f.status).toBe(403);
    expect(f.body).toEqual({ error_code: "403003", message: "Api Key is invalid" });
    const a = await absent.api.call("GET", BY_ID, { headers: { accept: FULL } });
    expect(a.status).toBe(404);
    expect(a.body.error_code).toBe("404000");
  });
});

itConformsToAdobeSpecs();
