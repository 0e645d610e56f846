// Paging of the Audiences API and of segment definitions under a server-side cap (`audiencePageSize`),
// with `start` counting pages (Adobe's example link, the default) or items (`audienceStart: "offset"`), and
// the `audiencesApi` refusal modes a client falls back from.
import { describe, expect, it } from "vitest";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { useEmulator, type Json, type TestClient } from "./helpers/harness.js";

const AUDIENCES = "/data/core/ups/audiences";
const SEGMENTS = "/data/core/ups/segment/definitions";

const pages = useEmulator({ config: { audiencePageSize: 4 } });
const offsets = useEmulator({ config: { audiencePageSize: 4, audienceStart: "offset" } });
const uncapped = useEmulator();
const forbidden = useEmulator({ config: { audiencesApi: 403 } });
const absent = useEmulator({ config: { audiencesApi: 404 } });

/** Adobe's href is relative to the Segmentation service root: `@/audiences?…` stands for /data/core/ups/audiences?…. */
const resolve = (href: string): string => href.replace(/^@/, "/data/core/ups");

async function followAll(
  api: TestClient,
  first: string,
): Promise<{ hrefs: string[]; children: Json[]; totals: number[] }> {
  const hrefs: string[] = [];
  const children: Json[] = [];
  const totals: number[] = [];
  for (let path: string | undefined = first; path;) {
    const result = await api.call("GET", path);
    expect(result.status).toBe(200);
    children.push(...result.body.children);
    totals.push(result.body._page.totalCount);
    const href: string | undefined = result.body._links.next?.href;
    if (href) hrefs.push(href);
    path = href ? resolve(href) : undefined;
  }
  return { hrefs, children, totals };
}

describe("audiencePageSize with start counting pages (the default)", () => {
  it("serves at most 4 per page whatever limit asks, with hrefs that count pages, and every audience once", async () => {
    const everything = (await uncapped.api.call("GET", `${AUDIENCES}?limit=100`)).body.children;
    const { hrefs, children, totals } = await followAll(pages.api, `${AUDIENCES}?limit=50`);
    expect(children.map((a) => a.id)).toEqual(everything.map((a: Json) => a.id));
    expect(new Set(totals)).toEqual(new Set([everything.length]));
    expect(hrefs[0]).toBe(`@/audiences?start=1&limit=4&totalCount=${everything.length}`);
    expect(hrefs[1]).toBe(`@/audiences?start=2&limit=4&totalCount=${everything.length}`);
    expect(hrefs).toHaveLength(Math.ceil(everything.length / 4) - 1);
  });

  it("reports pageSize as the items on the page and next as the start of the next page", async () => {
    const first = await pages.api.call("GET", `${AUDIENCES}?limit=10`);
    expect(first.body.children).toHaveLength(4);
    expect(first.body._page).toMatchObject({ pageSize: 4, next: "1" });
    const second = await pages.api.call("GET", `${AUDIENCES}?start=1&limit=10`);
    expect(second.body.children[0].id).toBe(
      (await uncapped.api.call("GET", `${AUDIENCES}?limit=5`)).body.children[4].id,
    );
  });

  it("keeps the filters in the href", async () => {
    const { hrefs, children } = await followAll(pages.api, `${AUDIENCES}?name=customers&sort=name:asc`);
    expect(children.map((a) => a.name)).toEqual([
      "CRM upload: VIP customers",
      "Lapsed customers (90 days)",
      "Loyal customers",
      "Loyal customers",
    ]);
    expect(hrefs).toEqual([]);
    const lapsed = await followAll(pages.api, `${AUDIENCES}?name=a&sort=name:asc`);
    expect(lapsed.hrefs[0]).toContain("name=a");
    expect(lapsed.hrefs[0]).toContain("sort=name%3Aasc");
    const names = lapsed.children.map((a) => a.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });
});

describe("audienceStart: offset", () => {
  it("counts items in start and in the hrefs", async () => {
    const everything = (await uncapped.api.call("GET", `${AUDIENCES}?limit=100`)).body.children;
    const { hrefs, children } = await followAll(offsets.api, `${AUDIENCES}?limit=20`);
    expect(children.map((a) => a.id)).toEqual(everything.map((a: Json) => a.id));
    expect(hrefs[0]).toBe(`@/audiences?start=4&limit=4&totalCount=${everything.length}`);
    expect(hrefs[1]).toBe(`@/audiences?start=8&limit=4&totalCount=${everything.length}`);
    const page = await offsets.api.call("GET", `${AUDIENCES}?start=2&limit=2`);
    expect(page.body.children.map((a: Json) => a.id)).toEqual(everything.slice(2, 4).map((a: Json) => a.id));
    expect(page.body._page.next).toBe("4");
  });
});

describe("segment definitions under audiencePageSize", () => {
  it("caps the page and keeps link.next correct", async () => {
    const everything = (await uncapped.api.call("GET", SEGMENTS)).body.segments;
    const seen: string[] = [];
    let path = `${SEGMENTS}?limit=100`;
    let first: Json;
    for (;;) {
      const result = await pages.api.call("GET", path);
      first ??= result.body;
      expect(result.body.segments.length).toBeLessThanOrEqual(4);
      seen.push(...result.body.segments.map((s: Json) => s.id));
      if (!result.body.link.next) break;
      path = result.body.link.next;
    }
    expect(seen).toEqual(everything.map((s: Json) => s.id));
    expect(first.page).toEqual({
      totalCount: everything.length,
      totalPages: Math.ceil(everything.length / 4),
      pageOffset: 0,
      pageSize: 4,
    });
    expect(first.link.next).toBe(`${SEGMENTS}?start=4&limit=100`);
    const byPage = await pages.api.call("GET", `${SEGMENTS}?page=1`);
    expect(byPage.body.segments.map((s: Json) => s.id)).toEqual(everything.slice(4, 8).map((s: Json) => s.id));
  });
});

describe("audiencesApi refusals", () => {
  it("403: answers as the I/O gateway does for a credential without the API, after the usual gateway checks", async () => {
    for (const path of [AUDIENCES, `${AUDIENCES}/72ddd79b-6b0a-4e97-a8d2-112ccd81bd02`]) {
      const result = await forbidden.api.call("GET", path);
      expect(result.status).toBe(403);
      expect(result.body).toEqual({ error_code: "403003", message: "Api Key is invalid" });
    }
    const noToken = await forbidden.api.call("GET", AUDIENCES, { headers: { authorization: null } });
    expect(noToken.body.error_code).toBe("403010");
    expect((await forbidden.api.call("GET", SEGMENTS)).status).toBe(200);
  });

  it("404: answers like an unknown route, while segment definitions still answer", async () => {
    const result = await absent.api.call("GET", AUDIENCES);
    expect(result.status).toBe(404);
    expect(result.body).toEqual({ error_code: "404000", message: `No route ${AUDIENCES}` });
    expect((await absent.api.call("GET", SEGMENTS)).status).toBe(200);
  });
});

itConformsToAdobeSpecs();
