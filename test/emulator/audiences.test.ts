// The Audiences API (GET /data/core/ups/audiences[/{id}]), per sandbox, in the shapes of Adobe's
// help/segmentation/api/audiences.md: Platform and uploaded audiences, labels, filters, sort, visibility of
// inactive and deleted audiences, and the Adobe-style 404.
import { describe, expect, it } from "vitest";
import { MEN_OVER_50 } from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { useEmulator, type Json } from "./helpers/harness.js";

const AUDIENCES = "/data/core/ups/audiences";
const SEGMENTS = "/data/core/ups/segment/definitions";
const UPLOADED_PROD = "5b4f3c2e-8d1a-4e6b-9f70-2a1c3d4e5f60";
const INACTIVE_PROD = "9c8b7a65-4d3e-4f21-8a0b-1c2d3e4f5a6b";
const DELETED = "0d0d0d0d-1111-4222-8333-444444444444";

const env = useEmulator();
const custom = useEmulator({
  config: {
    audiences: {
      dev: [
        { id: "11111111-2222-4333-8444-555555555555", name: "Configured", labels: ["core/C9"], namespace: "AAM" },
        { id: DELETED, name: "Gone", lifecycleState: "deleted" },
        { id: "22222222-3333-4444-8555-666666666666", name: "Draft one", lifecycleState: "draft" },
      ],
    },
  },
});

const ids = (children: Json[]): string[] => children.map((a) => a.id);

async function all(query = "", sandbox = "prod"): Promise<Json[]> {
  const result = await env.api.call("GET", `${AUDIENCES}?limit=100${query}`, { sandbox });
  expect(result.status).toBe(200);
  return result.body.children;
}

describe("GET /data/core/ups/audiences", () => {
  it("answers Adobe's envelope {children, _page: {totalCount, pageSize}, _links} without next on the only page", async () => {
    const result = await env.api.call("GET", `${AUDIENCES}?limit=100`);
    expect(result.status).toBe(200);
    expect(Object.keys(result.body)).toEqual(["children", "_page", "_links"]);
    expect(result.body._page).toEqual({
      totalCount: result.body.children.length,
      pageSize: result.body.children.length,
    });
    expect(result.body._links).toEqual({});
  });

  it("lists every seeded segment definition as an active SegmentDefinition audience with the same id", async () => {
    const segments = (await env.api.call("GET", SEGMENTS)).body.segments.filter(
      (s: Json) => s.lifecycleState === "published",
    );
    const audiences = await all();
    for (const segment of segments) {
      expect(audiences.find((a) => a.id === segment.id)).toMatchObject({
        audienceId: segment.id,
        name: segment.name,
        type: "SegmentDefinition",
        originName: "REAL_TIME_CUSTOMER_PROFILE",
        lifecycleState: "active",
        namespace: "AEPSegments",
        expression: segment.expression,
        mergePolicyId: segment.mergePolicyId,
      });
    }
  });

  it("gives Platform audiences their definition, sandbox, org, stamps and labels", async () => {
    const men = (await all()).find((a) => a.id === MEN_OVER_50);
    expect(men).toMatchObject({
      schema: { name: "_xdm.context.profile" },
      imsOrgId: "DEMOORG0000000000000000@AdobeOrg",
      sandbox: { sandboxName: "prod", type: "production", default: true, sandboxId: expect.any(String) },
      evaluationInfo: expect.any(Object),
      labels: [],
      _etag: expect.stringMatching(/^"[0-9a-f]{8}-0000-0200-0000-[0-9a-f]{8}0000"$/),
    });
    expect(men.createEpoch).toBe(Math.floor(men.creationTime / 1000));
    expect(men.updateEpoch).toBe(Math.floor(men.updateTime / 1000));
    const labelled = (await all()).filter((a) => a.labels.length > 0 && a.type === "SegmentDefinition");
    expect(labelled.map((a) => a.labels)).toEqual(expect.arrayContaining([["core/C5"], ["core/C1", "core/C5"]]));
  });

  it("lists the uploaded audience (CUSTOM_UPLOAD ExternalSegment), which segment definitions do not", async () => {
    const uploaded = (await all()).find((a) => a.id === UPLOADED_PROD);
    expect(uploaded).toMatchObject({
      audienceId: "crm-vip-customers",
      type: "ExternalSegment",
      originName: "CUSTOM_UPLOAD",
      namespace: "CustomerAudienceUpload",
      lifecycleState: "active",
      labels: ["core/C1"],
    });
    expect(uploaded.expression).toBeUndefined();
    expect(uploaded.mergePolicyId).toBeUndefined();
    const segments = (await env.api.call("GET", SEGMENTS)).body.segments;
    expect(ids(segments)).not.toContain(UPLOADED_PROD);
    expect((await env.api.call("GET", `${SEGMENTS}/${UPLOADED_PROD}`)).status).toBe(404);
    const dev = await all("", "dev");
    expect(dev.filter((a) => a.type === "ExternalSegment")).toHaveLength(1);
    expect(ids(dev)).not.toContain(UPLOADED_PROD);
  });

  it("hides inactive audiences unless a property filter is given", async () => {
    expect(ids(await all())).not.toContain(INACTIVE_PROD);
    const byId = await all(`&property=id==${INACTIVE_PROD}`);
    expect(byId).toEqual([expect.objectContaining({ id: INACTIVE_PROD, lifecycleState: "inactive" })]);
    expect(ids(await all("&property=lifecycleState==inactive"))).toEqual([INACTIVE_PROD]);
    expect((await env.api.call("GET", `${AUDIENCES}/${INACTIVE_PROD}`)).body.lifecycleState).toBe("inactive");
    expect((await all("", "dev")).some((a) => a.lifecycleState === "inactive")).toBe(false);
  });

  it("filters exactly by property (audienceId, id, labels; repeated means AND)", async () => {
    expect(ids(await all("&property=audienceId==crm-vip-customers"))).toEqual([UPLOADED_PROD]);
    expect(ids(await all("&property=audienceId==crm-vip"))).toEqual([]);
    expect(ids(await all(`&property=id==${MEN_OVER_50}`))).toEqual([MEN_OVER_50]);
    const c1 = await all("&property=labels==core/C1");
    expect(c1.every((a) => a.labels.includes("core/C1"))).toBe(true);
    expect(ids(await all("&property=labels==core/C1&property=type==ExternalSegment"))).toEqual([UPLOADED_PROD]);
  });

  it("filters by name and description containing the value, in any case", async () => {
    const loyal = await all("&name=LOYAL");
    expect(loyal.map((a) => a.name)).toEqual(["Loyal customers", "Loyal customers"]);
    expect((await all("&description=newsletter")).map((a) => a.name)).toEqual(["Newsletter subscribers"]);
  });

  it("sorts by sort=<attribute>:asc|desc and defaults to the most recently created first", async () => {
    const byDefault = await all();
    const created = byDefault.map((a) => a.creationTime);
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const byName = (await all("&sort=name:asc")).map((a) => a.name);
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b)));
    expect((await all("&sort=name:desc")).map((a) => a.name)).toEqual([...byName].reverse());
  });

  it("answers 400 in the Audiences API's error shape for a bad limit, sort or property filter", async () => {
    for (const query of ["limit=0", "limit=101", "sort=name:sideways", "property=name~x"]) {
      const result = await env.api.call("GET", `${AUDIENCES}?${query}`);
      expect(result.status, query).toBe(400);
      expect(result.body).toMatchObject({
        requestId: result.headers.get("x-request-id"),
        errors: { "400": [{ code: 400, message: expect.any(String) }] },
        type: "https://ns.adobe.com/aep/errors/UPAPI-113400-400",
        status: 400,
      });
    }
  });

  it("applies the gateway checks and keeps sandboxes apart", async () => {
    const result = await env.api.call("GET", AUDIENCES, { headers: { authorization: null } });
    expect(result.body).toEqual({ error_code: "403010", message: "Oauth token is missing." });
    expect((await env.api.call("GET", AUDIENCES, { sandbox: "staging" })).status).toBe(404);
    expect(ids(await all("", "dev"))).not.toContain(MEN_OVER_50);
  });

  it("uses the configured audiences: labels, namespace, draft listed, deleted nowhere", async () => {
    const dev = (await custom.api.call("GET", AUDIENCES, { sandbox: "dev" })).body.children;
    expect(dev.map((a: Json) => a.name)).toEqual(["Draft one", "Configured"]);
    expect(dev[1]).toMatchObject({ labels: ["core/C9"], namespace: "AAM", lifecycleState: "active" });
    const filtered = await custom.api.call("GET", `${AUDIENCES}?property=id==${DELETED}`, { sandbox: "dev" });
    expect(filtered.body.children).toEqual([]);
    expect((await custom.api.call("GET", `${AUDIENCES}/${DELETED}`, { sandbox: "dev" })).status).toBe(404);
    expect((await custom.api.call("GET", `${SEGMENTS}/${DELETED}`, { sandbox: "dev" })).status).toBe(404);
  });
});

describe("GET /data/core/ups/audiences/{id}", () => {
  it("returns the audience itself", async () => {
    const result = await env.api.call("GET", `${AUDIENCES}/${MEN_OVER_50}`);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ id: MEN_OVER_50, audienceId: MEN_OVER_50, name: "Men over 50" });
  });

  it("answers segmentation.yaml's 404 for an unknown id or one of another sandbox", async () => {
    for (const [id, sandbox] of [
      ["e65765df-adfa-4d4b-b31a-53c390a575c0", "prod"],
      [MEN_OVER_50, "dev"],
    ]) {
      const result = await env.api.call("GET", `${AUDIENCES}/${id}`, { sandbox });
      expect(result.status).toBe(404);
      expect(result.body).toEqual({
        requestId: result.headers.get("x-request-id"),
        errors: {
          "404": [{ code: 404, message: `The audience entity ${id} is not found. Use a valid entity and try again.` }],
        },
        type: "https://ns.adobe.com/aep/errors/UPAPI-113430-404",
        title: `The audience entity ${id} is not found. Use a valid entity and try again.`,
        status: 404,
      });
    }
  });

  it("lists audiences created through segment definitions too", async () => {
    const created = await env.api.call("POST", SEGMENTS, { sandbox: "dev", body: { name: "Made by a test" } });
    const audience = (await env.api.call("GET", `${AUDIENCES}/${created.body.id}`, { sandbox: "dev" })).body;
    expect(audience).toMatchObject({
      name: "Made by a test",
      type: "SegmentDefinition",
      lifecycleState: "active",
      createdBy: "demo-client",
    });
    const newest = (await env.api.call("GET", `${AUDIENCES}?limit=1`, { sandbox: "dev" })).body.children[0];
    expect(newest.id).toBe(created.body.id);
  });
});

itConformsToAdobeSpecs();
