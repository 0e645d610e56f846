// Adobe's own data-usage verdict before activation, as its UI's Review step reaches it: the destination's
// marketing actions (declared in YAML or the tool config) evaluated by the Policy Service against the
// audiences' labels and, through their merge policy's datasets, the exported attributes. A violation fails
// plan at the YAML line that carries the label, naming Adobe's policy, and apply writes nothing; a sandbox
// that refuses the routes degrades to one note; a destination without marketing actions is not evaluated.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, MEN_OVER_50, startLab, type Lab } from "../support/lab.js";

const HIGH_VALUE_C5 = "22a6a416-9144-4566-a44a-41301747d69e";

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
});
afterEach(() => lab.close());

const withActions = (yaml: string, actions = ["core/emailTargeting"]) =>
  `${yaml}marketingActions:\n${actions.map((a) => `  - ${a}`).join("\n")}\n`;

/** `destinations/<file>:<line>:<col>` of the first line of `yaml` holding `text`. */
function at(file: string, yaml: string, text: string): string {
  const lines = yaml.split("\n");
  const line = lines.findIndex((l) => l.includes(text));
  return `destinations/${file}:${line + 1}:${lines[line]!.indexOf(text) + 1}`;
}

const policyCalls = async () =>
  (await lab.requests()).filter((r) => r.path.includes("/dulepolicy/") || r.path.includes("/mergePolicies/"));

describe("Adobe's data-usage policies before activation", () => {
  it("an exported attribute labelled C2 violates Adobe's policy at its line; apply writes nothing; clean once removed", async () => {
    const yaml = withActions(kinesisDestination("promo"));
    lab.write("destinations/promo.yaml", yaml);
    const plan = await lab.cli(["plan"]);
    expect(plan.code, plan.stdout + plan.stderr).toBe(1);
    expect(plan.stderr).toContain(
      `${at("promo.yaml", yaml, "personalEmail.address")}  error  adobe-policy  Adobe's data-usage policy 'Restrict email targeting' (id corepolicy_0003, deny C2 OR C5) is violated by the attribute 'personalEmail.address'`,
    );
    expect(plan.stderr).not.toContain("'person.lastName'");
    // One merge policy read, one bulk evaluation: the calls this check adds.
    expect((await policyCalls()).map((r) => `${r.method} ${r.route}`)).toEqual([
      "GET /data/core/ups/config/mergePolicies/{id}",
      "POST /data/foundation/dulepolicy/bulk-eval",
    ]);

    const apply = await lab.cli(["apply", "--yes"]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain("adobe-policy");
    expect(await lab.writes()).toEqual([]);

    lab.write("destinations/promo.yaml", withActions(kinesisDestination("promo", { attributes: ["person.lastName"] })));
    const clean = await lab.cli(["plan"]);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stderr).not.toContain("adobe-policy");
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
  });

  it("an audience whose labels the policy denies is an error at the audience's line", async () => {
    const yaml = withActions(
      kinesisDestination("promo", { audiences: [MEN_OVER_50, HIGH_VALUE_C5], attributes: ["person.lastName"] }),
    );
    lab.write("destinations/promo.yaml", yaml);
    const plan = await lab.cli(["plan"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(
      `${at("promo.yaml", yaml, `id: ${HIGH_VALUE_C5}`)}  error  adobe-policy  Adobe's data-usage policy 'Restrict email targeting' (id corepolicy_0003, deny C2 OR C5) is violated by audience ${HIGH_VALUE_C5} (High-value purchasers), labelled core/C5, for marketing action core/emailTargeting of destination 'promo'.`,
    );
    expect(plan.stderr).not.toContain(MEN_OVER_50);
    // In JSON, with Adobe's policy id beside the rule.
    const json = await lab.cli(["plan", "--format", "json"]);
    expect(json.code).toBe(1);
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain('"rule":"adobe-policy"');
    expect(json.stdout).toContain('"policy": "corepolicy_0003"');
  });

  it("another marketing action is judged by its own policies: exportToThirdParty denies C2 only", async () => {
    const yaml = withActions(kinesisDestination("promo", { audiences: [HIGH_VALUE_C5] }), ["core/exportToThirdParty"]);
    lab.write("destinations/promo.yaml", yaml);
    const plan = await lab.cli(["plan"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(`${at("promo.yaml", yaml, "personalEmail.address")}  error  adobe-policy`);
    expect(plan.stderr).toContain("'Restrict data export to third parties' (id corepolicy_0001, deny C2)");
    expect(plan.stderr).not.toContain(HIGH_VALUE_C5);
  });

  it("the tool config's marketing actions apply to destinations whose YAML declares none", async () => {
    lab.write("aep-gitops.config.yaml", "marketingActions:\n  amazon-kinesis:\n    - core/emailTargeting\n");
    lab.write("destinations/promo.yaml", kinesisDestination("promo"));
    const plan = await lab.cli(["plan"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain("adobe-policy");
  });

  it("where the sandbox refuses the routes, the plan goes on and says so once", async () => {
    await lab.close();
    lab = await startLab({ config: { policyApi: 403 } });
    lab.write("destinations/account.yaml", kinesisAccount());
    lab.write("destinations/promo.yaml", withActions(kinesisDestination("promo")));
    lab.write("destinations/other.yaml", withActions(kinesisDestination("other")));
    const plan = await lab.cli(["plan"]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout.match(/Adobe's data-usage policies were not evaluated/g)).toHaveLength(1);
    expect(plan.stdout).toContain("bulk-eval answered 403");
  });

  it("a destination without marketing actions gets one note and no evaluation call", async () => {
    lab.write("destinations/promo.yaml", kinesisDestination("promo"));
    lab.write("destinations/other.yaml", kinesisDestination("other"));
    const plan = await lab.cli(["plan"]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout.match(/no marketing action is declared/g)).toHaveLength(1);
    expect(plan.stdout).toContain("'other', 'promo'");
    expect(await policyCalls()).toEqual([]);
  });
});
