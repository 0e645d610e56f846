// The Segmentation Service slice: seeded audiences per sandbox, paging, get by id, create.
import { describe, expect, it } from "vitest";
import { MEN_OVER_50 } from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { useEmulator } from "./helpers/harness.js";

const SEGMENTS = "/data/core/ups/segment/definitions";
const env = useEmulator();
const custom = useEmulator({
  config: { audiences: { dev: [{ id: "11111111-2222-4333-8444-555555555555", name: "Only audience" }] } },
});

describe("GET /data/core/ups/segment/definitions", () => {
  it("lists prod's seeded audiences in Adobe's envelope", async () => {
    const result = await env.api.call("GET", SEGMENTS);
    expect(result.status).toBe(200);
    expect(result.body.page).toEqual({
      totalCount: result.body.segments.length,
      totalPages: 1,
      pageOffset: 0,
      pageSize: result.body.segments.length,
    });
    expect(result.body.link).toEqual({ next: "" });
    expect(result.body.segments.length).toBeGreaterThanOrEqual(10);
    const menOver50 = result.body.segments.find((s: { name: string }) => s.name === "Men over 50");
    expect(menOver50).toMatchObject({
      id: MEN_OVER_50,
      description: "",
      expression: { type: "PQL", format: "pql/text" },
      mergePolicyId: expect.any(String),
      evaluationInfo: expect.any(Object),
    });
    expect(typeof menOver50.creationTime).toBe("number");
    expect(typeof menOver50.updateTime).toBe("number");
  });

  it("holds two distinct audiences named Loyal customers in prod", async () => {
    const segments = (await env.api.call("GET", SEGMENTS)).body.segments.filter(
      (s: { name: string }) => s.name === "Loyal customers",
    );
    expect(segments).toHaveLength(2);
    expect(segments[0].id).not.toBe(segments[1].id);
  });

  it("gives dev its own Men over 50 with a different id", async () => {
    const dev = (await env.api.call("GET", SEGMENTS, { sandbox: "dev" })).body.segments;
    const menOver50 = dev.find((s: { name: string }) => s.name === "Men over 50");
    expect(menOver50.id).not.toBe(MEN_OVER_50);
    expect(dev.map((s: { id: string }) => s.id)).not.toContain(MEN_OVER_50);
  });

  it("pages with limit and start, and with page", async () => {
    const first = await env.api.call("GET", `${SEGMENTS}?limit=4`);
    expect(first.body.segments).toHaveLength(4);
    expect(first.body.page).toMatchObject({
      pageOffset: 0,
      pageSize: 4,
      totalPages: Math.ceil(first.body.page.totalCount / 4),
    });
    expect(first.body.link.next).toBe(`${SEGMENTS}?start=4&limit=4`);
    const second = await env.api.call("GET", first.body.link.next);
    expect(second.body.page.pageOffset).toBe(4);
    const byPage = await env.api.call("GET", `${SEGMENTS}?limit=4&page=1`);
    expect(byPage.body.segments).toEqual(second.body.segments);
    const all = [first, second].flatMap((r) => r.body.segments.map((s: { id: string }) => s.id));
    expect(new Set(all).size).toBe(8);
  });

  it("answers 400 for a limit above 100", async () => {
    expect((await env.api.call("GET", `${SEGMENTS}?limit=101`)).status).toBe(400);
  });

  it("applies the gateway checks", async () => {
    const result = await env.api.call("GET", SEGMENTS, { headers: { authorization: null } });
    expect(result.body).toEqual({ error_code: "403010", message: "Oauth token is missing." });
  });

  it("uses the configured audiences for a sandbox listed in the config", async () => {
    const dev = (await custom.api.call("GET", SEGMENTS, { sandbox: "dev" })).body.segments;
    expect(dev.map((s: { name: string }) => s.name)).toEqual(["Only audience"]);
    const prod = (await custom.api.call("GET", SEGMENTS)).body.segments;
    expect(prod.map((s: { id: string }) => s.id)).toContain(MEN_OVER_50);
  });
});

describe("GET /data/core/ups/segment/definitions/{id}", () => {
  it("returns the definition", async () => {
    const result = await env.api.call("GET", `${SEGMENTS}/${MEN_OVER_50}`);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ id: MEN_OVER_50, name: "Men over 50" });
  });

  it("answers 404 for an id of another sandbox", async () => {
    expect((await env.api.call("GET", `${SEGMENTS}/${MEN_OVER_50}`, { sandbox: "dev" })).status).toBe(404);
  });
});

describe("POST /data/core/ups/segment/definitions", () => {
  it("creates an audience that lists and reads back", async () => {
    const created = await env.api.call("POST", SEGMENTS, {
      sandbox: "dev",
      body: {
        name: "Created in a test",
        description: "d",
        expression: { type: "PQL", format: "pql/text", value: "true" },
      },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: "Created in a test",
      description: "d",
    });
    expect((await env.api.call("GET", `${SEGMENTS}/${created.body.id}`, { sandbox: "dev" })).body.name).toBe(
      "Created in a test",
    );
    expect((await env.api.call("GET", `${SEGMENTS}/${created.body.id}`)).status).toBe(404);
  });

  it("answers 400 without a name and without a JSON content type", async () => {
    expect((await env.api.call("POST", SEGMENTS, { body: { description: "no name" } })).status).toBe(400);
    const noType = await env.api.call("POST", SEGMENTS, { body: { name: "x" }, headers: { "content-type": null } });
    expect(noType.body.detail).toBe("A valid content-type must be specified");
  });
});

describe("PATCH /data/core/ups/segment/definitions/{id}", () => {
  it("renames an audience: both Segmentation views and the Audiences API read the new name", async () => {
    const created = await env.api.call("POST", SEGMENTS, { sandbox: "dev", body: { name: "Before" } });
    const id = created.body.id as string;
    const patched = await env.api.call("PATCH", `${SEGMENTS}/${id}`, {
      sandbox: "dev",
      body: { id, name: "After", expression: { type: "PQL", format: "pql/text", value: "true" } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id, name: "After" });
    expect((await env.api.call("GET", `${SEGMENTS}/${id}`, { sandbox: "dev" })).body.name).toBe("After");
    const audience = await env.api.call("GET", `/data/core/ups/audiences/${id}`, { sandbox: "dev" });
    expect(audience.body.name).toBe("After");
  });

  it("answers 404 for an unknown id and 400 for an empty name", async () => {
    const unknown = "00000000-1111-4222-8333-444444444444";
    expect((await env.api.call("PATCH", `${SEGMENTS}/${unknown}`, { body: { name: "x" } })).status).toBe(404);
    expect((await env.api.call("PATCH", `${SEGMENTS}/${MEN_OVER_50}`, { body: { name: " " } })).status).toBe(400);
  });
});

itConformsToAdobeSpecs();
