// The Audit Query API's query (audit-query.yaml, events.md): property filters (comma = OR, repeated = AND,
// timestamp ranges, case-insensitive action/assetType/status), orderBy, limit and start, queryId, the
// page template and next links, both list keys, the 1000-record and 90-day bounds, and 400s.
import { beforeEach, describe, expect, it } from "vitest";
import { createDestination } from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { SECRETS, TestClient, useEmulator, type Json } from "./helpers/harness.js";
import { AUDIT, advanceTo, auditPage, auditTrail, clockNow, pathOf } from "./helpers/operations.js";

const env = useEmulator();
const postman = useEmulator({
  config: {
    auditListKey: "customerAuditLogList",
    auditLinks: "next",
    clients: [{ clientId: "ci", clientSecret: "ci-secret", email: "pipeline@acme.example" }],
  },
});
const A = "5722a16f-5e1f-4732-91b6-3b03943f759a";
const iso = (at: number): string => new Date(at).toISOString();

beforeEach(async () => {
  await env.api.admin("POST", "/reset");
  env.api.forgetTokens();
});

/** A destination, then a disable by the reviewer an hour later; answers the clock between the two. */
async function history(): Promise<{ flowId: string; targetId: string; between: number }> {
  const d = await createDestination(env.api, { audiences: [A] });
  const between = (await clockNow(env.api)) + 30 * 60_000;
  await advanceTo(env.api, between + 30 * 60_000);
  await env.api.flow("POST", `/flows/${d.flowId}/action?op=disable`, { client: "ui-reviewer" });
  return { flowId: d.flowId, targetId: d.targetId, between };
}

const ids = (events: Json[]): string[] => events.map((e) => e.id);

describe("filters", () => {
  it("take comma-separated values as OR, repeated properties as AND, actions in any case", async () => {
    const { flowId, targetId } = await history();
    const either = await auditTrail(env.api, `?property=assetId==${flowId},${targetId}`);
    expect(either.map((e) => [e.action, e.assetId])).toEqual([
      ["Create", targetId],
      ["Create", flowId],
      ["Disable", flowId],
    ]);
    const both = await auditTrail(env.api, `?property=assetId==${flowId}&property=action==disable`);
    expect(both.map((e) => e.action)).toEqual(["Disable"]);
    expect(await auditTrail(env.api, "?property=action==create,update")).toHaveLength(5);
    expect(await auditTrail(env.api, "?property=assetType==destination%20account")).toHaveLength(2);
    expect(await auditTrail(env.api, "?property=status==allow&property=type==core")).toHaveLength(6);
    expect(await auditTrail(env.api, `?property=action!=Create`)).toHaveLength(1);
  });

  it("take the user's e-mail and a timestamp range (ISO with Z or +0000)", async () => {
    const { between } = await history();
    expect((await auditTrail(env.api, "?property=user==ui-reviewer@example.com")).map((e) => e.action)).toEqual([
      "Disable",
    ]);
    expect(await auditTrail(env.api, `?property=timestamp>${iso(between)}`)).toHaveLength(1);
    expect(await auditTrail(env.api, `?property=timestamp<${iso(between)}`)).toHaveLength(5);
    const offset = encodeURIComponent(iso(between).replace("Z", "+0000"));
    expect(
      await auditTrail(env.api, `?property=timestamp<${offset}&property=timestamp>2020-01-01T00:00:00.000000Z`),
    ).toHaveLength(5);
  });

  it("order by orderBy: newest first by default, a bare field ascending", async () => {
    await history();
    const newest = (await auditPage(env.api))._embedded.events;
    expect(newest[0].action).toBe("Disable");
    const oldest = (await auditPage(env.api, "?orderBy=timestamp"))._embedded.events;
    expect(ids(oldest)).toEqual(ids(newest).reverse());
    const byName = (await auditPage(env.api, "?orderBy=-assetName,timestamp"))._embedded.events;
    const names = byName.map((e: Json) => e.assetName.toLowerCase());
    expect(names).toEqual([...names].sort().reverse());
  });

  it("refuse a bad query with 400 and a JSON body carrying the request id", async () => {
    for (const query of [
      "?limit=1001",
      "?limit=0",
      "?start=-1",
      "?property=colour==red",
      "?property=timestamp>yesterday",
      "?property=action>Create",
      "?property=action",
      "?orderBy=-colour",
      "?queryId=not*an*id",
    ]) {
      const result = await env.api.call("GET", `${AUDIT}${query}`);
      expect(result.status, query).toBe(400);
      expect(result.body, query).toMatchObject({ status: 400, title: "Bad Request" });
      expect(result.body.requestId, query).toBe(result.headers.get("x-request-id"));
    }
  });
});

describe("paging", () => {
  it("answers events.md's envelope: the page template, page numbers, a queryId that repeats the query", async () => {
    await history();
    const first = await auditPage(env.api, "?limit=4");
    expect(first.page).toEqual({ size: 4, totalElements: 6, totalPages: 2, number: 1 });
    expect(first._links.next).toBeUndefined();
    expect(first._links.self.href).toBe(`${env.emulator.url}${AUDIT}?limit=4`);
    expect(first._links.page).toEqual({
      href: `${env.emulator.url}${AUDIT}?queryId=${first.queryId}&limit=4{&start}`,
      templated: true,
    });
    // A new event after the first page: the queryId still pages the query as it was.
    await env.api.flow("POST", `/flows/${first._embedded.events[0].assetId}/action?op=enable`);
    const second = await auditPage(
      env.api,
      pathOf(first._links.page.href.replace("{&start}", "&start=4")).slice(AUDIT.length),
    );
    expect(second.page).toEqual({ size: 2, totalElements: 6, totalPages: 2, number: 2 });
    expect(new Set([...ids(first._embedded.events), ...ids(second._embedded.events)]).size).toBe(6);
    expect((await auditPage(env.api, "?limit=4&start=4")).page.totalElements).toBe(7);
  });

  it("with auditListKey and auditLinks: the Postman key and next links to follow; a configured e-mail", async () => {
    const api = new TestClient(postman.emulator.url, { ...SECRETS, ci: "ci-secret" });
    await createDestination(api, { client: "ci", audiences: [A] });
    const seen: Json[] = [];
    let path: string | undefined = `${AUDIT}?limit=2`;
    while (path) {
      const page: Json = (await api.call("GET", path, { client: "ci" })).body;
      expect(page._embedded.events).toBeUndefined();
      seen.push(...page._embedded.customerAuditLogList);
      path = page._links.next ? pathOf(page._links.next.href) : undefined;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen.map((e) => e.userEmail))).toEqual(new Set(["pipeline@acme.example"]));
  });
});

describe("bounds", () => {
  it("shows only the last 1000 records whatever the filters, and only the last 90 days", async () => {
    const { flowId } = await history();
    for (let i = 0; i < 1000; i += 1) await env.api.flow("POST", `/flows/${flowId}/action?op=enable`);
    const all = await auditPage(env.api, "?limit=1000");
    expect(all.page.totalElements).toBe(1000);
    expect(all._embedded.events.some((e: Json) => e.action === "Create")).toBe(false);
    expect((await auditPage(env.api, "?property=action==Create&limit=1000")).page.totalElements).toBe(5);
    await advanceTo(env.api, (await clockNow(env.api)) + 91 * 86_400_000);
    env.api.forgetTokens();
    expect((await auditPage(env.api)).page.totalElements).toBe(0);
  });
});

itConformsToAdobeSpecs();
