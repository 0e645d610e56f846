// The stream on the other end (issue 25, item 2), through the built CLI against the emulator and a real
// Kinesis on loopback (kinesalite, test/support/kinesis.ts), reached the way AWS documents it:
// AWS_ENDPOINT_URL_KINESIS. A stream a new destination writes to must exist before any write; a backfill
// its open shards cannot take within Adobe's hour is a warning; what cannot be checked is a note.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventHubsAccount, kinesisAccount, kinesisDestination, startLab, type Lab } from "../support/lab.js";
import { ADOBE_KINESIS_PERMISSIONS, startKinesis, unreachableKinesis, type LocalKinesis } from "../support/kinesis.js";

const BIG = "5b0b6f6e-3c1a-4f0e-9a52-6d1c2b7e4a10";
const SMALL = "0c8e2d4a-7b1f-4e3a-8d6c-1f2a3b4c5d6e";
const UNSIZED = "9d7c6b5a-4e3f-4a1b-8c2d-3e4f5a6b7c8d";
const AUDIENCES = {
  prod: [
    { id: BIG, name: "Lapsed buyers (all time)", totalProfiles: 5_000_000 },
    { id: SMALL, name: "VIP members", totalProfiles: 2_000 },
    { id: UNSIZED, name: "Not evaluated yet", totalProfiles: null },
  ],
};
const HUBS = ["crm-events", "crm-orders"]
  .map(
    (name) => `apiVersion: aep-gitops/v1
kind: Destination
name: ${name}
type: azure-event-hubs
account: eventhubs-crm
target:
  eventHubName: ${name}
audiences:
  - id: ${SMALL}
`,
  )
  .concat(eventHubsAccount())
  .join("---\n");
// kinesisDestination writes `  stream: …` on line 9 of its file, the key at column 3.
const STREAM_LINE = ":9:3";

let lab: Lab;
let kinesis: LocalKinesis | undefined;
beforeEach(async () => {
  lab = await startLab({ config: { audiences: AUDIENCES } });
  lab.write("destinations/account.yaml", kinesisAccount());
});
afterEach(async () => {
  await kinesis?.close();
  kinesis = undefined;
  await lab.close();
});

async function withKinesis(allow?: string[]): Promise<Record<string, string>> {
  kinesis = await startKinesis(allow ? { allow } : {});
  return { AWS_ENDPOINT_URL_KINESIS: kinesis.url };
}

describe("a stream that does not exist", () => {
  it("is an error at the target's line, and apply writes nothing", async () => {
    const env = await withKinesis();
    lab.write("destinations/promo.yaml", kinesisDestination("promo", { stream: "nowhere", audiences: [SMALL] }));
    const apply = await lab.cli(["apply", "--yes"], { env });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toMatch(
      new RegExp(
        `destinations/promo\\.yaml${STREAM_LINE} +error +kinesis-stream +Kinesis stream 'nowhere' does not exist in region us-east-1`,
      ),
    );
    expect(await lab.writes()).toEqual([]);
    expect(await lab.dataWrites()).toEqual([]);
    // Only the call Adobe's own permissions allow decided it.
    expect(kinesis!.actions).toEqual(["ListStreams"]);
    const plan = await lab.cli(["plan", "--format", "json"], { env });
    expect(plan.code).toBe(1);
  });

  it("is found with only the permissions Adobe requires (ListStreams, PutRecord, PutRecords)", async () => {
    const env = await withKinesis(ADOBE_KINESIS_PERMISSIONS);
    lab.write("destinations/promo.yaml", kinesisDestination("promo", { stream: "nowhere", audiences: [SMALL] }));
    const plan = await lab.cli(["plan"], { env });
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/promo\.yaml:9:3 +error +kinesis-stream +Kinesis stream 'nowhere' does not exist/);
  });

  it("is looked for by a plan with the secrets only, not by one without them (a pull request's)", async () => {
    const env = await withKinesis();
    lab.write("destinations/promo.yaml", kinesisDestination("promo", { stream: "nowhere", audiences: [SMALL] }));
    expect((await lab.cli(["plan"], { env })).code).toBe(1);
    expect(kinesis!.actions).toEqual(["ListStreams"]);
    const secretless = await lab.cli(["plan", "--secrets", "optional"], { env });
    expect(secretless.code, secretless.stderr).toBe(0);
    expect(kinesis!.actions).toEqual(["ListStreams"]);
  });
});

describe("a stream that exists", () => {
  it("passes, and apply creates the destination", async () => {
    const env = await withKinesis();
    await kinesis!.createStream("promo-stream", 2);
    lab.write("destinations/promo.yaml", kinesisDestination("promo", { audiences: [SMALL] }));
    const apply = await lab.cli(["apply", "--yes"], { env });
    expect(apply.code, apply.stderr + apply.stdout).toBe(0);
    expect(apply.stderr + apply.stdout).not.toMatch(/kinesis-stream|stream-capacity|not checked|NodeVersionSupport/);
    expect((await lab.dataWrites()).length).toBeGreaterThan(0);
    // The listing, then the shard count for the 2,000 profiles that start leaving.
    expect(kinesis!.actions).toEqual(["ListStreams", "DescribeStreamSummary"]);
    // Nothing left to create: nothing is checked again.
    const again = await lab.cli(["plan"], { env });
    expect(again.code).toBe(0);
    expect(kinesis!.actions).toHaveLength(2);
  });
});

describe("the capacity of a stream", () => {
  it("warns when one shard cannot take the backfill within Adobe's hour, with the numbers", async () => {
    const env = await withKinesis();
    await kinesis!.createStream("promo-stream", 1);
    lab.write("destinations/promo.yaml", kinesisDestination("promo", { audiences: [BIG, UNSIZED] }));
    const plan = await lab.cli(["plan", "--format", "json"], { env });
    expect(plan.code, plan.stderr).toBe(0);
    const warning = JSON.parse(plan.stdout).problems.find((p: { rule: string }) => p.rule === "stream-capacity");
    expect(warning).toMatchObject({ file: "destinations/promo.yaml", line: 9, column: 3, severity: "warning" });
    expect(warning.message).toContain(
      "5,000,000 profiles start leaving for Kinesis stream 'promo-stream' in us-east-1 (1 added audience of unknown size not counted); at 1,000 records/s per shard, its 1 open shard takes ≈ 84 min (profiles ÷ (shards × 1,000 records/s))",
    );
    expect(warning.hint).toContain("at least 2 open shards");
    const text = await lab.cli(["plan"], { env });
    expect(text.stderr).toMatch(/promo\.yaml:9:3 +warning +stream-capacity +5,000,000 profiles/);
  });

  it("says nothing when the shards take it within the hour", async () => {
    const env = await withKinesis();
    await kinesis!.createStream("promo-stream", 2);
    lab.write("destinations/promo.yaml", kinesisDestination("promo", { audiences: [BIG] }));
    const plan = await lab.cli(["plan"], { env });
    expect(plan.code).toBe(0);
    expect(plan.stderr + plan.stdout).not.toMatch(/stream-capacity|not checked/);
    // 5,000,000 ÷ (2 × 1,000/s) = 2,500 s: within the hour, read from the shard count.
    expect(kinesis!.actions).toEqual(["ListStreams", "DescribeStreamSummary"]);
  });

  it("is unknown, with one note, where the account may not call DescribeStreamSummary", async () => {
    const env = await withKinesis(ADOBE_KINESIS_PERMISSIONS);
    await kinesis!.createStream("promo-stream", 1);
    lab.write("destinations/promo.yaml", kinesisDestination("promo", { audiences: [BIG] }));
    const plan = await lab.cli(["plan"], { env });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stderr).not.toContain("stream-capacity");
    expect(plan.stdout.match(/kinesis:DescribeStreamSummary/g)).toHaveLength(1);
    expect(plan.stdout).toContain("The open shard count of Kinesis stream 'promo-stream' (us-east-1) is unknown");
  });

  it("says which sizes were unknown instead of guessing", async () => {
    const env = await withKinesis();
    await kinesis!.createStream("promo-stream", 1);
    lab.write("destinations/promo.yaml", kinesisDestination("promo", { audiences: [UNSIZED] }));
    const plan = await lab.cli(["plan"], { env });
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("1 audience added for Kinesis stream 'promo-stream' (us-east-1) is of unknown size");
    expect(kinesis!.actions).toEqual(["ListStreams"]);
  });
});

describe("what cannot be checked", () => {
  it("is one note when the Kinesis cannot be reached, never a failed plan", async () => {
    lab.write("destinations/promo.yaml", kinesisDestination("promo", { audiences: [SMALL] }));
    const plan = await lab.cli(["plan"], { env: { AWS_ENDPOINT_URL_KINESIS: await unreachableKinesis() } });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout.match(/Kinesis stream 'promo-stream' \(us-east-1\) was not checked: /g)).toHaveLength(1);
  });

  it("is said once for an emulated Adobe without a local Kinesis, and once for event hubs", async () => {
    lab.write("destinations/promo.yaml", kinesisDestination("promo", { audiences: [SMALL] }));
    lab.write("destinations/second.yaml", kinesisDestination("second", { audiences: [SMALL] }));
    lab.write("destinations/hubs.yaml", HUBS);
    const plan = await lab.cli(["plan"]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout.match(/Kinesis streams were not checked: this run talks to an emulated Adobe/g)).toHaveLength(1);
    expect(plan.stdout.match(/Event hubs were not checked/g)).toHaveLength(1);
  });
});

describe("doctor", () => {
  it("reports every stream the YAML names: present with its shards, or missing", async () => {
    const env = await withKinesis();
    await kinesis!.createStream("promo-stream", 3);
    lab.write("destinations/promo.yaml", kinesisDestination("promo"));
    lab.write("destinations/gone.yaml", kinesisDestination("gone", { stream: "nowhere" }));
    const run = await lab.cli(["doctor"], { env });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "✓ Kinesis stream 'promo-stream' of destination 'promo' exists in us-east-1 (3 open shards: up to 3,000 records/s).",
    );
    expect(run.stdout).toContain(
      "✗ Kinesis stream 'nowhere' of destination 'gone' does not exist in region us-east-1.",
    );
    expect(run.stdout).not.toContain(lab.env.KINESIS_SECRET_KEY!);
    expect(await lab.writes()).toEqual([]);
  });
});
