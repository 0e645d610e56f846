// What leaves, governed before it leaves: profile attributes checked against the sandbox's Profile union
// schema (one read per sandbox), and the company's data policies in the tool config, each violation at
// the YAML line that causes it, with the policy's id; plan stops, apply refuses with zero writes.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, MEN_OVER_50, startLab, type Lab } from "../support/lab.js";
import { HIGH_VALUE_C5, POLICIES_CONFIG } from "../support/policies.js";

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
});
afterEach(() => lab.close());

/** `destinations/<file>:<line>:<col>` of the first line of the file holding `text`. */
function at(file: string, yaml: string, text: string): string {
  const lines = yaml.split("\n");
  const line = lines.findIndex((l) => l.includes(text));
  return `destinations/${file}:${line + 1}:${lines[line]!.indexOf(text) + 1}`;
}

const schemaReads = async () => (await lab.requests()).filter((r) => r.path.includes("/schemaregistry/")).length;

describe("profile attributes against the Profile union schema", () => {
  it("a path the union lacks is an error at its line, with the field it probably meant", async () => {
    const yaml = kinesisDestination("promo", { attributes: ["person.lastname", "personalEmail.address"] });
    lab.write("destinations/promo.yaml", yaml);
    const plan = await lab.cli(["plan"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(
      `${at("promo.yaml", yaml, "person.lastname")}  error  xdm-union  'person.lastname' is not a field of sandbox 'prod''s Profile union schema (did you mean 'person.lastName'?)`,
    );
    expect(await lab.writes()).toEqual([]);
  });

  it("an array, a map or an object is an error: Adobe exports leaves only; an object's leaves are listed", async () => {
    const yaml = kinesisDestination("promo", { attributes: ["_demoorg.purchases.sku", "identityMap", "person.name"] });
    lab.write("destinations/promo.yaml", yaml);
    const plan = await lab.cli(["plan"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(
      `${at("promo.yaml", yaml, "_demoorg.purchases.sku")}  error  xdm-union  '_demoorg.purchases.sku' is an array`,
    );
    expect(plan.stderr).toContain(`${at("promo.yaml", yaml, "identityMap")}  error  xdm-union  'identityMap' is a map`);
    expect(plan.stderr).toMatch(
      /'person\.name' is an object, not a field: list the fields to export \(person\.name\.firstName, person\.name\.lastName/,
    );
  });

  it("is read once per sandbox per run, and not at all when no destination exports an attribute", async () => {
    lab.write("destinations/promo.yaml", kinesisDestination("promo"));
    lab.write("destinations/other.yaml", kinesisDestination("other"));
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    expect(await schemaReads()).toBe(1);
    lab.write("destinations/promo.yaml", kinesisDestination("promo", { attributes: [] }));
    lab.write("destinations/other.yaml", kinesisDestination("other", { attributes: [] }));
    await lab.reset();
    expect((await lab.cli(["plan"])).code).toBe(0);
    expect(await schemaReads()).toBe(0);
  });

  it("where the Schema Registry is refused, the plan goes on and says once that attributes were not checked", async () => {
    await lab.close();
    lab = await startLab({ config: { schemaRegistry: 403 } });
    lab.write("destinations/account.yaml", kinesisAccount());
    lab.write("destinations/promo.yaml", kinesisDestination("promo", { attributes: ["person.lastname"] }));
    lab.write("destinations/other.yaml", kinesisDestination("other"));
    const plan = await lab.cli(["plan"]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout.match(/Schema Registry refused/g)).toHaveLength(1);
  });
});

describe("data policies in the tool config", () => {
  beforeEach(() => lab.write("aep-gitops.config.yaml", POLICIES_CONFIG));

  it("a denied attribute fails validate and plan at its line with the policy's id, and apply writes nothing", async () => {
    const yaml = kinesisDestination("promo");
    lab.write("destinations/promo.yaml", yaml);
    const line = `${at("promo.yaml", yaml, "personalEmail.address")}  error  policy  policy 'no-email-to-kinesis': Email addresses never go to Kinesis streams: the attribute 'personalEmail.address' in destination 'promo' violates it`;
    const validate = await lab.cli(["validate"]);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain(line);
    const plan = await lab.cli(["plan"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(line);
    expect(plan.stderr).toContain(
      "hint: Remove it from profileAttributes, or change the policy (aep-gitops.config.yaml:4)",
    );
    const apply = await lab.cli(["apply", "--yes"]);
    expect(apply.code).toBe(1);
    expect(await lab.writes()).toEqual([]);
  });

  it("an audience with a denied label fails plan at its line (labels come from the sandbox), and apply writes nothing", async () => {
    const yaml = kinesisDestination("partner-acme", {
      audiences: [MEN_OVER_50, HIGH_VALUE_C5],
      attributes: ["person.lastName"],
    });
    lab.write("destinations/partner.yaml", yaml);
    expect((await lab.cli(["validate"])).code).toBe(0);
    const plan = await lab.cli(["plan", "--format", "json"]);
    expect(plan.code).toBe(1);
    const doc = JSON.parse(plan.stdout);
    expect(doc.error.kind).toBe("refused");
    expect(doc.problems).toEqual([
      expect.objectContaining({
        file: "destinations/partner.yaml",
        line: Number(at("partner.yaml", yaml, HIGH_VALUE_C5).split(":")[1]),
        rule: "policy",
        policy: "no-c5-to-partners",
        message: expect.stringContaining("labelled core/C5"),
      }),
    ]);
    expect((await lab.cli(["apply", "--yes"])).code).toBe(1);
    expect(await lab.writes()).toEqual([]);
  });

  it("a compliant configuration plans and applies clean, and the policies cost no call", async () => {
    lab.write("destinations/promo.yaml", kinesisDestination("promo", { attributes: ["person.lastName"] }));
    lab.write(
      "destinations/partner.yaml",
      kinesisDestination("partner-acme", { audiences: [MEN_OVER_50], attributes: ["person.lastName"] }),
    );
    const withPolicies = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(withPolicies.code, withPolicies.stderr).toBe(2);
    const calls = (await lab.metrics()).total;
    lab.write("aep-gitops.config.yaml", "sandboxes:\n  prod: [destinations]\n");
    await lab.cli(["plan"]);
    expect((await lab.metrics()).total - calls).toBe(calls);
    lab.write("aep-gitops.config.yaml", POLICIES_CONFIG);
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  });

  it("a glob too long or of another dialect fails validate at its line in the tool config", async () => {
    lab.write("destinations/promo.yaml", kinesisDestination("promo", { attributes: ["person.lastName"] }));
    const config = `${POLICIES_CONFIG}  - id: hostile\n    deny:\n      attributes:\n        - "${"*a".repeat(101)}"\n        - "person.[ab]*"\n`;
    lab.write("aep-gitops.config.yaml", config);
    const validate = await lab.cli(["validate"]);
    expect(validate.code).toBe(1);
    const line = config.split("\n").findIndex((l) => l.includes("*a*a")) + 1;
    expect(validate.stdout).toContain(
      `aep-gitops.config.yaml:${line}:11  error  tool-config  glob '${"*a".repeat(101)}': longer than 200 characters`,
    );
    expect(validate.stdout).toContain(
      `aep-gitops.config.yaml:${line + 1}:11  error  tool-config  glob 'person.[ab]*': character classes ('[…]') are not supported`,
    );
  });

  it("a glob that backtracks in a regular expression matches a long attribute path in linear time", async () => {
    // picomatch's regex for this takes hours on a path of a few dozen characters.
    const config = `${POLICIES_CONFIG}  - id: backtracking\n    deny:\n      attributes: ["${"*a".repeat(30)}c"]\n`;
    lab.write("aep-gitops.config.yaml", config);
    lab.write(
      "destinations/promo.yaml",
      kinesisDestination("promo", { attributes: [`person.${"a".repeat(20_000)}`, `person.${"a".repeat(40)}c`] }),
    );
    const started = Date.now();
    const validate = await lab.cli(["validate"]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain("policy 'backtracking'");
    expect(validate.stdout.match(/policy 'backtracking'/g)).toHaveLength(1);
  });

  it("a deny on an audience matches Adobe's id and name for it, however the YAML names it", async () => {
    const deny = (audiences: string, severity = "error") =>
      `${POLICIES_CONFIG}  - id: no-seniors\n    severity: ${severity}\n    deny:\n      audiences: [${audiences}]\n`;
    const audiences = (entries: string) =>
      kinesisDestination("promo", { audiences: [], attributes: ["person.lastName"] }).replace(
        "audiences:\n  []",
        `audiences:\n${entries}`,
      );
    // Denied by name, written by id (and labelled otherwise): validate cannot know, plan does.
    lab.write("aep-gitops.config.yaml", deny(`"men over *"`));
    const byId = audiences(`  - id: ${MEN_OVER_50}\n    name: Newsletter subscribers`);
    lab.write("destinations/promo.yaml", byId);
    expect((await lab.cli(["validate"])).code).toBe(0);
    const plan = await lab.cli(["plan"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(
      `${at("promo.yaml", byId, MEN_OVER_50).replace(/:\d+$/, ":5")}  error  policy  policy 'no-seniors': the audience 'Newsletter subscribers' (${MEN_OVER_50}, named 'Men over 50' in Adobe) in destination 'promo' violates it`,
    );
    // Denied by id, written by name.
    lab.write("aep-gitops.config.yaml", deny(MEN_OVER_50));
    lab.write("destinations/promo.yaml", audiences("  - name: Men over 50"));
    expect((await lab.cli(["validate"])).code).toBe(0);
    const byName = await lab.cli(["plan"]);
    expect(byName.code).toBe(1);
    expect(byName.stderr).toContain(
      `policy 'no-seniors': the audience 'Men over 50' (${MEN_OVER_50}) in destination 'promo' violates it`,
    );
    // What the YAML shows is reported once, by validate's stage, even when the policy only warns.
    lab.write("aep-gitops.config.yaml", deny(`"Men over 50", ${MEN_OVER_50}`, "warning"));
    const warned = await lab.cli(["plan"]);
    expect(warned.code, warned.stderr).toBe(0);
    expect(warned.stderr.match(/policy 'no-seniors'/g)).toHaveLength(1);
    expect(await lab.writes()).toEqual([]);
  });

  it("a built-in guardrail's severity is the tool config's to set", async () => {
    const attributes = Array.from({ length: 51 }, (_, i) => `person.field${i}`);
    lab.write("destinations/promo.yaml", kinesisDestination("promo", { attributes }));
    expect((await lab.cli(["validate"])).stdout).toContain("warning  guardrail-attributes");
    lab.write("aep-gitops.config.yaml", `${POLICIES_CONFIG}  - id: guardrail-attributes\n    severity: error\n`);
    const strict = await lab.cli(["validate"]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain("error  guardrail-attributes");
    lab.write("aep-gitops.config.yaml", `${POLICIES_CONFIG}  - id: guardrail-attributes\n    severity: off\n`);
    expect((await lab.cli(["validate"])).stdout).not.toContain("guardrail-attributes");
  });
});

describe("the README's data governance example", () => {
  it("is a valid tool config whose policies behave as the README shows", async () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Data governance"));
    const config = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    const [shown, hint] = /```text\n([\s\S]*?)```/.exec(section)![1]!.split("\n");
    lab.write("aep-gitops.config.yaml", config);
    lab.remove("destinations/account.yaml");
    lab.write("destinations/prod/account.yaml", kinesisAccount());
    const yaml = kinesisDestination("partner-acme", {
      audiences: [MEN_OVER_50, HIGH_VALUE_C5],
      attributes: ["person.lastName"],
    });
    lab.write("destinations/prod/partner-acme.yaml", yaml);
    expect((await lab.cli(["validate"])).code).toBe(0);
    const plan = await lab.cli(["plan"]);
    expect(plan.code).toBe(1);
    // The same lines as the README's, but for where this file puts the audience.
    const line = at("prod/partner-acme.yaml", yaml, HIGH_VALUE_C5).split(":")[1];
    expect(plan.stderr).toContain(`${shown!.replace(/:\d+:\d+ /, `:${line}:5 `)}\n${hint}`);
  });
});
