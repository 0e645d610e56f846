// GET /runs of a flow that activates no audience (none: it has nothing to send; runs.test.ts covers flows
// that do) and the `description` every connection, source connection, target connection and flow carries
// ("" when not sent).
import { describe, expect, it } from "vitest";
import {
  KINESIS,
  UPS,
  createDestination,
  flowBody,
  kinesisAccount,
  kinesisTarget,
  upsSource,
} from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { useEmulator } from "./helpers/harness.js";

const env = useEmulator();

describe("GET /runs", () => {
  it("answers {items: [], _links: {}} for a flow without audiences, with property filters and without", async () => {
    const { flowId } = await createDestination(env.api);
    for (const query of [
      "",
      `?property=flowId==${flowId}`,
      "?property=metrics.statusSummary.status==success&limit=10",
    ]) {
      const result = await env.api.flow("GET", `/runs${query}`);
      expect(result.status, query).toBe(200);
      expect(result.body, query).toEqual({ items: [], _links: {} });
    }
    const sourceSummaries = await env.api.flow(
      "GET",
      "/runs?property=metrics.recordSummary.sourceSummaries[].id==72ddd79b-6b0a-4e97-a8d2-112ccd81bd02",
    );
    expect(sourceSummaries.body).toEqual({ items: [], _links: {} });
  });

  it("answers {count: 0} for count=true and refuses a malformed filter like the other lists", async () => {
    expect((await env.api.flow("GET", "/runs?count=true")).body).toEqual({ count: 0 });
    const bad = await env.api.flow("GET", "/runs?property=flowId~x");
    expect(bad.status).toBe(400);
    expect(bad.body.type).toBe("https://ns.adobe.com/aep/errors/FLOW-1440-400");
    expect((await env.api.flow("POST", "/runs", { body: {} })).status).toBe(405);
  });
});

describe("description", () => {
  const withoutDescription = <T extends { description?: string }>(body: T): Omit<T, "description"> => {
    const { description: _omitted, ...rest } = body;
    return rest;
  };

  it('is present on every created object, "" when not sent', async () => {
    const base = await env.api.flow("POST", "/connections", { body: { name: "ups", connectionSpec: UPS } });
    const source = await env.api.flow("POST", "/sourceConnections", {
      body: withoutDescription(upsSource(base.body.id)),
    });
    const account = await env.api.flow("POST", "/connections", { body: withoutDescription(kinesisAccount()) });
    const target = await env.api.flow("POST", "/targetConnections", {
      body: withoutDescription(kinesisTarget(account.body.id)),
    });
    const flow = await env.api.flow("POST", "/flows", {
      body: withoutDescription(flowBody(source.body.id, target.body.id)),
    });
    for (const [resource, id] of [
      ["connections", base.body.id],
      ["sourceConnections", source.body.id],
      ["connections", account.body.id],
      ["targetConnections", target.body.id],
      ["flows", flow.body.id],
    ]) {
      const item = (await env.api.flow("GET", `/${resource}/${id}`)).body.items[0];
      expect(item.description, resource).toBe("");
      expect(Object.keys(item).indexOf("description"), resource).toBe(Object.keys(item).indexOf("name") + 1);
    }
  });

  it('keeps a sent description and goes back to "" when a PATCH removes it', async () => {
    const account = await env.api.flow("POST", "/connections", { body: kinesisAccount() });
    expect((await env.api.flow("GET", `/connections/${account.body.id}`)).body.items[0].description).toBe(
      "Kinesis account",
    );
    const removed = await env.api.flow("PATCH", `/connections/${account.body.id}`, {
      body: [{ op: "remove", path: "/description" }],
      headers: { "if-match": account.body.etag },
    });
    expect(removed.status).toBe(200);
    expect((await env.api.flow("GET", `/connections/${account.body.id}`)).body.items[0].description).toBe("");
    const target = await env.api.flow("POST", "/targetConnections", {
      body: { ...kinesisTarget(account.body.id), connectionSpec: KINESIS },
    });
    expect((await env.api.flow("GET", `/targetConnections/${target.body.id}`)).body.items[0].description).toBe(
      "Kinesis target",
    );
  });
});

itConformsToAdobeSpecs();
