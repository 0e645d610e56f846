// Preserve what you do not manage (issue 22, item 6): a selector update sends the live selector with only
// the fields the YAML sets changed (an audience's schedule set in Adobe's UI survives a rename), the YAML
// can set an audience's schedule itself (shown in every format, round-tripped by import), and adoption
// appends the ownership marker to a description instead of replacing it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KINESIS_SPEC, kinesisAccount, MEN_OVER_50, PROD_AUDIENCES, startLab, type Lab } from "../support/lab.js";

const SELECTORS = "/transformations/0/params/segmentSelectors/selectors";
const SECOND = PROD_AUDIENCES[1]!;

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
});
afterEach(() => lab.close());

function promo(audiences: string): string {
  return `apiVersion: aep-gitops/v1
kind: Destination
name: promo
type: amazon-kinesis
account: kinesis-marketing
target:
  stream: promo
  region: us-east-1
audiences:
${audiences}
profileAttributes:
  - person.lastName
`;
}

type Selector = { type: string; value: Record<string, unknown> };

async function liveSelectors(l: Lab, name: string): Promise<Selector[]> {
  const flow = (await l.ui("GET", `/flows?property=name==${encodeURIComponent(name)}`)).body.items[0];
  return flow.transformations[0].params.segmentSelectors.selectors;
}

async function flowId(l: Lab, name: string): Promise<string> {
  return (await l.ui("GET", `/flows?property=name==${encodeURIComponent(name)}`)).body.items[0].id;
}

describe("a selector update keeps what the YAML does not set", () => {
  it("keeps the schedule set in Adobe's UI when a renamed audience's new name is written", async () => {
    lab.write("destinations/account.yaml", kinesisAccount());
    lab.write("destinations/promo.yaml", promo(`  - id: ${MEN_OVER_50}\n    name: Men over 50\n  - id: ${SECOND}`));
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);

    // In Adobe's UI, someone gives the audience an activation window; the YAML does not manage it.
    const schedule = { startDate: "2026-07-01", endDate: "2026-08-31" };
    const id = await flowId(lab, "promo");
    const index = (await liveSelectors(lab, "promo")).findIndex((s) => s.value.id === MEN_OVER_50);
    const edited = await lab.uiPatchFlow(id, [
      { op: "add", path: `${SELECTORS}/${index}/value/schedule`, value: schedule },
    ]);
    expect(edited.status).toBeLessThan(300);
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);

    // Segmentation renames the audience; the plan's warning says to write the new name, and it is written.
    await lab.uiRenameAudience(MEN_OVER_50, "Men aged 50 and over");
    const warned = await lab.cli(["plan"]);
    expect(warned.stderr).toContain("audience-name");
    lab.write(
      "destinations/promo.yaml",
      promo(`  - id: ${MEN_OVER_50}\n    name: Men aged 50 and over\n  - id: ${SECOND}`),
    );
    const plan = await lab.cli(["plan", "--detailed-exitcode", "--format", "json"]);
    expect(plan.code, plan.stderr).toBe(2);
    const flow = JSON.parse(plan.stdout).sandboxes[0].changes.find((c: { ref: string }) => c.ref === "flow/promo");
    expect(flow.fields).toEqual([
      { field: `audiences[${MEN_OVER_50}].name`, before: "Men over 50", after: "Men aged 50 and over" },
    ]);
    // Adobe's update page: "provide all the audience information in the payload".
    expect(flow.calls[0].body).toEqual([
      {
        op: "replace",
        path: `${SELECTORS}/${index}`,
        value: { type: "PLATFORM_SEGMENT", value: { id: MEN_OVER_50, name: "Men aged 50 and over", schedule } },
      },
    ]);

    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    const kept = (await liveSelectors(lab, "promo")).find((s) => s.value.id === MEN_OVER_50)!;
    expect(kept.value).toEqual({ id: MEN_OVER_50, name: "Men aged 50 and over", schedule });
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  });
});

describe("an audience's schedule in YAML", () => {
  const scheduled = (endDate: string) =>
    promo(
      `  - id: ${MEN_OVER_50}\n    name: Men over 50\n    schedule:\n      startDate: 2026-07-01\n      endDate: ${endDate}\n  - id: ${SECOND}`,
    );

  it("is sent, shown in text, markdown and JSON, kept equal, and a change of dates is a change of when data leaves", async () => {
    lab.write("destinations/account.yaml", kinesisAccount());
    lab.write("destinations/promo.yaml", scheduled("2026-08-31"));
    const text = await lab.cli(["plan"]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`+ audience ${MEN_OVER_50} (Men over 50) from 2026-07-01 until 2026-08-31`);
    const markdown = await lab.cli(["plan", "--format", "markdown"]);
    expect(markdown.stdout).toContain(
      `- ➕ audience **Men over 50** \`${MEN_OVER_50}\` from \`2026-07-01\` until \`2026-08-31\``,
    );
    const json = JSON.parse((await lab.cli(["plan", "--format", "json"])).stdout);
    const [egress] = json.sandboxes[0].egress;
    expect(egress.audiencesAdded[0]).toEqual({
      id: MEN_OVER_50,
      name: "Men over 50",
      adobeName: "Men over 50",
      schedule: { startDate: "2026-07-01", endDate: "2026-08-31" },
      profiles: 1_184_302,
    });

    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    const applied = (await liveSelectors(lab, "promo")).find((s) => s.value.id === MEN_OVER_50)!;
    expect(applied.value.schedule).toEqual({ startDate: "2026-07-01", endDate: "2026-08-31" });
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);

    // A longer window: a field change with before and after, and data leaving later than before.
    lab.write("destinations/promo.yaml", scheduled("2026-09-30"));
    const moved = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(moved.code, moved.stderr).toBe(2);
    expect(moved.stdout).toContain(
      `audiences[${MEN_OVER_50}].schedule: from 2026-07-01 until 2026-08-31 → from 2026-07-01 until 2026-09-30`,
    );
    expect(moved.stdout).toContain("promo (Amazon Kinesis): changes when it exports");
    expect(moved.stdout).toContain(
      `~ audience ${MEN_OVER_50} (Men over 50): from 2026-07-01 until 2026-08-31 → from 2026-07-01 until 2026-09-30`,
    );
    const movedMarkdown = await lab.cli(["plan", "--format", "markdown"]);
    expect(movedMarkdown.stdout).toContain(
      `- 🗓️ audience **Men over 50** \`${MEN_OVER_50}\`: from \`2026-07-01\` until \`2026-08-31\` → from \`2026-07-01\` until \`2026-09-30\``,
    );
    const movedJson = JSON.parse((await lab.cli(["plan", "--format", "json"])).stdout);
    const flow = movedJson.sandboxes[0].changes.find((c: { ref: string }) => c.ref === "flow/promo");
    expect(flow.fields).toEqual([
      {
        field: `audiences[${MEN_OVER_50}].schedule`,
        before: { endDate: "2026-08-31", startDate: "2026-07-01" },
        after: { endDate: "2026-09-30", startDate: "2026-07-01" },
      },
    ]);
    expect(movedJson.sandboxes[0].egress[0]).toMatchObject({
      status: "changed",
      audiencesRescheduled: [
        {
          id: MEN_OVER_50,
          name: "Men over 50",
          before: { startDate: "2026-07-01", endDate: "2026-08-31" },
          after: { startDate: "2026-07-01", endDate: "2026-09-30" },
        },
      ],
    });
    expect(movedJson.checksum).not.toBe(json.checksum);

    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    const later = (await liveSelectors(lab, "promo")).find((s) => s.value.id === MEN_OVER_50)!;
    expect(later.value).toEqual({
      id: MEN_OVER_50,
      name: "Men over 50",
      schedule: { startDate: "2026-07-01", endDate: "2026-09-30" },
    });
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  });

  it("is refused by validate at its line when a date does not exist or the end comes before the start", async () => {
    lab.write("destinations/account.yaml", kinesisAccount());
    lab.write(
      "destinations/promo.yaml",
      scheduled("2026-06-30").replace("startDate: 2026-07-01", "startDate: 2026-02-30"),
    );
    const invalid = await lab.cli(["validate"]);
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toMatch(
      /destinations\/promo\.yaml:13:18 +error +audience-schedule +startDate '2026-02-30' is not a date/,
    );
    lab.write("destinations/promo.yaml", scheduled("2026-06-30"));
    const reversed = await lab.cli(["validate"]);
    expect(reversed.code).toBe(1);
    expect(reversed.stdout).toMatch(
      /destinations\/promo\.yaml:14:16 +error +audience-schedule +endDate 2026-06-30 comes before startDate 2026-07-01/,
    );
  });
});

/** What a person clicks together in Adobe's UI: every object described, one audience scheduled. */
async function clickTogether(l: Lab) {
  const source = await l.uiProfileSource();
  const account = await l.uiCreate("/connections", {
    name: "Marketing AWS",
    description: "Owned by the marketing team",
    connectionSpec: KINESIS_SPEC,
    auth: {
      specName: "Aws Kinesis authentication credentials",
      params: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretKey: "ui-typed-secret-123", region: "eu-west-1" },
    },
  });
  const target = await l.uiCreate("/targetConnections", {
    name: "Summer target",
    description: "EU summer stream, see ticket MKT-12",
    baseConnectionId: account,
    connectionSpec: KINESIS_SPEC,
    data: { format: "json" },
    params: { stream: "eu-summer", region: "eu-west-1" },
  });
  await l.uiCreate("/flows", {
    name: "Summer",
    description: "Made in the UI",
    flowSpec: { id: "71471eba-b620-49e4-90fd-23f1fa0174d8", version: "1.0" },
    sourceConnectionIds: [source],
    targetConnectionIds: [target],
    transformations: [
      {
        name: "GeneralTransform",
        params: {
          profileSelectors: { selectors: [{ type: "JSON_PATH", value: { path: "person.lastName" } }] },
          segmentSelectors: {
            selectors: [
              {
                type: "PLATFORM_SEGMENT",
                value: { id: MEN_OVER_50, name: "Men over 50", schedule: { startDate: "2026-07-01" } },
              },
              { type: "PLATFORM_SEGMENT", value: { id: SECOND } },
            ],
          },
        },
      },
    ],
  });
  return { account, target };
}

describe("import and adoption", () => {
  const CREDS = {
    MARKETING_AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
    MARKETING_AWS_SECRET_KEY: "ui-typed-secret-123",
  };

  it("writes an audience's schedule back, which the adopting plan then leaves as it is", async () => {
    await clickTogether(lab);
    const imported = await lab.cli(["import", "--sandbox", "prod", "--out", "destinations"]);
    expect(imported.code, imported.stderr).toBe(0);
    const yaml = readFileSync(path.join(lab.dir, "destinations/summer.yaml"), "utf8");
    expect(yaml).toContain(
      `  - id: ${MEN_OVER_50}\n    name: Men over 50\n    schedule:\n      startDate: 2026-07-01\n`,
    );
    expect((await lab.cli(["validate", "destinations"])).code).toBe(0);
    const plan = await lab.cli(["plan", "--detailed-exitcode", "--format", "json"], { env: CREDS });
    expect(plan.code, plan.stderr).toBe(2);
    const flow = JSON.parse(plan.stdout).sandboxes[0].changes.find((c: { resource: string }) => c.resource === "flow");
    expect(flow.fields).toEqual([]);
    expect((await lab.cli(["apply", "--yes"], { env: CREDS })).code).toBe(0);
    const selector = (await liveSelectors(lab, "Summer")).find((s) => s.value.id === MEN_OVER_50)!;
    expect(selector.value.schedule).toEqual({ startDate: "2026-07-01" });
    expect((await lab.cli(["plan", "--detailed-exitcode"], { env: CREDS })).code).toBe(0);
  });

  it("appends the ownership marker to the target connection's and the account's descriptions", async () => {
    const { account, target } = await clickTogether(lab);
    expect((await lab.cli(["import", "--sandbox", "prod", "--out", "destinations"])).code).toBe(0);
    const plan = await lab.cli(["plan", "--detailed-exitcode", "--format", "json"], { env: CREDS });
    expect(plan.code, plan.stderr).toBe(2);
    const changes = JSON.parse(plan.stdout).sandboxes[0].changes;
    expect(changes.map((c: { action: string; resource: string }) => `${c.action} ${c.resource}`)).toEqual([
      "adopt account",
      "adopt target-connection",
      "adopt flow",
    ]);
    // Only the marker: no description is changed, so no field either.
    for (const change of changes) expect(change.fields).toEqual([]);
    const targetChange = changes.find((c: { resource: string }) => c.resource === "target-connection");
    expect(targetChange.calls[0].body).toEqual([
      {
        op: "add",
        path: "/description",
        value: "EU summer stream, see ticket MKT-12\n\n[managed by aep-gitops: destination/summer]",
      },
    ]);

    expect((await lab.cli(["apply", "--yes"], { env: CREDS })).code).toBe(0);
    const liveTarget = (await lab.ui("GET", `/targetConnections/${target}`)).body.items[0];
    expect(liveTarget.description).toBe(
      "EU summer stream, see ticket MKT-12\n\n[managed by aep-gitops: destination/summer]",
    );
    const liveAccount = (await lab.ui("GET", `/connections/${account}`)).body.items[0];
    expect(liveAccount.description).toMatch(
      /^Owned by the marketing team\n\n\[managed by aep-gitops: account\/marketing-aws /,
    );
    expect((await lab.cli(["plan", "--detailed-exitcode"], { env: CREDS })).code).toBe(0);
  });
});
