// `${env:NAME}` is a credential's way of naming a secret, and nothing else: anywhere outside an
// account's credentials it is an error at its line and is never filled in; a credential may not name
// the tool's own or the runner's secrets; and which variable feeds a credential is part of the plan,
// shown in every format and bound by the checksum, so switching it cannot slip past review.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, startLab, type Lab } from "../support/lab.js";

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/kinesis.yaml", kinesisAccount());
});
afterEach(() => lab.close());

function withName(field: "displayName" | "description", value: string): string {
  if (field === "description") return kinesisDestination("promo", { description: value });
  return kinesisDestination("promo").replace("type: amazon-kinesis\n", `type: amazon-kinesis\n${field}: ${value}\n`);
}

describe("an environment reference outside credentials", () => {
  it.each([
    ["displayName", "${env:AEP_CLIENT_SECRET}", 5],
    ["description", "${env:AEP_GITOPS_FINGERPRINT_KEY}", 6],
  ] as const)("in %s is an error at its line, and validate fails", async (field, value, line) => {
    lab.write("destinations/promo.yaml", withName(field, value));
    const validate = await lab.cli(["validate", "destinations"]);
    expect(validate.code).toBe(1);
    expect(validate.stdout + validate.stderr).toMatch(
      new RegExp(`promo\\.yaml:${line}:\\d+ +error +env-ref +'${field}' holds an environment reference`),
    );
  });

  it("in an audience's name is an error too, and apply writes nothing", async () => {
    lab.write(
      "destinations/promo.yaml",
      kinesisDestination("promo").replace(
        /audiences:\n {2}- id: (\S+)/,
        "audiences:\n  - id: $1\n    name: ${env:ACTIONS_RUNTIME_TOKEN}",
      ),
    );
    const apply = await lab.cli(["apply", "--yes"], { env: { ACTIONS_RUNTIME_TOKEN: "runtime-token-Xy" } });
    expect(apply.code).toBe(1);
    expect(apply.stdout + apply.stderr).toMatch(
      /promo\.yaml:\d+:\d+ +error +env-ref +'name' holds an environment reference/,
    );
    expect(await lab.writes()).toEqual([]);
  });
});

describe("a credential's variable", () => {
  it.each([
    "AEP_CLIENT_SECRET",
    "AEP_GITOPS_FINGERPRINT_KEY",
    "GITHUB_TOKEN",
    "ACTIONS_RUNTIME_TOKEN",
    "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
    "RUNNER_TEMP",
    "INPUT_GITHUB_TOKEN",
  ])("may not be the tool's or the runner's own (%s)", async (name) => {
    lab.write("destinations/kinesis.yaml", kinesisAccount().replace("${env:KINESIS_SECRET_KEY}", `\${env:${name}}`));
    const validate = await lab.cli(["validate", "destinations"]);
    expect(validate.code).toBe(1);
    expect(validate.stdout + validate.stderr).toMatch(
      new RegExp(`kinesis\\.yaml:8:\\d+ +error +env-name +'secretKey' may not refer to ${name}`),
    );
  });

  it("is limited further by the tool config's allowed prefixes", async () => {
    lab.write(
      "aep-gitops.config.yaml",
      "sandboxes:\n  prod: destinations\ncredentials:\n  variablePrefixes: [AEP_DEST_]\n",
    );
    const validate = await lab.cli(["validate"]);
    expect(validate.code).toBe(1);
    expect(validate.stdout + validate.stderr).toMatch(/kinesis\.yaml:8:\d+ +error +env-name .*AEP_DEST_/);
    lab.write("destinations/kinesis.yaml", kinesisAccount().replace("KINESIS_SECRET_KEY", "AEP_DEST_KINESIS_KEY"));
    expect((await lab.cli(["validate"])).code).toBe(0);
  });

  it("is named in every plan format, never its value", async () => {
    lab.write("destinations/promo.yaml", kinesisDestination("promo"));
    const text = await lab.cli(["plan"]);
    expect(text.stdout).toContain("secretKey ← ${env:KINESIS_SECRET_KEY}");
    const markdown = await lab.cli(["plan", "--format", "markdown"]);
    expect(markdown.stdout).toContain("KINESIS_SECRET_KEY");
    const json = JSON.parse((await lab.cli(["plan", "--format", "json"])).stdout);
    const account = json.sandboxes[0].changes.find((c: { resource: string }) => c.resource === "account");
    expect(account.credentialRefs).toEqual({
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
      secretKey: "${env:KINESIS_SECRET_KEY}",
      region: "us-east-1",
    });
    for (const out of [text.stdout, markdown.stdout]) expect(out).not.toContain(lab.env.KINESIS_SECRET_KEY);
  });
});

describe("switching a credential to another variable", () => {
  beforeEach(async () => {
    lab.write("destinations/promo.yaml", kinesisDestination("promo"));
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    lab.write("destinations/kinesis.yaml", kinesisAccount().replace("KINESIS_SECRET_KEY", "KINESIS_OTHER_KEY"));
  });

  it("is a change in a secretless plan, in every format", async () => {
    const env = { KINESIS_SECRET_KEY: undefined, KINESIS_OTHER_KEY: undefined };
    const text = await lab.cli(["plan", "--secrets", "optional", "--detailed-exitcode"], { env });
    expect(text.code).toBe(2);
    expect(text.stdout).toContain("credential secretKey: ${env:KINESIS_SECRET_KEY} → ${env:KINESIS_OTHER_KEY}");
    const markdown = await lab.cli(["plan", "--secrets", "optional", "--format", "markdown"], { env });
    expect(markdown.stdout).toContain("KINESIS_OTHER_KEY");
  });

  it("changes the checksum, and apply with the old one refuses with zero writes", async () => {
    const before = JSON.parse(
      (await lab.cli(["plan", "--format", "json"], { env: { KINESIS_OTHER_KEY: "other-secret-Qw12" } })).stdout,
    );
    lab.write("destinations/kinesis.yaml", kinesisAccount());
    const unchanged = JSON.parse((await lab.cli(["plan", "--format", "json"])).stdout);
    expect(before.checksum).not.toBe(unchanged.checksum);
    lab.write("destinations/kinesis.yaml", kinesisAccount().replace("KINESIS_SECRET_KEY", "KINESIS_OTHER_KEY"));
    const writes = (await lab.writes()).length;
    const refused = await lab.cli(["apply", "--yes", "--expect-checksum", unchanged.checksum], {
      env: { KINESIS_OTHER_KEY: "other-secret-Qw12" },
    });
    expect(refused.code).toBe(1);
    expect((await lab.writes()).length).toBe(writes);
    const applied = await lab.cli(["apply", "--yes", "--expect-checksum", before.checksum], {
      env: { KINESIS_OTHER_KEY: "other-secret-Qw12" },
    });
    expect(applied.code).toBe(0);
    const again = await lab.cli(["plan", "--detailed-exitcode"], { env: { KINESIS_OTHER_KEY: "other-secret-Qw12" } });
    expect(again.code).toBe(0);
  });
});

describe("a credential whose value is the tool's own secret", () => {
  it("is refused before anything is written, whatever the variable is called", async () => {
    lab.write("destinations/promo.yaml", kinesisDestination("promo"));
    const apply = await lab.cli(["apply", "--yes"], { env: { KINESIS_SECRET_KEY: lab.env.AEP_CLIENT_SECRET } });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain("KINESIS_SECRET_KEY holds the same value as AEP_CLIENT_SECRET");
    expect(await lab.writes()).toEqual([]);
  });
});
