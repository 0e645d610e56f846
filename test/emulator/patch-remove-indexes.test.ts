// What the indexes of several removes in one PATCH refer to. RFC 6902 applies operations one after another
// (the default); update-destination-dataflows.md's example removes `…/selectors/0` then `…/selectors/1` and
// says it "removes the first and second audiences", which only holds if both indexes refer to the list as
// the PATCH found it (patchRemoveIndexes: "original"). Removes in descending order mean the same either way.
import { describe, expect, it } from "vitest";
import { createDestination, type Destination } from "./helpers/builders.js";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { useEmulator, type Json, type TestClient } from "./helpers/harness.js";

const sequential = useEmulator();
const original = useEmulator({ config: { patchRemoveIndexes: "original" } });
const SEGMENTS = "/transformations/0/params/segmentSelectors/selectors";
const PROFILE = "/transformations/0/params/profileSelectors/selectors";
const remove = (path: string) => ({ op: "remove", path, value: { type: "PLATFORM_SEGMENT", value: {} } });

async function patched(api: TestClient, ops: unknown[], audiences = ["a1", "a2", "a3", "a4"]) {
  const d: Destination = await createDestination(api, { audiences });
  const result = await api.flow("PATCH", `/flows/${d.flowId}`, { body: ops, headers: { "if-match": d.flowEtag } });
  const flow = (await api.flow("GET", `/flows/${d.flowId}`)).body.items[0];
  return {
    status: result.status,
    body: result.body,
    ids: flow.transformations[0].params.segmentSelectors.selectors.map((s: Json) => s.value.id),
    etagChanged: flow.etag !== d.flowEtag,
  };
}

describe("Adobe's example: remove index 0, then index 1", () => {
  const example = [remove(`${SEGMENTS}/0`), remove(`${SEGMENTS}/1`)];

  it("removes the first and third audiences by default (RFC 6902, sequential)", async () => {
    expect((await patched(sequential.api, example)).ids).toEqual(["a2", "a4"]);
  });

  it('removes "the first and second audiences" with patchRemoveIndexes: original, as the page says', async () => {
    const result = await patched(original.api, example);
    expect(result.status).toBe(202);
    expect(result.ids).toEqual(["a3", "a4"]);
  });
});

describe("removes in descending index order (what aep-gitops sends)", () => {
  it("mean the same under both readings, with replaces before and adds after them", async () => {
    const ops = [
      {
        op: "replace",
        path: `${SEGMENTS}/0`,
        value: { type: "PLATFORM_SEGMENT", value: { id: "a1", name: "renamed" } },
      },
      remove(`${SEGMENTS}/3`),
      remove(`${SEGMENTS}/1`),
      { op: "add", path: `${SEGMENTS}/-`, value: { type: "PLATFORM_SEGMENT", value: { id: "a5" } } },
    ];
    for (const api of [sequential.api, original.api]) expect((await patched(api, ops)).ids).toEqual(["a1", "a3", "a5"]);
  });

  it("while ascending removes of non-adjacent items differ between them (why the order matters)", async () => {
    const ops = [remove(`${SEGMENTS}/1`), remove(`${SEGMENTS}/3`)];
    expect((await patched(original.api, ops)).ids).toEqual(["a1", "a3"]);
    const rfc = await patched(sequential.api, ops);
    expect(rfc.status).toBe(400); // index 3 no longer exists once index 1 is gone
    expect(rfc.etagChanged).toBe(false);
  });
});

describe("patchRemoveIndexes: original", () => {
  it("resolves each array on its own (segment and profile selectors in one PATCH)", async () => {
    const d = await createDestination(original.api, { audiences: ["a1", "a2", "a3"] });
    const attributes = ["person.name.firstName", "person.name.lastName", "personalEmail.address"];
    let etag = d.flowEtag;
    for (const path of attributes) {
      await original.api.flow("PATCH", `/flows/${d.flowId}`, {
        body: [{ op: "add", path: `${PROFILE}/-`, value: { type: "JSON_PATH", value: { path } } }],
        headers: { "if-match": etag },
      });
      etag = (await original.api.flow("GET", `/flows/${d.flowId}`)).body.items[0].etag;
    }
    await original.api.flow("PATCH", `/flows/${d.flowId}`, {
      body: [remove(`${SEGMENTS}/0`), remove(`${PROFILE}/0`), remove(`${SEGMENTS}/1`), remove(`${PROFILE}/2`)],
      headers: { "if-match": etag },
    });
    const params = (await original.api.flow("GET", `/flows/${d.flowId}`)).body.items[0].transformations[0].params;
    expect(params.segmentSelectors.selectors.map((s: Json) => s.value.id)).toEqual(["a3"]);
    expect(params.profileSelectors.selectors.map((s: Json) => s.value.path)).toEqual(["person.name.lastName"]);
  });

  it("refuses to remove one index twice (FLOW-1455-400) and changes nothing", async () => {
    const result = await patched(original.api, [remove(`${SEGMENTS}/2`), remove(`${SEGMENTS}/2`)]);
    expect(result.status).toBe(400);
    expect(result.body.type).toBe("https://ns.adobe.com/aep/errors/FLOW-1455-400");
    expect(result.body.errorMessage).toContain("operation 1");
    expect(result.ids).toEqual(["a1", "a2", "a3", "a4"]);
    expect(result.etagChanged).toBe(false);
  });

  it("still refuses an index past the end, naming the operation", async () => {
    const result = await patched(original.api, [remove(`${SEGMENTS}/0`), remove(`${SEGMENTS}/9`)]);
    expect(result.status).toBe(400);
    expect(result.body.errorMessage).toContain("operation 1");
  });
});

itConformsToAdobeSpecs();
