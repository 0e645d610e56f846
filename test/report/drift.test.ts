import { describe, expect, it } from "vitest";
import type { Plan } from "../../src/domain/plan/plan.js";
import { assemblePlan } from "../../src/domain/plan/planner.js";
import { driftItems, renderDriftMarkdown, renderDriftText } from "../../src/report/operate/drift.js";
import { DRIFT_MARKER } from "../../src/report/comments/markers.js";
import { expectGolden } from "./golden.js";
import { structure } from "./markdown-structure.js";
import { adoptPlan, firstApplyPlan, mixedUpdatePlan, noChangePlan, orphanPlan, prunePlan } from "./scenarios.js";

/** One scheduled drift run over three sandboxes: edited in the UI, never applied, and left behind. */
function driftPlan(): Plan {
  return assemblePlan([
    mixedUpdatePlan().sandboxes[0]!,
    { ...firstApplyPlan().sandboxes[0]!, sandbox: "stage" },
    { ...orphanPlan().sandboxes[0]!, sandbox: "dev" },
  ]);
}

describe("drift", () => {
  it("tells changes made outside aep-gitops from YAML edits not yet applied", () => {
    const items = driftItems(mixedUpdatePlan());
    expect(items.map((i) => `${i.kind} ${i.ref}`)).toEqual([
      "pending target/summer-advertising-campaign",
      "changed-outside flow/summer-advertising-campaign",
      "pending flow/winter-clearance",
    ]);
    expect(items[1]!.attribution).toMatchObject({
      updatedBy: "ui-editor@AdobeID",
      updatedClient: "exc_app",
      byThisTool: false,
    });
  });

  it("never counts a credential rotation as drift: credentials are write-only", () => {
    const plan = mixedUpdatePlan();
    expect(
      plan.sandboxes[0]!.changes.some((c) => c.ref === "account/kinesis-marketing" && c.credentials === "rotate"),
    ).toBe(true);
    expect(driftItems(plan).map((i) => i.ref)).not.toContain("account/kinesis-marketing");
  });

  it("reports destination objects missing in Adobe, but not the shared Profile connection", () => {
    expect(driftItems(firstApplyPlan()).map((i) => `${i.kind} ${i.resource}`)).toEqual([
      "missing account",
      "missing target-connection",
      "missing flow",
    ]);
  });

  it("reports managed objects no longer in YAML whether prune would delete them or not", () => {
    expect(driftItems(orphanPlan()).map((i) => i.kind)).toEqual(["orphan", "orphan", "orphan"]);
    expect(driftItems(prunePlan()).map((i) => i.kind)).toEqual(["orphan", "orphan", "orphan"]);
  });

  it("finds nothing when live matches, and does not call an adoption drift", () => {
    expect(driftItems(noChangePlan())).toEqual([]);
    expect(driftItems(adoptPlan())).toEqual([]);
    expect(renderDriftText(noChangePlan())).toBe("No drift. Live destinations match the configuration.\n");
  });

  it("renders a drift report as text", () => {
    const out = renderDriftText(driftPlan());
    expectGolden("drift.txt", out);
    expect(out).toContain(
      "  ~ flow summer-advertising-campaign: changed outside aep-gitops by ui-editor@AdobeID (exc_app) at 2026-11-28T13:00:00.000Z\n",
    );
    expect(out).toContain(
      "  ~ flow winter-clearance: differs from YAML (last written by aep-gitops; YAML changed since the last apply)\n",
    );
    expect(out).toContain("  + flow summer-advertising-campaign: missing in Adobe\n");
    expect(out).toContain("  ? flow spring-sale: managed but no longer in YAML\n");
    expect(out.trimEnd().split("\n").at(-1)).toBe(
      "Drift: 9 objects (1 changed outside aep-gitops, 2 pending, 3 missing, 3 orphaned).",
    );
  });

  it("renders a drift report as markdown behind its own marker", () => {
    const out = renderDriftMarkdown(driftPlan());
    expectGolden("drift.md", out);
    expect(out.split("\n")[0]).toBe(DRIFT_MARKER);
    expect(out).toContain("changed outside aep-gitops by `ui-editor@AdobeID (exc_app)` at `2026-11-28T13:00:00.000Z`");
    expect(structure(out)).toMatchObject({ unclosedFence: false, detailsDepth: 0 });
  });
});
