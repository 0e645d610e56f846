// `command: drift` on a schedule: one issue per scope, kept current, never duplicated; the job's exit
// follows fail-on-drift, the outputs feed alerting.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DRIFT_LABEL } from "../../src/action/labels.js";
import { kinesisAccount, kinesisDestination } from "../support/lab.js";
import { scheduleEvent, sha } from "./events.js";
import { startActionLab, type ActionLab } from "./harness.js";

let t: ActionLab;
beforeAll(async () => {
  t = await startActionLab();
  t.lab.write("destinations/account.yaml", kinesisAccount());
  t.lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign"));
  expect((await t.lab.cli(["apply", "--yes"])).code).toBe(0);
});
afterAll(() => t.close());

const drift = (inputs: Record<string, string> = {}) =>
  t.run({ command: "drift", eventName: "schedule", payload: scheduleEvent(), sha: sha("d"), inputs });
const editInUi = async (path: string) => {
  const flow = (await t.lab.ui("GET", "/flows?property=name==summer-campaign")).body.items[0];
  await t.lab.uiPatchFlow(flow.id, [
    {
      op: "add",
      path: "/transformations/0/params/profileSelectors/selectors/-",
      value: { type: "JSON_PATH", value: { path } },
    },
  ]);
};

describe("drift", () => {
  it("without drift: exit 0, drift-count 0, no issue", async () => {
    const run = await drift();
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ "drift-count": "0", "has-changes": "false" });
    expect(t.github.issues()).toEqual([]);
    expect(run.summary).toContain("No drift.");
  });

  it("reports without failing when fail-on-drift is off, and keeps one issue current over several checks", async () => {
    await editInUi("mobilePhone.number");
    const first = await drift();
    expect(first.code).toBe(0);
    expect(first.outputs["drift-count"]).toBe("1");
    expect(first.stdout).toMatch(/^::warning title=aep-gitops%3A drift::1 object\(s\) differ/m);
    await editInUi("homeAddress.city");
    const second = await drift({ "fail-on-drift": "true" });
    expect(second.code).toBe(1);
    const issues = t.github.issues(DRIFT_LABEL);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.body).toContain("homeAddress.city");
    expect(t.github.writes().filter((w) => w.startsWith("POST /repos/acme/aep-config/issues "))).toHaveLength(1);
  });

  it("a job limited to one sandbox keeps an issue of its own", async () => {
    const run = await drift({ sandbox: "prod" });
    expect(run.outputs["drift-count"]).toBe("1");
    const titles = t.github
      .issues(DRIFT_LABEL)
      .map((i) => i.title)
      .sort();
    expect(titles).toEqual(["aep-gitops: drift (1 object)", "aep-gitops: drift in sandbox prod (1 object)"]);
    expect(
      t.github
        .issues(DRIFT_LABEL)
        .map((i) => i.body.split("\n")[0])
        .sort(),
    ).toEqual(["<!-- aep-gitops:drift -->", "<!-- aep-gitops:drift sandbox=prod -->"]);
  });
});
