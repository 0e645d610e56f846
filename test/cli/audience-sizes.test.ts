// Audience sizes in every plan (issue 25, item 1), through the built CLI against the emulator: each
// audience that starts or stops leaving shows Adobe's totalProfiles (the Audiences API's export metrics,
// read in the list call the plan makes anyway), "size unknown" where Adobe has none, and per destination
// the sum in words; in text, JSON and markdown. A size that changes between plan and apply is no change.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, MEN_OVER_50, startLab, type Lab } from "../support/lab.js";

// Seeded in the emulator: "Men over 50" with 1,184,302 profiles, "Email engaged (30 days)" with no metrics.
const EMAIL_ENGAGED = "eb764ff8-0e01-4af1-9304-9d442f0ed705";
const AUDIENCES = "/data/core/ups/audiences";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed documents

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
});
afterEach(() => lab.close());

/** Adobe's job writing a new count: POST /audiences/bulk-patch-metric (audiences.md, "Update multiple audiences"). */
async function setSize(id: string, totalProfiles: number): Promise<void> {
  const grant = await fetch(`${lab.url}/ims/token/v3`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: lab.env.AEP_CLIENT_ID!,
      client_secret: lab.env.AEP_CLIENT_SECRET!,
    }),
  });
  const token = ((await grant.json()) as Json).access_token as string;
  const response = await fetch(`${lab.url}${AUDIENCES}/bulk-patch-metric`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "x-api-key": lab.env.AEP_CLIENT_ID!,
      "x-gw-ims-org-id": lab.env.AEP_ORG_ID!,
      "x-sandbox-name": "prod",
      "content-type": "application/json",
    },
    body: JSON.stringify({
      jobId: "export-job-2",
      jobType: "export",
      resources: [
        {
          audienceId: id,
          namespace: "AEPSegments",
          operations: [{ op: "add", path: "/metrics/data", value: { totalProfiles } }],
        },
      ],
    }),
  });
  expect(((await response.json()) as Json).resources[0].status).toBe(200);
}

async function audienceCalls(): Promise<string[]> {
  return (await lab.requests()).filter((r) => r.path.startsWith(AUDIENCES)).map((r) => `${r.method} ${r.route}`);
}

describe("a plan that starts exporting audiences", () => {
  beforeEach(() => {
    lab.write("destinations/one.yaml", kinesisDestination("one", { audiences: [MEN_OVER_50, EMAIL_ENGAGED] }));
  });

  it("shows each size, size unknown, and the sum per stream in text, from the one list call it makes anyway", async () => {
    const run = await lab.cli(["plan"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`    + audience ${MEN_OVER_50} (Men over 50) — 1.2 M profiles\n`);
    expect(run.stdout).toContain(`    + audience ${EMAIL_ENGAGED} (Email engaged (30 days)) — size unknown\n`);
    expect(run.stdout).toContain(
      '    at least 1.2 M profiles start leaving for stream "one-stream" (size of 1 audience unknown; Adobe backfills within about an hour)\n',
    );
    // No call of its own: the sizes come with the audience list the plan reads to check references.
    expect(await audienceCalls()).toEqual([`GET ${AUDIENCES}`]);
  });

  it("carries the exact counts in JSON, without a figure where Adobe has none", async () => {
    const run = await lab.cli(["plan", "--format", "json"]);
    expect(run.code, run.stderr).toBe(0);
    const [delta] = (JSON.parse(run.stdout) as Json).sandboxes[0].egress;
    expect(delta.audiencesAdded).toEqual([
      expect.objectContaining({ id: MEN_OVER_50, profiles: 1_184_302 }),
      expect.not.objectContaining({ profiles: expect.anything() }),
    ]);
    expect(delta.audiencesAdded[1].id).toBe(EMAIL_ENGAGED);
    expect(delta.sizes).toEqual({ added: { profiles: 1_184_302, unknownAudiences: 1 } });
    expect(delta.targetName).toBe("one-stream");
  });

  it("shows the sizes and the sentence in markdown", async () => {
    const run = await lab.cli(["plan", "--format", "markdown"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`- ➕ audience **Men over 50** \`${MEN_OVER_50}\` — 1.2 M profiles\n`);
    expect(run.stdout).toContain(`- ➕ audience **Email engaged (30 days)** \`${EMAIL_ENGAGED}\` — size unknown\n`);
    expect(run.stdout).toContain(
      "- 👥 at least 1.2 M profiles start leaving for stream `one-stream` (size of 1 audience unknown; Adobe backfills within about an hour)\n",
    );
  });

  it("keeps the checksum when only a size changes, so the reviewed plan still applies", async () => {
    const reviewed = JSON.parse((await lab.cli(["plan", "--format", "json"])).stdout) as Json;
    await setSize(MEN_OVER_50, 2_000_000);
    const later = await lab.cli(["plan", "--format", "json"]);
    const replanned = JSON.parse(later.stdout) as Json;
    expect(replanned.sandboxes[0].egress[0].audiencesAdded[0].profiles).toBe(2_000_000);
    expect(replanned.checksum).toBe(reviewed.checksum);
    expect((await lab.cli(["plan"])).stdout).toContain("(Men over 50) — 2 M profiles");
    const apply = await lab.cli(["apply", "--yes", "--expect-checksum", reviewed.checksum]);
    expect(apply.code, apply.stderr).toBe(0);
  });
});

describe("a plan that stops exporting audiences", () => {
  beforeEach(async () => {
    lab.write("destinations/one.yaml", kinesisDestination("one", { audiences: [MEN_OVER_50, EMAIL_ENGAGED] }));
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
  });

  it("shows what stops leaving, with its size", async () => {
    lab.write("destinations/one.yaml", kinesisDestination("one", { audiences: [EMAIL_ENGAGED] }));
    const run = await lab.cli(["plan"]);
    expect(run.stdout).toContain(`    - audience ${MEN_OVER_50} (Men over 50) — 1.2 M profiles\n`);
    expect(run.stdout).toContain('    ≈ 1.2 M profiles stop leaving for stream "one-stream"\n');
  });

  it("reads the sizes with the names when the YAML lists no audience any more", async () => {
    lab.write("destinations/one.yaml", kinesisDestination("one", { audiences: [] }));
    const run = await lab.cli(["plan"]);
    expect(run.stdout).toContain(`    - audience ${MEN_OVER_50} (Men over 50) — 1.2 M profiles\n`);
    expect(run.stdout).toContain(`    - audience ${EMAIL_ENGAGED} (Email engaged (30 days)) — size unknown\n`);
    expect(run.stdout).toContain(
      '    at least 1.2 M profiles stop leaving for stream "one-stream" (size of 1 audience unknown)\n',
    );
  });
});
