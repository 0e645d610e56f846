import { describe, expect, it } from "vitest";
import { readChecksumLine } from "../../src/github/comment-records.js";
import { renderPlanMarkdown } from "../../src/report/plan/markdown.js";
import { PLAN_COMMENT_MARKER } from "../../src/report/comments/markers.js";
import { fitComment, GITHUB_COMMENT_LIMIT } from "../../src/report/comments/overflow.js";
import { structure } from "./markdown-structure.js";
import { largePlan, mixedUpdatePlan } from "./scenarios.js";

const POINTER = "https://github.com/acme/destinations/actions/runs/4242#summary";
const SUM = "a".repeat(64);

describe("fitting a comment into GitHub's 65,536 characters", () => {
  it("leaves a comment under the limit untouched", () => {
    const markdown = renderPlanMarkdown(mixedUpdatePlan());
    expect(fitComment(markdown, undefined, POINTER)).toBe(markdown);
  });

  it("cuts a 300-destination plan to the limit, keeping the marker, the checksum and balanced blocks", () => {
    const plan = largePlan(300);
    const markdown = renderPlanMarkdown(plan);
    expect(markdown.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);

    const fitted = fitComment(markdown, GITHUB_COMMENT_LIMIT, POINTER);
    expect(fitted.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(fitted.split("\n")[0]).toBe(PLAN_COMMENT_MARKER);
    expect(readChecksumLine(fitted)).toBe(plan.checksum);
    expect(fitted.trimEnd().split("\n").at(-1)).toBe(`Plan checksum: \`${plan.checksum}\``);
    const shape = structure(fitted);
    expect(shape).toMatchObject({ unclosedFence: false, detailsDepth: 0, detailsUnderflow: false });
    // The summary and the start of the egress delta come first, so they survive.
    expect(fitted).toContain(`**Plan: ${plan.summary.add} to add, 0 to change, 0 to destroy.**`);
    expect(fitted).toContain("🟢 **campaign-001**");
    expect(fitted).toMatch(
      new RegExp(`… plan truncated: \\d+ characters omitted\\. The full plan is in the job summary: ${POINTER}\n`),
    );
  });

  it("says exactly how many characters it left out, and where the full plan is", () => {
    const body = [
      "<!-- m -->",
      "",
      "para one",
      "",
      `para two ${"x".repeat(300)}`,
      "",
      `Plan checksum: \`${SUM}\``,
      "",
    ].join("\n");
    expect(fitComment(body, 250, "https://example.test/summary")).toBe(
      [
        "<!-- m -->",
        "",
        "para one",
        "",
        "> [!WARNING]",
        "> … plan truncated: 311 characters omitted. The full plan is in the job summary: https://example.test/summary",
        "",
        `Plan checksum: \`${SUM}\``,
        "",
      ].join("\n"),
    );
  });

  it("never cuts inside a code fence: it cuts before the fence instead", () => {
    const body = [
      "<!-- m -->",
      "intro",
      "```json",
      "x".repeat(100),
      "y".repeat(100),
      "```",
      "after",
      "",
      `Plan checksum: \`${SUM}\``,
      "",
    ].join("\n");
    expect(body.length).toBeGreaterThan(300);
    const fitted = fitComment(body, 300, "P");
    expect(fitted.length).toBeLessThanOrEqual(300);
    expect(fitted).toContain("intro\n");
    expect(fitted).not.toContain("```");
    expect(fitted.endsWith(`Plan checksum: \`${SUM}\`\n`)).toBe(true);
  });

  it("closes the <details> a cut leaves open", () => {
    const rows = Array.from({ length: 40 }, (_, i) => [`paragraph ${i}`, ""]).flat();
    const body = [
      "<!-- m -->",
      "<details>",
      "<summary>s</summary>",
      "",
      ...rows,
      "</details>",
      "",
      `Plan checksum: \`${SUM}\``,
      "",
    ].join("\n");
    const fitted = fitComment(body, 300, "P");
    expect(fitted.length).toBeLessThanOrEqual(300);
    expect(structure(fitted)).toMatchObject({ unclosedFence: false, detailsDepth: 0 });
    expect(fitted).toContain("paragraph 0\n");
    expect(fitted).not.toContain("paragraph 39");
  });

  it("cuts at a section boundary, keeping a list with its headline, when one fits", () => {
    const block = (i: number) => [`**destination ${i}**`, "- audience a", "- audience b", ""];
    const body = ["<!-- m -->", "", ...[0, 1, 2, 3, 4, 5].flatMap(block), `Plan checksum: \`${SUM}\``, ""].join("\n");
    const fitted = fitComment(body, 260, "P");
    expect(fitted.length).toBeLessThanOrEqual(260);
    expect(fitted).toMatch(/\*\*destination 0\*\*\n- audience a\n- audience b\n\n/);
    expect(fitted).not.toMatch(/- audience a\n\n/);
  });

  it("cuts between the rows of a table too long to keep whole", () => {
    const rows = Array.from({ length: 30 }, (_, i) => `| row ${i} | x |`);
    const body = ["<!-- m -->", "| a | b |", "| - | - |", ...rows, "", `Plan checksum: \`${SUM}\``, ""].join("\n");
    const fitted = fitComment(body, 300, "P");
    expect(fitted.length).toBeLessThanOrEqual(300);
    expect(fitted).toContain("| row 0 | x |\n");
    expect(fitted).not.toContain("| row 29 |");
  });

  it("handles fences longer than three backticks, and a comment without a checksum", () => {
    const body = ["<!-- m -->", "a", "````", "```", "inside", "```", "````", "b".repeat(400), ""].join("\n");
    const fitted = fitComment(body, 200, "P");
    expect(fitted.length).toBeLessThanOrEqual(200);
    expect(structure(fitted).unclosedFence).toBe(false);
    expect(fitted.startsWith("<!-- m -->\n")).toBe(true);
  });

  it("counts UTF-16 code units, as GitHub does", () => {
    const body = [
      "<!-- m -->",
      ...Array.from({ length: 50 }, () => "🟢🟢🟢🟢🟢"),
      `Plan checksum: \`${SUM}\``,
      "",
    ].join("\n");
    const fitted = fitComment(body, 400, "P");
    expect(fitted.length).toBeLessThanOrEqual(400);
    expect(readChecksumLine(fitted)).toBe(SUM);
  });

  it("refuses a limit too small for the marker, the note and the checksum", () => {
    const body = ["<!-- m -->", "x".repeat(500), `Plan checksum: \`${SUM}\``, ""].join("\n");
    expect(() => fitComment(body, 100, "P")).toThrow(RangeError);
  });
});
