import { afterEach, describe, expect, it, vi } from "vitest";
import type { Plan } from "../../src/domain/plan/plan.js";
import { assemblePlan, planSandbox } from "../../src/domain/plan/planner.js";
import { renderPlanText } from "../../src/report/plan/text.js";
import { desired, destination, live, liveFlow, liveTarget, options } from "../domain/builders.js";
import { expectGolden } from "./golden.js";
import {
  adoptPlan,
  audience,
  firstApplyPlan,
  mixedUpdatePlan,
  noChangePlan,
  orphanPlan,
  prunePlan,
  refusedPlan,
} from "./scenarios.js";

const text = (plan: Plan, verbose = false) => renderPlanText(plan, { verbose });

describe("the text plan", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("lists every object a first apply creates, in dependency order, and what starts leaving", () => {
    const out = text(firstApplyPlan());
    expectGolden("text-first-apply.txt", out);
    expect(out).toContain("  + account kinesis-marketing\n");
    expect(out).toContain("Plan: 5 to add, 0 to change, 0 to destroy.\n");
  });

  it("says there is nothing to do when live matches the configuration", () => {
    const plan = noChangePlan();
    expect(text(plan)).toBe(
      `Sandbox prod: no changes.\n\nNo changes. Live destinations match the configuration.\nChecksum: ${plan.checksum}\n`,
    );
  });

  it("shows field diffs, selector moves, a state toggle, a rotation and who changed the flow in the UI", () => {
    const out = text(mixedUpdatePlan());
    expectGolden("text-mixed-update.txt", out);
    expect(out).toContain('      description: "Summer campaign audiences" → "Summer and autumn campaign audiences"\n');
    expect(out).toContain("      + audience c3e5f7a9-1b2d-4f6e-8a0c-9d7b5e3f1a20 (Loyal customers)\n");
    expect(out).toContain("      - attribute personalEmail.address\n");
    expect(out).toContain(
      `      credentials: rotate (write-only, values not shown, from accessKeyId ← "AKIA123", region ← "us-east-1", secretKey ← \${env:KINESIS_SECRET})\n`,
    );
    expect(out).toContain(
      "      last changed outside aep-gitops by ui-editor@AdobeID (exc_app) at 2026-11-28T13:00:00.000Z\n",
    );
    expect(out).toContain('      state: "disabled" → "enabled"\n');
  });

  it("does not attribute changes aep-gitops itself made last", () => {
    const out = text(mixedUpdatePlan());
    expect(out.match(/last changed outside aep-gitops/g)).toHaveLength(1);
  });

  it("lists every API call with its etag guard and pretty-printed body when verbose", () => {
    const out = text(mixedUpdatePlan(), true);
    expectGolden("text-mixed-update-verbose.txt", out);
    expect(out).toContain(
      '      PATCH /flows/flow-summer-advertising-campaign (If-Match "etag-flow-summer")\n        [\n          {\n',
    );
    expect(out).toContain("      POST /flows/flow-winter-clearance/action?op=enable\n");
  });

  it("lists creates' placeholder ids and bodies when verbose", () => {
    const out = text(firstApplyPlan(), true);
    expect(out).toContain("      POST /flows\n        {\n");
    expect(out).toContain('"{{target/summer-advertising-campaign.id}}"');
  });

  it("deletes with prune in reverse dependency order and reports what stops leaving", () => {
    const out = text(prunePlan());
    expectGolden("text-prune.txt", out);
    expect(out).toContain("  [prod] spring-sale (Amazon Kinesis): stops exporting (dataflow deleted)\n");
    expect(out).toContain("Plan: 0 to add, 0 to change, 3 to destroy.\n");
  });

  it("marks orphans as left in place, with the reason, and counts them only when there are some", () => {
    const out = text(orphanPlan());
    expectGolden("text-orphans.txt", out);
    expect(out).toContain(
      "  ? flow spring-sale [flow-spring-sale] — not in YAML; prune is off, so it is left in place\n",
    );
    expect(out).toContain("Plan: 0 to add, 0 to change, 0 to destroy, 3 orphaned.\n");
    // An enabled orphan still sends data: what leaves the company says so, though nothing changes.
    expect(out).toContain(
      "  [prod] spring-sale (Amazon Kinesis): still exporting (left in place: not in YAML, prune is off): 1 audience, 1 attribute\n",
    );
  });

  it("shows refusals with their hints, and never claims a refused plan matches the configuration", () => {
    const out = text(refusedPlan());
    expectGolden("text-refused.txt", out);
    expect(out).toContain("    hint: Bring it under aep-gitops with 'aep-gitops import'");
    expect(out).toContain("  [dev] empty-desired: Sandbox 'dev' has no destinations");
    expect(out).not.toContain("No changes.");
  });

  it("adopts objects made in the UI by id, saying nothing is re-created, and counts them", () => {
    const out = text(adoptPlan());
    expectGolden("text-adopt.txt", out);
    expect(out).toContain(
      "  * flow summer-advertising-campaign [flow-ui] — adopted by id: the ownership marker is added, nothing is re-created\n",
    );
    expect(out).toContain("Plan: 0 to add, 0 to change, 0 to destroy, 3 to adopt.\n");
  });

  it("ends with exactly one summary line and the checksum", () => {
    for (const plan of [
      firstApplyPlan(),
      noChangePlan(),
      mixedUpdatePlan(),
      prunePlan(),
      orphanPlan(),
      refusedPlan(),
    ]) {
      const lines = text(plan, true).trimEnd().split("\n");
      expect(lines.at(-1)).toBe(`Checksum: ${plan.checksum}`);
      expect(lines.filter((l) => l.startsWith("Plan: ") || l.startsWith("No changes."))).toHaveLength(1);
    }
  });

  it("colours + green, ~ yellow and - red only when asked", () => {
    const plan = mixedUpdatePlan();
    const coloured = renderPlanText(plan, { verbose: false, color: true });
    expect(coloured).toContain("\u001b[33m  ~ flow summer-advertising-campaign\u001b[39m");
    expect(coloured).toContain("\u001b[32m      + audience c3e5f7a9");
    expect(coloured).toContain("\u001b[31m      - attribute personalEmail.address");
    expect(renderPlanText(prunePlan(), { verbose: false, color: true })).toContain("\u001b[31m  - flow spring-sale");
    expect(text(plan)).not.toContain("\u001b[");
  });

  it("lists notes, such as credentials it could not compare", () => {
    const plan = assemblePlan([planSandbox(desired(), live(), options({ fingerprints: {} }))]);
    expect(text(plan)).toContain(
      "Notes:\n  warning: [prod] Credentials of account 'acct' were not compared: their environment variables are not all set.\n",
    );
  });

  it("prints an audience name from Adobe inertly: no terminal escapes, no forged plan lines", () => {
    const name = "VIP\u001b[2J\n  - flow everything [x] — not in YAML";
    const want = destination("d1", { audiences: [audience("aud-9", name)] });
    const plan = assemblePlan([
      planSandbox(
        desired({ destinations: [want] }),
        live({ targetConnections: [liveTarget("d1")], flows: [liveFlow("d1", { audienceIds: [] })] }),
        options(),
      ),
    ]);
    const out = text(plan);
    expect(out).not.toContain("\u001b");
    expect(out).toContain("+ audience aud-9 (VIP\\u001b[2J\\n  - flow everything [x] — not in YAML)\n");
    expect(out.split("\n").filter((l) => l.trimStart().startsWith("- flow"))).toEqual([]);
  });

  it("renders credential references, never their values, even with the secret in the environment", () => {
    vi.stubEnv("KINESIS_SECRET", "wJalrXUtnFEMI-real-secret-value");
    const out = text(firstApplyPlan(), true);
    expect(out).toContain('"secretKey": "${env:KINESIS_SECRET}"');
    expect(out).not.toContain("wJalrXUtnFEMI-real-secret-value");
  });
});
