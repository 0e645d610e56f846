// A whole apply, several audiences removed in one PATCH, a prune, and a no-op re-plan, through the real CLI,
// under each reading of Adobe's pages the emulator offers: a flow PATCH answered 202 without a body
// (streaming tutorial) or 200 {id, etag} (update tutorial's examples), and the indexes of several removes
// read one after another (RFC 6902) or against the list as it arrived (the update tutorial's example).
// The tool removes in descending index order, so live state is the YAML's under every combination.
import { afterEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, PROD_AUDIENCES, startLab, type Lab } from "../support/lab.js";

const ATTRIBUTES = ["person.lastName", "personalEmail.address", "mobilePhone.number", "person.name.firstName"];

let lab: Lab | undefined;
afterEach(async () => {
  await lab?.close();
  lab = undefined;
});

async function selectorsOf(l: Lab, name: string) {
  const flow = (await l.ui("GET", `/flows?property=name==${name}`)).body.items[0];
  const params = flow.transformations[0].params;
  return {
    state: flow.state as string,
    audiences: params.segmentSelectors.selectors.map((s: { value: { id: string } }) => s.value.id).sort(),
    attributes: params.profileSelectors.selectors.map((s: { value: { path: string } }) => s.value.path).sort(),
  };
}

describe.each([
  { flowPatchResponse: "accepted", patchRemoveIndexes: "sequential" },
  { flowPatchResponse: "accepted", patchRemoveIndexes: "original" },
  { flowPatchResponse: "etag", patchRemoveIndexes: "sequential" },
  { flowPatchResponse: "etag", patchRemoveIndexes: "original" },
])("flowPatchResponse: $flowPatchResponse, patchRemoveIndexes: $patchRemoveIndexes", (config) => {
  it("applies, removes several audiences and attributes in one PATCH, prunes, and re-plans to nothing", async () => {
    const l = (lab = await startLab({ config }));
    l.write("aep-gitops.config.yaml", "maxChangePercent: 100\n");
    l.write("destinations/account.yaml", kinesisAccount());
    l.write("destinations/old-account.yaml", kinesisAccount("kinesis-old"));
    l.write("destinations/old.yaml", kinesisDestination("old", { account: "kinesis-old" }));
    l.write(
      "destinations/promo.yaml",
      kinesisDestination("promo", { audiences: PROD_AUDIENCES, attributes: ATTRIBUTES }),
    );
    const created = await l.cli(["apply", "--yes"]);
    expect(created.code, created.stderr).toBe(0);
    expect(await selectorsOf(l, "promo")).toEqual({
      state: "enabled",
      audiences: [...PROD_AUDIENCES].sort(),
      attributes: [...ATTRIBUTES].sort(),
    });

    // Keep the 2nd and 4th audience and the 2nd attribute: removes at indexes 5, 4, 2, 0 and 3, 2, 0.
    const kept = [PROD_AUDIENCES[1]!, PROD_AUDIENCES[3]!];
    l.write(
      "destinations/promo.yaml",
      kinesisDestination("promo", { audiences: kept, attributes: [ATTRIBUTES[1]!], state: "disabled" }),
    );
    const mark = (await l.requests()).length;
    const updated = await l.cli(["apply", "--yes"]);
    expect(updated.code, updated.stderr).toBe(0);
    const patches = (await l.requests()).slice(mark).filter((r) => r.method === "PATCH" && r.route === "/flows/{id}");
    expect(patches.map((r) => r.status)).toEqual([config.flowPatchResponse === "accepted" ? 202 : 200]);
    expect(await selectorsOf(l, "promo")).toEqual({
      state: "disabled",
      audiences: [...kept].sort(),
      attributes: [ATTRIBUTES[1]],
    });
    expect((await l.cli(["plan", "--detailed-exitcode"])).code).toBe(0);

    // Prune the old destination and its account: DELETE answers 202 (flow, target) and 204 (account).
    l.remove("destinations/old.yaml");
    l.remove("destinations/old-account.yaml");
    const before = (await l.requests()).length;
    const pruned = await l.cli(["apply", "--yes", "--prune"]);
    expect(pruned.code, pruned.stderr).toBe(0);
    const deletes = (await l.requests()).slice(before).filter((r) => r.method === "DELETE");
    expect(deletes.map((r) => `${r.route} ${r.status}`).sort()).toEqual([
      "/connections/{id} 204",
      "/flows/{id} 202",
      "/targetConnections/{id} 202",
    ]);
    const plan = await l.cli(["plan", "--detailed-exitcode", "--prune"]);
    expect(plan.code, plan.stdout).toBe(0);
  });
});
