// The YAML is held against the connection specs this sandbox's Adobe serves (read once per type per
// run): a target param or credential the spec does not accept fails the plan at its line, saying what
// the sandbox accepts, before anything is written.
import { afterEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, startLab, type Lab } from "../support/lab.js";

const KINESIS = "86043421-563b-46ec-8e6c-e23184711bf6";

let lab: Lab;
afterEach(() => lab.close());

const withTimestamps = kinesisDestination("promo").replace(
  "  region: us-east-1\n",
  "  region: us-east-1\n  includeSegmentTimestamps: true\n",
);

describe("a Kinesis spec without includeSegmentTimestamps", () => {
  it("fails a plan that sets it, at its line, with what the sandbox accepts, and apply writes nothing", async () => {
    lab = await startLab({
      config: { connectionSpecOverrides: { [KINESIS]: { removeTargetParams: ["includeSegmentTimestamps"] } } },
    });
    lab.write("destinations/account.yaml", kinesisAccount());
    lab.write("destinations/promo.yaml", withTimestamps);
    const plan = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(
      /destinations\/promo\.yaml:11:3 +error +connection-spec +'includeSegmentTimestamps' is not a target param of Amazon Kinesis in this sandbox/,
    );
    expect(plan.stderr).toContain("accepts: stream, region, includeSegmentNames");
    expect((await lab.cli(["apply", "--yes"])).code).toBe(1);
    expect(await lab.writes()).toEqual([]);
  });

  it("plans the same YAML without it, reading the spec once per run", async () => {
    lab = await startLab({
      config: { connectionSpecOverrides: { [KINESIS]: { removeTargetParams: ["includeSegmentTimestamps"] } } },
    });
    lab.write("destinations/account.yaml", kinesisAccount());
    lab.write("destinations/promo.yaml", kinesisDestination("promo"));
    lab.write("destinations/other.yaml", kinesisDestination("other"));
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(2);
    const reads = (await lab.requests()).filter((r) => r.route === "/connectionSpecs/{id}");
    expect(reads).toHaveLength(1);
  });
});

describe("the account's credentials", () => {
  it("fail at their line when the spec does not know a field", async () => {
    lab = await startLab({ config: { connectionSpecOverrides: { [KINESIS]: { removeAuthParams: ["region"] } } } });
    lab.write("destinations/account.yaml", kinesisAccount());
    lab.write("destinations/promo.yaml", kinesisDestination("promo"));
    const plan = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(
      /account\.yaml:\d+:\d+ +error +connection-spec +'region' is not a credential of Amazon Kinesis/,
    );
  });
});
