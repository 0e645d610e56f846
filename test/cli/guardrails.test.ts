// Adobe's soft guardrails, counted against the live sandbox: warnings by default, refusals with --strict.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KINESIS_SPEC, kinesisAccount, kinesisDestination, MEN_OVER_50, startLab, type Lab } from "../support/lab.js";

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
  // 98 destinations that other teams made in Adobe's UI: aep-gitops does not manage them, but they count.
  const post = (path: string, body: unknown) => lab.uiCreate(path, body);
  const source = await lab.uiProfileSource();
  const account = await lab.uiKinesisAccount("Other team", "other-team-secret");
  for (let i = 0; i < 98; i++) {
    const target = await post("/targetConnections", {
      name: `t${i}`,
      baseConnectionId: account,
      connectionSpec: KINESIS_SPEC,
      data: { format: "json" },
      params: { stream: `s${i}`, region: "us-east-1" },
    });
    await post("/flows", {
      name: `UI destination ${i}`,
      flowSpec: { id: "71471eba-b620-49e4-90fd-23f1fa0174d8", version: "1.0" },
      sourceConnectionIds: [source],
      targetConnectionIds: [target],
      transformations: [
        {
          name: "GeneralTransform",
          params: {
            profileSelectors: { selectors: [] },
            segmentSelectors: { selectors: [{ type: "PLATFORM_SEGMENT", value: { id: MEN_OVER_50 } }] },
          },
        },
      ],
    });
  }
  lab.write("destinations/account.yaml", kinesisAccount());
  for (const name of ["one", "two", "three"]) lab.write(`destinations/${name}.yaml`, kinesisDestination(name));
}, 60_000);
afterAll(() => lab.close());

describe("guardrails with live counts", () => {
  it("warns when managed and unmanaged destinations together pass 100 per sandbox", async () => {
    const plan = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain(
      "Sandbox 'prod' would hold 101 destinations (98 not managed by aep-gitops), over Adobe's guardrail of 100 per sandbox.",
    );
  });

  it("refuses with --strict and writes nothing", async () => {
    const before = (await lab.writes()).length;
    const apply = await lab.cli(["apply", "--yes", "--strict"]);
    expect(apply.code).toBe(1);
    expect(apply.stderr + apply.stdout).toContain("--strict");
    expect((await lab.writes()).length).toBe(before);
  });

  it("makes the per-destination guardrails (51 attributes) errors with --strict", async () => {
    const attributes = Array.from({ length: 51 }, (_, i) => `person.field${i}`);
    lab.write("destinations/wide.yaml", kinesisDestination("wide", { attributes }));
    const relaxed = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(relaxed.stderr).toMatch(/wide\.yaml:\d+:\d+ +warning +guardrail-attributes/);
    const strict = await lab.cli(["plan", "--detailed-exitcode", "--strict"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/wide\.yaml:\d+:\d+ +error +guardrail-attributes/);
    lab.remove("destinations/wide.yaml");
  });
});
