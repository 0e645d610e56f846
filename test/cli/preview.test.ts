// aep-gitops preview through the real CLI against the emulator: one sample record per destination, in
// the shape Adobe documents under "Exported data" (amazon-kinesis.md), read from the audiences and the
// Profile union schema only: no Flow Service list is ever made.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, MEN_OVER_50, startLab, type Lab } from "../support/lab.js";

const GOLDEN = path.join(import.meta.dirname, "golden/preview");

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed documents

function golden(name: string, text: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, text);
  }
  expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(text).toBe(readFileSync(file, "utf8"));
}

/** The tutorial's destination with target params added under `target:`. */
function withTarget(yaml: string, params: Record<string, boolean>): string {
  const extra = Object.entries(params)
    .map(([key, value]) => `  ${key}: ${value}\n`)
    .join("");
  return yaml.replace("  region: us-east-1\n", `  region: us-east-1\n${extra}`);
}

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
  // The tutorial's destination: Men over 50, person.lastName and personalEmail.address.
  lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign"));
});
afterEach(() => lab.close());

async function previewJson(args: string[] = []): Promise<Json> {
  const run = await lab.cli(["preview", "--format", "json", ...args]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Json;
}

describe("aep-gitops preview", () => {
  it("prints the tutorial destination's record as the checked-in golden sample, in Adobe's documented shape", async () => {
    const run = await lab.cli(["preview", "--format", "json"]);
    expect(run.code, run.stderr).toBe(0);
    golden("tutorial.json", run.stdout);

    const doc = JSON.parse(run.stdout) as Json;
    expect(doc.destinations).toHaveLength(1);
    const { sample } = doc.destinations[0];
    // Adobe's example: attributes nested by XDM path first, then segmentMembership, then identityMap.
    expect(Object.keys(sample)).toEqual(["person", "personalEmail", "segmentMembership", "identityMap"]);
    expect(sample.person).toEqual({ lastName: "Doe" });
    expect(sample.personalEmail.address).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    expect(Object.keys(sample.segmentMembership)).toEqual(["ups"]);
    expect(Object.keys(sample.segmentMembership.ups)).toEqual([MEN_OVER_50]);
    const membership = sample.segmentMembership.ups[MEN_OVER_50];
    expect(Object.keys(membership)).toEqual(["lastQualificationTime", "status"]);
    expect(membership.lastQualificationTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(membership.status).toBe("realized");
    expect(Object.keys(sample.identityMap)).toEqual(["ecid", "email_lc_sha256"]);
    for (const identities of Object.values(sample.identityMap) as Json[][])
      for (const identity of identities) expect(Object.keys(identity)).toEqual(["id"]);
    expect(doc.notes.join("\n")).toMatch(/identityMap is exported whole/);
    expect(doc.notes.join("\n")).toMatch(/same merge policy/);
    expect(doc.notes.join("\n")).toMatch(/Any write to a mapped attribute/);
  });

  it("reads the audiences and the union schema only: no Flow Service call at all", async () => {
    await previewJson();
    const paths = (await lab.requests()).map((r) => r.path).filter((p) => !p.startsWith("/ims/"));
    expect(paths.filter((p) => p.includes("/flowservice/"))).toEqual([]);
    expect(paths.filter((p) => p.includes("/schemaregistry/"))).toHaveLength(1);
    expect(paths.some((p) => p.includes("/data/core/ups/audiences"))).toBe(true);
  });

  it("--destination previews that one only; an unknown name is a usage error with a did-you-mean", async () => {
    lab.write(
      "destinations/winter.yaml",
      kinesisDestination("winter-campaign", { attributes: ["person.name.firstName", "_demoorg.loyalty.points"] }),
    );
    const all = await previewJson();
    expect(all.destinations.map((d: Json) => d.name)).toEqual(["summer-campaign", "winter-campaign"]);
    const one = await previewJson(["--destination", "winter-campaign"]);
    expect(one.destinations.map((d: Json) => d.name)).toEqual(["winter-campaign"]);
    // Values follow the union's field types: a string with a realistic value, an integer.
    expect(one.destinations[0].sample).toMatchObject({
      person: { name: { firstName: "John" } },
      _demoorg: { loyalty: { points: 42 } },
    });

    const typo = await lab.cli(["preview", "--destination", "winter-campain"]);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain("No destination named 'winter-campain'");
    expect(typo.stderr).toContain("Did you mean 'winter-campaign'?");
  });

  it("includeSegmentNames adds the audience's name from the sandbox, includeSegmentTimestamps the four epoch-ms times", async () => {
    lab.write(
      "destinations/summer.yaml",
      withTarget(kinesisDestination("summer-campaign"), { includeSegmentNames: true, includeSegmentTimestamps: true }),
    );
    const both = (await previewJson()).destinations[0].sample.segmentMembership.ups[MEN_OVER_50];
    expect(Object.keys(both)).toEqual([
      "lastQualificationTime",
      "status",
      "createdAt",
      "updatedAt",
      "mappingCreatedAt",
      "mappingUpdatedAt",
      "name",
    ]);
    expect(both.name).toBe("Men over 50");
    for (const key of ["createdAt", "updatedAt", "mappingCreatedAt", "mappingUpdatedAt"])
      expect(Number.isInteger(both[key]) && both[key] > 1e12, key).toBe(true);

    lab.write(
      "destinations/summer.yaml",
      withTarget(kinesisDestination("summer-campaign"), { includeSegmentNames: true }),
    );
    const names = (await previewJson()).destinations[0].sample.segmentMembership.ups[MEN_OVER_50];
    expect(Object.keys(names)).toEqual(["lastQualificationTime", "status", "name"]);
  });

  it("prints the record and what no sample shows as text; an attribute the union lacks stops it at its line", async () => {
    const text = await lab.cli(["preview"]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(
      "Destination summer-campaign (Amazon Kinesis, sandbox prod): one profile as stream summer-campaign-stream (region us-east-1, account kinesis-marketing) receives it",
    );
    expect(text.stdout).toContain('    "segmentMembership": {');
    expect(text.stdout).toContain("identityMap is exported whole");

    lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign", { attributes: ["person.lastname"] }));
    const typo = await lab.cli(["preview"]);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain("did you mean 'person.lastName'?");
    expect(typo.stdout).toBe("");
  });
});
