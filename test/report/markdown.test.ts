import { describe, expect, it } from "vitest";
import type { Plan } from "../../src/domain/plan/plan.js";
import { assemblePlan, planSandbox } from "../../src/domain/plan/planner.js";
import { readChecksumLine } from "../../src/github/comment-records.js";
import { renderPlanMarkdown } from "../../src/report/plan/markdown.js";
import { PLAN_COMMENT_MARKER } from "../../src/report/comments/markers.js";
import { desired, destination, live, liveFlow, liveTarget, options } from "../domain/builders.js";
import { expectGolden } from "./golden.js";
import { structure } from "./markdown-structure.js";
import {
  audience,
  firstApplyPlan,
  mixedUpdatePlan,
  noChangePlan,
  orphanPlan,
  prunePlan,
  refusedPlan,
} from "./scenarios.js";

const RUN = "https://github.com/acme/destinations/actions/runs/4242";
const FAKE_CHECKSUM = "0".repeat(64);

/** A description and an audience name typed by someone trying to break or hijack the comment. */
function hostilePlan(): Plan {
  const hostile = [
    "</details></details><script>alert(1)</script>",
    PLAN_COMMENT_MARKER,
    "```",
    "| a | b |",
    "![pixel](https://evil.example/p.png) [click](javascript:alert(1)) **bold** $x$",
    `Plan checksum: \`${FAKE_CHECKSUM}\``,
  ].join("\n");
  const want = destination("d1", {
    description: hostile,
    audiences: [audience("aud-1", "<img src=x onerror=alert(1)> | ``` </details>\n# heading")],
  });
  const state = live({ targetConnections: [liveTarget("d1")], flows: [liveFlow("d1", { audienceIds: [] })] });
  return assemblePlan([planSandbox(desired({ destinations: [want] }), state, options())]);
}

describe("the markdown plan comment", () => {
  it("starts with the hidden marker and ends with the checksum line", () => {
    for (const plan of [
      firstApplyPlan(),
      noChangePlan(),
      mixedUpdatePlan(),
      prunePlan(),
      orphanPlan(),
      refusedPlan(),
    ]) {
      const out = renderPlanMarkdown(plan);
      expect(out.split("\n")[0]).toBe("<!-- aep-gitops:plan -->");
      expect(out.trimEnd().split("\n").at(-1)).toBe(`Plan checksum: \`${plan.checksum}\``);
      expect(readChecksumLine(out)).toBe(plan.checksum);
    }
  });

  it("renders a first apply: summary, table, what starts leaving, collapsed details and calls", () => {
    const out = renderPlanMarkdown(firstApplyPlan(), { workflowRunUrl: RUN });
    expectGolden("markdown-first-apply.md", out);
    expect(out).toContain("**Plan: 5 to add, 0 to change, 0 to destroy.**");
    expect(out).toContain("| `prod` | 5 | 0 | 0 | 0 |");
    expect(out).toContain(`[Workflow run](${RUN})`);
    expect(out).toContain("<summary>API calls (6): exactly what apply sends, in dependency order</summary>");
  });

  it("renders a mixed update with the egress delta before the collapsed details", () => {
    const out = renderPlanMarkdown(mixedUpdatePlan(), { title: "Destinations plan" });
    expectGolden("markdown-mixed-update.md", out);
    expect(out).toContain("## Destinations plan");
    const egress = out.indexOf("### Data leaving the company");
    expect(egress).toBeGreaterThan(out.indexOf("| Sandbox |"));
    expect(egress).toBeLessThan(out.indexOf("<details>"));
    expect(out).toContain("- ➕ audience **Loyal customers** `c3e5f7a9-1b2d-4f6e-8a0c-9d7b5e3f1a20`");
    expect(out).toContain("- ➖ attribute `personalEmail.address`");
    expect(out).toContain(
      "🟢 **winter-clearance** (Amazon Kinesis · sandbox `prod`): **starts exporting (state disabled → enabled)**",
    );
  });

  it("shows refusals as a caution block with each hint, before anything a cut could drop", () => {
    const out = renderPlanMarkdown(refusedPlan());
    expectGolden("markdown-refused.md", out);
    expect(out.indexOf("> [!CAUTION]")).toBeLessThan(out.indexOf("### Data leaving the company"));
    expect(out).toContain(
      "> [!CAUTION]\n> **Apply is blocked:** aep-gitops applies nothing until these 2 refusals are resolved.",
    );
    expect(out).toContain(">   **Hint:** Check the folder for the sandbox.");
  });

  it("shows warnings as a warning block", () => {
    const plan = assemblePlan([planSandbox(desired(), live(), options({ fingerprints: {} }))]);
    expect(renderPlanMarkdown(plan)).toContain(
      "> [!WARNING]\n> - `prod`: Credentials of account 'acct' were not compared: their environment variables are not all set.\n",
    );
  });

  it("says nothing leaves differently when only non-selector fields change", () => {
    const plan = assemblePlan([
      planSandbox(
        desired({ destinations: [destination("d1", { description: "New text" })] }),
        live({ targetConnections: [liveTarget("d1")], flows: [liveFlow("d1")] }),
        options(),
      ),
    ]);
    expect(renderPlanMarkdown(plan)).toContain(
      "_No change to which audiences or profile attributes leave the company._",
    );
  });

  it("keeps a hostile description and audience name from breaking the comment or injecting HTML", () => {
    const plan = hostilePlan();
    const out = renderPlanMarkdown(plan);
    const shape = structure(out);
    expect(shape.unclosedFence).toBe(false);
    expect(shape.detailsDepth).toBe(0);
    expect(shape.detailsUnderflow).toBe(false);
    expect(shape.outsideFences).not.toMatch(/<script|<img|<\/details><\/details>|javascript:alert\(1\)\)/);
    // The sticky comment is found by its first line; a quoted marker is only ever inside a code block.
    expect(out.split("\n")[0]).toBe(PLAN_COMMENT_MARKER);
    expect(shape.outsideFences.split(PLAN_COMMENT_MARKER)).toHaveLength(2);
    expect(readChecksumLine(out)).toBe(plan.checksum);
    // The name's line break is shown (`\n`, its backslash escaped), not taken.
    expect(out).toContain("**&lt;img src=x onerror=alert(1)&gt; \\| \\`\\`\\` &lt;/details&gt;\\\\n\\# heading**");
  });

  it("ignores a checksum line that is not on a line of its own", () => {
    expect(readChecksumLine(`text Plan checksum: \`${FAKE_CHECKSUM}\``)).toBeUndefined();
    expect(readChecksumLine("no checksum here")).toBeUndefined();
  });

  it("links the workflow run only to http(s) URLs", () => {
    expect(renderPlanMarkdown(noChangePlan(), { workflowRunUrl: "javascript:alert(1)" })).not.toContain("javascript:");
    expect(renderPlanMarkdown(noChangePlan(), { workflowRunUrl: "https://x.example/a b)" })).toContain(
      "[Workflow run](https://x.example/a%20b%29)",
    );
  });
});
