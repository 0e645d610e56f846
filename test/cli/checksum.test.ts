// The reviewed checksum binds what a change means (which object, which audiences and attributes, which
// values), never the index of a selector or an etag: an edit in Adobe's UI that changes what apply
// would remove is refused, a reorder that changes nothing is not.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, PROD_AUDIENCES, startLab, type Lab } from "../support/lab.js";

const [A, B, D] = [PROD_AUDIENCES[0]!, PROD_AUDIENCES[1]!, PROD_AUDIENCES[2]!];
const SEGMENTS = "/transformations/0/params/segmentSelectors/selectors";

let lab: Lab;
let flowId: string;
let reviewed: string;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
  lab.write("destinations/promo.yaml", kinesisDestination("promo", { audiences: [A, B] }));
  expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
  flowId = (await lab.ui("GET", "/flows?property=name==promo")).body.items[0].id;
  // The pull request removes B; its plan is what reviewers approve.
  lab.write("destinations/promo.yaml", kinesisDestination("promo", { audiences: [A] }));
  const plan = await lab.cli(["plan", "--detailed-exitcode", "--format", "json"]);
  reviewed = JSON.parse(plan.stdout).checksum;
});
afterEach(() => lab.close());

const selector = (id: string) => ({ type: "PLATFORM_SEGMENT", value: { id } });

describe("apply --expect-checksum", () => {
  it("refuses, with zero writes, when someone swapped the audience it would remove for another one", async () => {
    // Same index, same calls, another audience: the plan now removes D, not B.
    expect((await lab.uiPatchFlow(flowId, [{ op: "replace", path: `${SEGMENTS}/1`, value: selector(D) }])).status).toBe(
      202,
    );
    const before = (await lab.writes()).length;
    const apply = await lab.cli(["apply", "--yes", "--expect-checksum", reviewed]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain("The plan changed since it was reviewed");
    expect((await lab.writes()).length).toBe(before);
    const audiences = (await lab.ui("GET", `/flows/${flowId}`)).body.items[0].transformations[0].params
      .segmentSelectors;
    expect(audiences.selectors.map((s: { value: { id: string } }) => s.value.id)).toEqual([A, D]);
  });

  it("accepts a reviewed plan after someone only reordered the live audiences", async () => {
    expect(
      (
        await lab.uiPatchFlow(flowId, [
          { op: "replace", path: `${SEGMENTS}/0`, value: selector(B) },
          { op: "replace", path: `${SEGMENTS}/1`, value: selector(A) },
        ])
      ).status,
    ).toBe(202);
    const apply = await lab.cli(["apply", "--yes", "--expect-checksum", reviewed]);
    expect(apply.code, apply.stderr).toBe(0);
    const audiences = (await lab.ui("GET", `/flows/${flowId}`)).body.items[0].transformations[0].params
      .segmentSelectors;
    expect(audiences.selectors.map((s: { value: { id: string } }) => s.value.id)).toEqual([A]);
  });
});
