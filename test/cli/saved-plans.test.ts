// Saved plans, as Terraform has them: `plan --out FILE` writes the plan with the etag of every live
// object it was computed from; `apply FILE` applies exactly that plan, and refuses, with zero writes,
// when any of those objects moved since. It never re-plans.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, PROD_AUDIENCES, startLab, type Lab } from "../support/lab.js";

const [A, B, C] = [PROD_AUDIENCES[0]!, PROD_AUDIENCES[1]!, PROD_AUDIENCES[2]!];

let lab: Lab;
let flowId: string;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
  lab.write("destinations/promo.yaml", kinesisDestination("promo", { audiences: [A, B] }));
  expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
  flowId = (await lab.ui("GET", "/flows?property=name==promo")).body.items[0].id;
  lab.write("destinations/promo.yaml", kinesisDestination("promo", { audiences: [A] }));
  const plan = await lab.cli(["plan", "--detailed-exitcode", "--out", "promo.plan.json"]);
  expect(plan.code, plan.stderr).toBe(2);
  expect(plan.stderr).toContain("promo.plan.json");
});
afterEach(() => lab.close());

const audiencesOfPromo = async () =>
  (await lab.ui("GET", `/flows/${flowId}`)).body.items[0].transformations[0].params.segmentSelectors.selectors.map(
    (s: { value: { id: string } }) => s.value.id,
  );

describe("apply FILE", () => {
  it("applies exactly the saved plan, and the next plan is clean", async () => {
    const apply = await lab.cli(["apply", "promo.plan.json", "--yes"]);
    expect(apply.code, apply.stderr).toBe(0);
    expect(await audiencesOfPromo()).toEqual([A]);
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  });

  it("never re-plans: a YAML edit after the plan was saved is not applied", async () => {
    lab.write("destinations/promo.yaml", kinesisDestination("promo", { audiences: [A, C] }));
    expect((await lab.cli(["apply", "promo.plan.json", "--yes"])).code).toBe(0);
    expect(await audiencesOfPromo()).toEqual([A]);
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(2);
  });

  it("refuses with zero writes when an object it touches changed in Adobe's UI, naming who and when", async () => {
    const edit = await lab.uiPatchFlow(flowId, [{ op: "replace", path: "/description", value: "edited in the UI" }]);
    expect(edit.status).toBe(202);
    const before = (await lab.writes()).length;
    const apply = await lab.cli(["apply", "promo.plan.json", "--yes"]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toMatch(/flow promo .*changed .*by ui-editor@AdobeID \(exc_app\) at \d{4}-\d\d-\d\dT/);
    expect(apply.stderr).toContain("plan again");
    expect((await lab.writes()).length).toBe(before);
    expect(await audiencesOfPromo()).toEqual([A, B]);
  });

  it("refuses a file that was edited after it was saved", async () => {
    const file = path.join(lab.dir, "promo.plan.json");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(`/segmentSelectors/selectors/1`, `/segmentSelectors/selectors/0`),
    );
    const before = (await lab.writes()).length;
    const apply = await lab.cli(["apply", "promo.plan.json", "--yes"]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain("does not match its checksum");
    expect((await lab.writes()).length).toBe(before);
  });

  it("takes no safety flags: they were decided when the plan was made", async () => {
    const apply = await lab.cli(["apply", "promo.plan.json", "--yes", "--prune"]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain("--prune");
  });
});
