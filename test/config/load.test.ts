// loadDesired: what the desired state holds for valid YAML, and how it behaves on broken YAML
// (every problem at once, broken items left out, never an exception).
import fc from "fast-check";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { hasErrors, loadDesired } from "../../src/config/load.js";
import { parseYamlFile } from "../../src/config/yaml-file.js";
import { checkDocument } from "../../src/config/check-document.js";
import { kinesisAccount, kinesisDestination, writeTree } from "./builders.js";

const EXAMPLES = fileURLToPath(new URL("../../examples/destinations/", import.meta.url));

describe("loading the examples", () => {
  it("gives the tutorial's destination with its audience, attributes and places", async () => {
    const { desired, problems, files } = await loadDesired("prod", [EXAMPLES]);
    expect(problems).toEqual([]);
    expect(files.map((f) => path.basename(f))).toEqual([
      "loyalty-winback.yaml",
      "realtime-personalization.yaml",
      "summer-advertising-campaign.yaml",
    ]);
    const summer = desired.destinations.find((d) => d.name === "summer-advertising-campaign")!;
    expect(summer).toMatchObject({
      type: "amazon-kinesis",
      account: "kinesis-marketing",
      state: "enabled",
      target: { stream: "summer-campaign", region: "us-east-1" },
      audiences: [{ id: "72ddd79b-6b0a-4e97-a8d2-112ccd81bd02", name: "Men over 50" }],
      profileAttributes: [{ path: "person.lastName" }, { path: "personalEmail.address" }],
    });
    expect(summer.source).toEqual({
      file: path.join(EXAMPLES, "summer-advertising-campaign.yaml"),
      line: 14,
      column: 1,
    });
    expect(summer.audiences[0]!.source).toMatchObject({ line: 25, column: 5 });
  });

  it("keeps environment references as references and literals as literals", async () => {
    const { desired } = await loadDesired("prod", [EXAMPLES]);
    expect(desired.accounts.find((a) => a.name === "kinesis-marketing")!.credentials).toEqual({
      accessKeyId: { env: "KINESIS_MARKETING_ACCESS_KEY_ID" },
      secretKey: { env: "KINESIS_MARKETING_SECRET_KEY" },
      region: { literal: "us-east-1" },
    });
  });

  it("defaults state to enabled and keeps a name-only audience without an id", async () => {
    const { desired } = await loadDesired("prod", [EXAMPLES]);
    const realtime = desired.destinations.find((d) => d.name === "realtime-personalization")!;
    expect(realtime.state).toBe("enabled");
    expect(realtime.audiences).toEqual([{ name: "Men over 50", source: expect.any(Object) }]);
  });
});

describe("loading broken YAML", () => {
  it("reports every problem of every file at once", async () => {
    const dir = writeTree({
      "account.yaml": kinesisAccount().replace("${env:KINESIS_MARKETING_SECRET_KEY}", "hunter2hunter2"),
      "a.yaml": kinesisDestination("summer", { audiences: ["not-a-uuid"], attributes: ["person/lastName"] }).replace(
        "region: us-east-1",
        "regoin: us-east-1",
      ),
      "b.yaml": kinesisDestination("summer", { account: "kinesis-sales" }),
      "c.yaml": "apiVersion: aep-gitops/v1\nkind: Destination\nname: broken\n  bad: indent\n",
    });
    const { problems } = await loadDesired("prod", [dir]);
    expect(problems.map((p) => `${path.basename(p.file)}:${p.line}:${p.column} ${p.rule}`)).toEqual([
      "a.yaml:3:7 duplicate-name",
      "a.yaml:8:3 schema",
      "a.yaml:10:9 audience-id",
      "a.yaml:12:5 xdm-path",
      "account.yaml:7:14 literal-secret",
      "b.yaml:3:7 duplicate-name",
      "b.yaml:5:10 unknown-account",
      "c.yaml:3:7 yaml-syntax",
    ]);
  });

  it("returns only the items without errors, and hasErrors tells the caller to stop", async () => {
    const dir = writeTree({
      "account.yaml": kinesisAccount(),
      "good.yaml": kinesisDestination("good"),
      "bad.yaml": kinesisDestination("bad", { attributes: ["person..lastName"] }),
    });
    const { desired, problems } = await loadDesired("prod", [dir]);
    expect(desired.destinations.map((d) => d.name)).toEqual(["good"]);
    expect(desired.accounts.map((a) => a.name)).toEqual(["kinesis-marketing"]);
    expect(hasErrors(problems)).toBe(true);
  });

  it("never echoes a literal secret in any message or hint", async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[A-Za-z0-9/+$]{12,40}$/), async (secret) => {
        const yaml = kinesisAccount().replace("${env:KINESIS_MARKETING_SECRET_KEY}", JSON.stringify(secret));
        const file = parseYamlFile("/x/account.yaml", Buffer.from(yaml));
        const problems = file.documents.flatMap((doc) => checkDocument(doc).problems);
        if (!/^\$\{env:[A-Za-z_][A-Za-z0-9_]*\}$/.test(secret)) expect(problems).toHaveLength(1);
        for (const p of problems) expect(`${p.message} ${p.hint}`).not.toContain(secret);
      }),
      { numRuns: 200 },
    );
  });

  it("never throws, whatever the bytes", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.string({ maxLength: 300 }).map((s) => Buffer.from(s)),
        ),
        (bytes) => {
          const file = parseYamlFile("/x/fuzz.yaml", bytes);
          for (const doc of file.documents) checkDocument(doc);
        },
      ),
      { numRuns: 500 },
    );
  });
});
