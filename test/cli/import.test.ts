// Bringing UI-made destinations under Git without recreating them: import → adopt → nothing left.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../support/lab.js";
import { clickTogether, clickTogetherEventHubs } from "../support/ui-made.js";

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
});
afterEach(() => lab.close());

const CREDS = { MARKETING_AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE", MARKETING_AWS_SECRET_KEY: "ui-typed-secret-123" };

describe("import", () => {
  it("writes schema-valid YAML that adopts UI-made destinations: adopt-only plan, then zero changes and zero writes", async () => {
    await clickTogether(lab, "Summer Campaign (EU)", "Marketing AWS");
    const imported = await lab.cli(["import", "--sandbox", "prod", "--out", "destinations"]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("MARKETING_AWS_SECRET_KEY");
    const yaml = readFileSync(path.join(lab.dir, "destinations/summer-campaign-eu.yaml"), "utf8");
    expect(yaml).toContain("displayName: Summer Campaign (EU)");
    expect(yaml).toMatch(/adoptId: [0-9a-f-]{36}/);
    const accountYaml = readFileSync(path.join(lab.dir, "destinations/accounts/marketing-aws.yaml"), "utf8");
    expect(accountYaml).toContain("secretKey: ${env:MARKETING_AWS_SECRET_KEY}");
    expect(accountYaml).not.toContain("ui-typed-secret-123");
    expect((await lab.cli(["validate", "destinations"])).code).toBe(0);

    const plan = await lab.cli(["plan", "--detailed-exitcode", "--format", "json"], { env: CREDS });
    expect(plan.code, plan.stderr).toBe(2);
    const changes = JSON.parse(plan.stdout).sandboxes[0].changes;
    expect(changes.map((c: { action: string; resource: string }) => `${c.action} ${c.resource}`)).toEqual([
      "adopt account",
      "adopt target-connection",
      "adopt flow",
    ]);
    for (const change of changes)
      expect(
        change.calls.map((c: { body: { op: string; path: string }[] }) => c.body.map((op) => `${op.op} ${op.path}`)),
      ).toEqual([["add /description"]]);

    // Writes that landed: the plan's question whether Adobe allows PATCH of connections (its If-Match
    // names no version, so it is answered 412 and changes nothing) is not one.
    const landed = async () => (await lab.dataWrites()).filter((w) => w.status < 400).length;
    const before = await landed();
    const apply = await lab.cli(["apply", "--yes"], { env: CREDS });
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    // Three markers, and creating the Profile connection that holds the sandbox lock (the UI-made
    // destination reads from its own Profile source, which aep-gitops leaves alone).
    expect((await landed()) - before).toBe(4);
    const after = (await lab.writes()).length;
    expect((await lab.cli(["plan", "--detailed-exitcode"], { env: CREDS })).code).toBe(0);
    expect((await lab.cli(["apply", "--yes"], { env: CREDS })).code).toBe(0);
    expect((await lab.writes()).length).toBe(after);
  });

  it("writes ${env:…} only for the fields the connection spec marks secret, the rest as Adobe returns them", async () => {
    await clickTogether(lab, "Summer Campaign (EU)", "Marketing AWS");
    await clickTogetherEventHubs(lab, "CRM Events", "CRM Hubs");
    const imported = await lab.cli(["import", "--sandbox", "prod", "--out", "destinations"]);
    expect(imported.code, imported.stderr).toBe(0);
    const kinesis = readFileSync(path.join(lab.dir, "destinations/accounts/marketing-aws.yaml"), "utf8");
    expect(kinesis).toContain("accessKeyId: AKIAIOSFODNN7EXAMPLE");
    expect(kinesis).toContain("secretKey: ${env:MARKETING_AWS_SECRET_KEY}");
    expect(kinesis).toContain("region: eu-west-1");
    const hubs = readFileSync(path.join(lab.dir, "destinations/accounts/crm-hubs.yaml"), "utf8");
    expect(hubs).toContain("sasKeyName: RootManageSharedAccessKey");
    expect(hubs).toContain("sasKey: ${env:CRM_HUBS_SAS_KEY}");
    expect(hubs).toContain("namespace: acme-crm");
    for (const yaml of [kinesis, hubs]) expect(yaml.match(/\$\{env:/g)).toHaveLength(1);
    expect(imported.stdout).not.toMatch(/ACCESS_KEY_ID|SAS_KEY_NAME/);
    // The connection specs were read once per type, to see which fields Adobe marks secret.
    const specReads = (await lab.requests()).filter((r) => r.method === "GET" && r.path.includes("/connectionSpecs/"));
    expect(specReads).toHaveLength(2);

    // validate (literal-secret, env-name) accepts it as written, and a plan needs only the two secrets.
    const validated = await lab.cli(["validate", "destinations", "--format", "json"]);
    expect(validated.code, validated.stdout).toBe(0);
    expect(JSON.parse(validated.stdout).summary).toMatchObject({ errors: 0, warnings: 0 });
    const secrets = { MARKETING_AWS_SECRET_KEY: "ui-typed-secret-123", CRM_HUBS_SAS_KEY: "ui-typed-sas-key-456" };
    const plan = await lab.cli(["plan", "--detailed-exitcode", "--format", "json"], { env: secrets });
    expect(plan.code, plan.stderr).toBe(2);
    const changes = JSON.parse(plan.stdout).sandboxes[0].changes;
    expect(changes.every((c: { action: string }) => c.action === "adopt")).toBe(true);
  });

  it("imports only the destinations --match selects, and never overwrites files without --force", async () => {
    await clickTogether(lab, "Summer Campaign (EU)", "Marketing AWS");
    await clickTogether(lab, "Winter Sale", "Sales AWS");
    expect((await lab.cli(["import", "--out", "destinations", "--match", "winter*"])).code).toBe(0);
    expect(existsSync(path.join(lab.dir, "destinations/winter-sale.yaml"))).toBe(true);
    expect(existsSync(path.join(lab.dir, "destinations/summer-campaign-eu.yaml"))).toBe(false);
    const again = await lab.cli(["import", "--out", "destinations", "--match", "winter*"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("--force");
  });

  it("refuses a --match glob it would not match safely, before reading Adobe", async () => {
    const run = await lab.cli(["import", "--out", "destinations", "--match", "winter-[ab]*"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("--match 'winter-[ab]*': character classes ('[…]') are not supported");
    expect(await lab.requests()).toEqual([]);
  });
});

describe("import's $schema line, for editors", () => {
  it("points into the config repository's node_modules when aep-gitops is installed there, else at the schema's $id", async () => {
    await clickTogether(lab, "Winter", "Marketing AWS");
    expect((await lab.cli(["import", "--sandbox", "prod", "--out", "elsewhere"])).code).toBe(0);
    expect(readFileSync(path.join(lab.dir, "elsewhere/winter.yaml"), "utf8")).toContain(
      "# yaml-language-server: $schema=https://raw.githubusercontent.com/aep-gitops/aep-gitops/main/schemas/aep-gitops.schema.json",
    );

    lab.write(".git/HEAD", "ref: refs/heads/main\n");
    lab.write("node_modules/aep-gitops/schemas/aep-gitops.schema.json", "{}");
    expect((await lab.cli(["import", "--sandbox", "prod", "--out", "destinations/prod"])).code).toBe(0);
    expect(readFileSync(path.join(lab.dir, "destinations/prod/winter.yaml"), "utf8")).toContain(
      "# yaml-language-server: $schema=../../node_modules/aep-gitops/schemas/aep-gitops.schema.json",
    );
    expect(readFileSync(path.join(lab.dir, "destinations/prod/accounts/marketing-aws.yaml"), "utf8")).toContain(
      "# yaml-language-server: $schema=../../../node_modules/aep-gitops/schemas/aep-gitops.schema.json",
    );
  });
});
