// One meaning for an absent include flag (docs/design.md): Adobe's UI has includeSegmentNames and
// includeSegmentTimestamps as toggles one turns on ("Toggle if you want the data export to include …"), so a
// flag Adobe does not hold is off. The planner, the drift report and the reliability invariants
// (test/reliability/support/invariants.ts) all read it so: `false` in YAML and no flag in Adobe are equal,
// `true` on either side alone is a difference. (Chaos cases 37, 171 and 179 of seed 20250611.)
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../support/lab.js";
import { converged, sandboxOf } from "../reliability/support/invariants.js";
import { accountYaml, build, destinationYaml, type Model } from "../reliability/support/model.js";

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
});
afterEach(() => lab.close());

const account = build.kinesis("acct-kinesis-a");

function write(target: Record<string, string | boolean>): Model {
  const model: Model = {
    sandbox: "prod",
    accounts: [account],
    destinations: [build.destination("dest-2", account, { target: { stream: "s", region: "us-east-1", ...target } })],
  };
  lab.write("destinations/account.yaml", accountYaml(account));
  lab.write("destinations/dest-2.yaml", destinationYaml(model.destinations[0]!));
  return model;
}

const liveParams = async () =>
  sandboxOf(await lab.state(), "prod").targetConnections[0]!.params as Record<string, unknown>;

describe("an include flag Adobe does not hold", () => {
  it("equals false in YAML: no plan, no drift, converged", async () => {
    write({});
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    expect(await liveParams()).toEqual({ stream: "s", region: "us-east-1" });

    const model = write({ includeSegmentNames: false, includeSegmentTimestamps: false });
    const plan = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(plan.code, plan.stdout).toBe(0);
    expect((await lab.cli(["drift"])).code).toBe(0);
    expect(converged(sandboxOf(await lab.state(), "prod"), model, { prune: true })).toEqual([]);
  });

  it("differs from true on either side: a plan, drift, and no convergence until applied", async () => {
    write({ includeSegmentTimestamps: true });
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);

    // The YAML drops the flag: Adobe still has it on, which the planner, drift and the invariant all see.
    const model = write({});
    expect(converged(sandboxOf(await lab.state(), "prod"), model, { prune: true })).toEqual([
      "target dest-2: includeSegmentTimestamps = true",
    ]);
    const drift = await lab.cli(["drift"]);
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain("includeSegmentTimestamps");
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    expect((await liveParams()).includeSegmentTimestamps).toBeUndefined();
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
    expect(converged(sandboxOf(await lab.state(), "prod"), model, { prune: true })).toEqual([]);
  });
});
