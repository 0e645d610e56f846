// List pages: most recently updated first, limit ≤ 100 (default 20), self-contained continuation tokens
// that carry the filters, count=true.
import { beforeAll, describe, expect, it } from "vitest";
import { createDestination, flowBody, kinesisAccount, kinesisTarget, selectors } from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { useEmulator, type Json, type TestClient } from "./helpers/harness.js";

const env = useEmulator();
const TOTAL = 300;
const DISABLED_EVERY = 3;
const FILTER = "property=inheritedAttributes.properties.isDestinationFlow==true&property=state==enabled";

beforeAll(async () => {
  const { api } = env;
  const { sourceId } = await createDestination(api, { name: "seed" });
  const accountId = (await api.flow("POST", "/connections", { body: kinesisAccount() })).body.id;
  const targetId = (await api.flow("POST", "/targetConnections", { body: kinesisTarget(accountId) })).body.id;
  for (let i = 0; i < TOTAL; i += 1) {
    const name = `flow-${String(i).padStart(3, "0")}`;
    const created = await api.flow("POST", "/flows", {
      body: flowBody(sourceId, targetId, name, selectors([`aud-${i % 5}`])),
    });
    if (i % DISABLED_EVERY === 0) await api.flow("POST", `/flows/${created.body.id}/action?op=disable`);
  }
});

/** Follows `_links.next.href` only, as a client that knows nothing else would. */
async function followAll(api: TestClient, first: string): Promise<{ pages: number; items: Json[] }> {
  const items = [];
  let path: string | undefined = first;
  let pages = 0;
  while (path) {
    const result = await api.flow("GET", path);
    expect(result.status).toBe(200);
    items.push(...result.body.items);
    pages += 1;
    path = result.body._links?.next?.href;
  }
  return { pages, items };
}

describe("paging through more than 250 flows", () => {
  it("returns every matching flow exactly once, newest first, following only _links.next.href", async () => {
    const { pages, items } = await followAll(env.api, `/flows?${FILTER}&limit=7`);
    const expected = TOTAL + 1 - Math.ceil(TOTAL / DISABLED_EVERY);
    expect(items).toHaveLength(expected);
    expect(new Set(items.map((i) => i.id)).size).toBe(expected);
    expect(pages).toBe(Math.ceil(expected / 7));
    expect(items.every((i) => i.state === "enabled")).toBe(true);
    const updatedAt = items.map((i) => i.updatedAt);
    expect(updatedAt).toEqual([...updatedAt].sort((a, b) => b - a));
  });

  it("emits hrefs of the form /<resource>?continuationToken=<token> and omits next on the last page", async () => {
    const first = await env.api.flow("GET", `/flows?${FILTER}&limit=100`);
    expect(first.body._links.next.href).toMatch(/^\/flows\?continuationToken=[A-Za-z0-9_-]+$/);
    const second = await env.api.flow("GET", first.body._links.next.href);
    expect(second.body.items).toHaveLength(100);
    const third = await env.api.flow("GET", second.body._links.next.href);
    expect(third.body.items).toHaveLength(1);
    expect(third.body._links.next).toBeUndefined();
  });

  it("gives the same page to a client that re-sends its original params with the token", async () => {
    const first = await env.api.flow("GET", `/flows?${FILTER}&limit=10`);
    const token = first.body._links.next.href.split("continuationToken=")[1];
    const viaHref = await env.api.flow("GET", first.body._links.next.href);
    const viaParams = await env.api.flow("GET", `/flows?${FILTER}&limit=10&continuationToken=${token}`);
    expect(viaParams.body.items.map((i: { id: string }) => i.id)).toEqual(
      viaHref.body.items.map((i: { id: string }) => i.id),
    );
  });

  it("does not serve an object twice when it is updated between pages", async () => {
    const first = await env.api.flow("GET", "/flows?limit=50");
    const touched = first.body.items[0];
    await env.api.flow("PATCH", `/flows/${touched.id}`, {
      body: [{ op: "replace", path: "/description", value: "touched" }],
      headers: { "if-match": touched.etag },
    });
    const { items } = await followAll(env.api, first.body._links.next.href);
    expect(items.map((i) => i.id)).not.toContain(touched.id);
    const again = await env.api.flow("GET", "/flows?limit=1");
    expect(again.body.items[0].id).toBe(touched.id);
  });

  it("pages a custom order too", async () => {
    const { items } = await followAll(
      env.api,
      "/flows?property=name==flow-000,flow-001,flow-002,flow-003,flow-004&orderby=-name&limit=2",
    );
    expect(items.map((i) => i.name)).toEqual(["flow-004", "flow-003", "flow-002", "flow-001", "flow-000"]);
  });
});

describe("limit and count", () => {
  it("serves 20 items by default and at most 100", async () => {
    expect((await env.api.flow("GET", "/flows")).body.items).toHaveLength(20);
    expect((await env.api.flow("GET", "/flows?limit=100")).body.items).toHaveLength(100);
  });

  it("answers 400 for a limit above 100 or below 1", async () => {
    for (const limit of ["101", "0", "-3", "ten"]) {
      const result = await env.api.flow("GET", `/flows?limit=${limit}`);
      expect(result.status, limit).toBe(400);
      expect(result.body.errorMessage).toContain("limit");
    }
  });

  it("returns only {count} for count=true, filters applied", async () => {
    const result = await env.api.flow("GET", `/flows?${FILTER}&count=true`);
    expect(result.body).toEqual({ count: TOTAL + 1 - Math.ceil(TOTAL / DISABLED_EVERY) });
  });

  it("answers FLOW-1401-400 for count together with limit", async () => {
    const result = await env.api.flow("GET", "/flows?count=true&limit=5");
    expect(result.body.type).toBe("https://ns.adobe.com/aep/errors/FLOW-1401-400");
  });

  it("answers 400 for a token that is not one", async () => {
    expect((await env.api.flow("GET", "/flows?continuationToken=abc")).status).toBe(400);
    const connections = await env.api.flow("GET", "/connections?limit=1");
    const foreign = connections.body._links.next.href.split("=")[1];
    expect((await env.api.flow("GET", `/flows?continuationToken=${foreign}`)).status).toBe(400);
  });
});

itConformsToAdobeSpecs();
