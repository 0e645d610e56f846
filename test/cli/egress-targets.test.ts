// "Data leaving the company" says where data goes, not only what: a new stream, an account that moves,
// an orphan that still exports, two destinations writing to one stream.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, startLab, type Lab } from "../support/lab.js";

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
  lab.write("destinations/churn.yaml", kinesisDestination("churn", { stream: "crm-churn" }));
  expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
});
afterEach(() => lab.close());

describe("the egress delta", () => {
  it("shows a stream change in text, markdown and JSON", async () => {
    lab.write("destinations/churn.yaml", kinesisDestination("churn", { stream: "crm-churn-v2" }));
    const text = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(text.stdout).not.toContain("Data leaving the company: no change");
    expect(text.stdout).toMatch(
      /\[prod\] churn \(Amazon Kinesis\): changes where it exports\n +~ stream "crm-churn" → "crm-churn-v2"/,
    );
    const markdown = await lab.cli(["plan", "--detailed-exitcode", "--format", "markdown"]);
    expect(markdown.stdout).toMatch(
      /🟡 \*\*churn\*\*.*changes where it exports[\s\S]*stream `crm-churn` → `crm-churn-v2`/,
    );
    const json = JSON.parse((await lab.cli(["plan", "--detailed-exitcode", "--format", "json"])).stdout);
    expect(json.sandboxes[0].egress).toEqual([
      expect.objectContaining({
        destination: "churn",
        status: "changed",
        target: {
          before: { account: "kinesis-marketing", stream: "crm-churn", region: "us-east-1" },
          after: { account: "kinesis-marketing", stream: "crm-churn-v2", region: "us-east-1" },
        },
      }),
    ]);
  });

  it("says where a new destination sends its data", async () => {
    lab.write("destinations/fresh.yaml", kinesisDestination("fresh", { stream: "fresh-stream" }));
    const json = JSON.parse((await lab.cli(["plan", "--detailed-exitcode", "--format", "json"])).stdout);
    const fresh = json.sandboxes[0].egress.find((e: { destination: string }) => e.destination === "fresh");
    expect(fresh.target).toEqual({
      after: { account: "kinesis-marketing", stream: "fresh-stream", region: "us-east-1" },
    });
  });

  it("flags an orphan that is still enabled as still exporting, with its counts, in every format", async () => {
    lab.remove("destinations/churn.yaml");
    lab.write("destinations/other.yaml", kinesisDestination("other", { stream: "other-stream" }));
    const text = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(text.stdout).toMatch(
      /\[prod\] churn \(Amazon Kinesis\): still exporting \(left in place: not in YAML, prune is off\): 1 audience, 2 attributes/,
    );
    const markdown = await lab.cli(["plan", "--detailed-exitcode", "--format", "markdown"]);
    expect(markdown.stdout).toMatch(/\*\*churn\*\*.*\*\*still exporting/);
    const json = JSON.parse((await lab.cli(["plan", "--detailed-exitcode", "--format", "json"])).stdout);
    expect(json.sandboxes[0].egress).toContainEqual(
      expect.objectContaining({
        destination: "churn",
        status: "still-exporting",
        counts: { audiences: 1, attributes: 2 },
      }),
    );
  });

  it("warns when two destinations write to the same stream", async () => {
    lab.write("destinations/twin.yaml", kinesisDestination("twin", { stream: "crm-churn" }));
    const validate = await lab.cli(["validate"]);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(
      /destinations\/twin\.yaml:\d+:\d+ +warning +shared-target +destination 'twin' writes to the same stream as 'churn'/,
    );
  });
});
