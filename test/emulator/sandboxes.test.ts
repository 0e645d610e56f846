// Sandbox isolation: nothing in one sandbox is visible or changeable from another.
import { describe, expect, it } from "vitest";
import { createDestination, flowBody, kinesisTarget } from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { useEmulator } from "./helpers/harness.js";

const env = useEmulator();

describe("sandbox isolation", () => {
  it("lists only the objects of the requested sandbox", async () => {
    const prod = await createDestination(env.api, { sandbox: "prod", name: "prod flow" });
    const dev = await createDestination(env.api, { sandbox: "dev", name: "dev flow" });
    for (const resource of ["connections", "sourceConnections", "targetConnections", "flows"]) {
      const prodIds = (await env.api.flow("GET", `/${resource}?limit=100`, { sandbox: "prod" })).body.items.map(
        (i: { id: string }) => i.id,
      );
      const devIds = (await env.api.flow("GET", `/${resource}?limit=100`, { sandbox: "dev" })).body.items.map(
        (i: { id: string }) => i.id,
      );
      expect(prodIds.filter((id: string) => devIds.includes(id))).toEqual([]);
    }
    const devFlows = (await env.api.flow("GET", "/flows", { sandbox: "dev" })).body.items;
    expect(devFlows.map((f: { id: string }) => f.id)).toEqual([dev.flowId]);
    expect(devFlows[0].sandboxName).toBe("dev");
    expect(devFlows[0].sandboxId).not.toBe(
      (await env.api.flow("GET", `/flows/${prod.flowId}`)).body.items[0].sandboxId,
    );
  });

  it("answers 404 to GET, PATCH, DELETE and actions from another sandbox", async () => {
    const prod = await createDestination(env.api, { sandbox: "prod" });
    expect((await env.api.flow("GET", `/flows/${prod.flowId}`, { sandbox: "dev" })).status).toBe(404);
    const patch = await env.api.flow("PATCH", `/flows/${prod.flowId}`, {
      sandbox: "dev",
      body: [{ op: "replace", path: "/name", value: "x" }],
      headers: { "if-match": prod.flowEtag },
    });
    expect(patch.status).toBe(404);
    expect((await env.api.flow("DELETE", `/flows/${prod.flowId}`, { sandbox: "dev" })).status).toBe(404);
    expect((await env.api.flow("POST", `/flows/${prod.flowId}/action?op=disable`, { sandbox: "dev" })).status).toBe(
      404,
    );
    expect((await env.api.flow("GET", `/connections/${prod.accountId}`, { sandbox: "dev" })).status).toBe(404);
    const still = (await env.api.flow("GET", `/flows/${prod.flowId}`)).body.items[0];
    expect(still).toMatchObject({ etag: prod.flowEtag, state: "enabled" });
  });

  it("refuses references to objects of another sandbox", async () => {
    const prod = await createDestination(env.api, { sandbox: "prod" });
    const dev = await createDestination(env.api, { sandbox: "dev" });
    const target = await env.api.flow("POST", "/targetConnections", {
      sandbox: "dev",
      body: kinesisTarget(prod.accountId),
    });
    expect(target.status).toBe(400);
    expect(target.body.errorMessage).toContain(prod.accountId);
    const flow = await env.api.flow("POST", "/flows", { sandbox: "dev", body: flowBody(dev.sourceId, prod.targetId) });
    expect(flow.status).toBe(400);
    expect(flow.body.errorMessage).toContain("sandbox dev");
  });

  it("does not count objects of other sandboxes", async () => {
    await createDestination(env.api, { sandbox: "dev" });
    const prodCount = (await env.api.flow("GET", "/flows?count=true", { sandbox: "prod" })).body.count;
    const devCount = (await env.api.flow("GET", "/flows?count=true", { sandbox: "dev" })).body.count;
    const all = await env.api.admin("GET", "/state");
    expect(prodCount).toBe(all.sandboxes.prod.flows.length);
    expect(devCount).toBe(all.sandboxes.dev.flows.length);
  });
});

itConformsToAdobeSpecs();
