// The property/orderby grammar of Flow Service lists: ==, !=, >, <, >=, <=, comma = OR, repeated = AND,
// `[]` array traversal, dotted paths, booleans and numbers compared by type; Adobe's error codes.
import { beforeAll, describe, expect, it } from "vitest";
import { createDestination, type Destination } from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { useEmulator } from "./helpers/harness.js";

const env = useEmulator();
const flows = {} as Record<"alpha" | "beta" | "gamma", Destination>;

beforeAll(async () => {
  const shared = await createDestination(env.api, { name: "alpha", audiences: ["aud-1", "aud-2"] });
  flows.alpha = shared;
  flows.beta = await createDestination(env.api, {
    name: "beta",
    audiences: ["aud-2"],
    sourceId: shared.sourceId,
    baseId: shared.baseId,
  });
  flows.gamma = await createDestination(env.api, {
    name: "gamma",
    audiences: [],
    sourceId: shared.sourceId,
    baseId: shared.baseId,
  });
  await env.api.flow("POST", `/flows/${flows.gamma.flowId}/action?op=disable`);
});

async function names(query: string): Promise<string[]> {
  const result = await env.api.flow("GET", `/flows?${query}`);
  expect(result.status, result.text).toBe(200);
  return result.body.items.map((f: { name: string }) => f.name).sort();
}

async function error(query: string, resource = "flows"): Promise<{ status: number; type: string }> {
  const result = await env.api.flow("GET", `/${resource}?${query}`);
  return { status: result.status, type: result.body.type };
}

describe("property filters", () => {
  it("matches == and treats commas as OR", async () => {
    expect(await names("property=name==alpha")).toEqual(["alpha"]);
    expect(await names("property=name==alpha,gamma")).toEqual(["alpha", "gamma"]);
  });

  it("treats repeated property params as AND", async () => {
    expect(await names("property=name==alpha,gamma&property=state==enabled")).toEqual(["alpha"]);
  });

  it("supports != (none of the values)", async () => {
    expect(await names("property=state!=enabled")).toEqual(["gamma"]);
    expect(await names("property=name!=alpha,beta")).toEqual(["gamma"]);
  });

  it("compares numbers as numbers and strings as strings with > < >= <=", async () => {
    const alpha = (await env.api.flow("GET", `/flows/${flows.alpha.flowId}`)).body.items[0];
    expect(await names(`property=createdAt>${alpha.createdAt}`)).not.toContain("alpha");
    expect(await names(`property=createdAt>=${alpha.createdAt}`)).toContain("alpha");
    expect(await names(`property=createdAt<${alpha.createdAt}`)).toEqual([]);
    expect(await names("property=name<=beta")).toEqual(["alpha", "beta"]);
  });

  it("compares booleans sensibly, through dotted paths", async () => {
    expect(await names("property=inheritedAttributes.properties.isDestinationFlow==true")).toEqual([
      "alpha",
      "beta",
      "gamma",
    ]);
    expect(await names("property=inheritedAttributes.properties.isDestinationFlow==false")).toEqual([]);
  });

  it("walks arrays marked with []", async () => {
    expect(await names(`property=targetConnectionIds[]==${flows.beta.targetId}`)).toEqual(["beta"]);
    expect(await names("property=transformations[].params.segmentSelectors.selectors[].value.id==aud-2")).toEqual([
      "alpha",
      "beta",
    ]);
    expect(
      await names(
        `property=inheritedAttributes.targetConnections[].connectionSpec.id==86043421-563b-46ec-8e6c-e23184711bf6`,
      ),
    ).toEqual(["alpha", "beta", "gamma"]);
  });

  it("does not walk arrays without [] (a client mistake Adobe's grammar does not forgive)", async () => {
    expect(await names(`property=targetConnectionIds==${flows.beta.targetId}`)).toEqual([]);
  });

  it("filters connections by spec, as Adobe's docs show", async () => {
    const result = await env.api.flow(
      "GET",
      "/connections?property=connectionSpec.id==86043421-563b-46ec-8e6c-e23184711bf6&count=true",
    );
    expect(result.body.count).toBe(3);
    const targets = await env.api.flow("GET", `/targetConnections?property=baseConnectionId==${flows.alpha.accountId}`);
    expect(targets.body.items.map((t: { id: string }) => t.id)).toEqual([flows.alpha.targetId]);
  });

  it("filters the spec catalogs by name", async () => {
    const specs = await env.api.flow("GET", "/connectionSpecs?property=name==Azure%20Event%20Hubs");
    expect(specs.body.items.map((s: { id: string }) => s.id)).toEqual(["bf9f5905-92b7-48bf-bf20-455bc6b60a4e"]);
    const flowSpecs = await env.api.flow("GET", "/flowSpecs?property=id==71471eba-b620-49e4-90fd-23f1fa0174d8");
    expect(flowSpecs.body.items).toHaveLength(1);
  });

  it("answers FLOW-1440-400 for the operator ~ and FLOW-1450-400 for an invalid operator", async () => {
    expect(await error("property=name~alpha")).toEqual({
      status: 400,
      type: "https://ns.adobe.com/aep/errors/FLOW-1440-400",
    });
    expect(await error("property=createdAt!>5")).toEqual({
      status: 400,
      type: "https://ns.adobe.com/aep/errors/FLOW-1450-400",
    });
    expect(await error("property=name=alpha")).toEqual({
      status: 400,
      type: "https://ns.adobe.com/aep/errors/FLOW-1450-400",
    });
  });

  it("answers FLOW-1443-400 for an ordering operator with several values", async () => {
    expect(await error("property=createdAt<=1,2")).toEqual({
      status: 400,
      type: "https://ns.adobe.com/aep/errors/FLOW-1443-400",
    });
  });

  it("answers 400 for a filter without operator and for a malformed field", async () => {
    expect((await error("property=name")).status).toBe(400);
    expect(await error("property=a..b==1")).toEqual({
      status: 400,
      type: "https://ns.adobe.com/aep/errors/FLOW-1449-400",
    });
  });
});

describe("orderby", () => {
  it("sorts ascending by default or with +, descending with -", async () => {
    const sorted = async (orderby: string) =>
      (await env.api.flow("GET", `/flows?orderby=${orderby}`)).body.items.map((f: { name: string }) => f.name);
    expect(await sorted("name")).toEqual(["alpha", "beta", "gamma"]);
    expect(await sorted("%2Bname")).toEqual(["alpha", "beta", "gamma"]);
    expect(await sorted("+name")).toEqual(["alpha", "beta", "gamma"]);
    expect(await sorted("-name")).toEqual(["gamma", "beta", "alpha"]);
    expect(await sorted("state,-name")).toEqual(["gamma", "beta", "alpha"]);
  });

  it("answers FLOW-1433-400 for a bad field and FLOW-1432-400 for a bad sort order", async () => {
    expect(await error("orderby=%23id")).toEqual({
      status: 400,
      type: "https://ns.adobe.com/aep/errors/FLOW-1433-400",
    });
    expect(await error("orderby=--name")).toEqual({
      status: 400,
      type: "https://ns.adobe.com/aep/errors/FLOW-1432-400",
    });
  });

  it("lists the most recently updated first without orderby", async () => {
    const before = (await env.api.flow("GET", "/flows")).body.items.map((f: { name: string }) => f.name);
    const beta = (await env.api.flow("GET", `/flows/${flows.beta.flowId}`)).body.items[0];
    await env.api.flow("PATCH", `/flows/${beta.id}`, {
      body: [{ op: "replace", path: "/description", value: "newest" }],
      headers: { "if-match": beta.etag },
    });
    const after = (await env.api.flow("GET", "/flows")).body.items.map((f: { name: string }) => f.name);
    expect(before[0]).toBe("gamma");
    expect(after[0]).toBe("beta");
  });
});

itConformsToAdobeSpecs();
