// The warnings of a plan in its PR comment (issue 27): a message quotes the YAML, so each is neutralised
// for markdown like every user string, and the list is bounded (count and length) so that it never
// pushes the plan out of the comment.
import { describe, expect, it } from "vitest";
import type { Problem } from "../../src/domain/checks/problem.js";
import { assemblePlan } from "../../src/domain/plan/planner.js";
import { planCommentBody } from "../../src/report/comments/plan-comment.js";
import { MAX_WARNINGS_SHOWN, warningsSection } from "../../src/report/plan/markdown-warnings.js";
import { HOSTILE, liveReferences, RAW_CONTROL, RAW_INVISIBLE, rawTags } from "../support/hostile.js";

const warning = (n: number, message: string, hint?: string): Problem => ({
  file: `/repo/destinations/d${String(n).padStart(3, "0")}.yaml`,
  line: 3,
  column: 7,
  rule: "policy",
  severity: "warning",
  message,
  ...(hint === undefined ? {} : { hint }),
});

const comment = (problems: Problem[]) =>
  planCommentBody(assemblePlan([]), {
    marker: "<!-- aep-gitops:plan -->",
    sha: "a".repeat(40),
    workflowRunUrl: undefined,
    warnings: { problems, cwd: "/repo" },
  });

describe("the warnings in a plan comment", () => {
  it("link, mention and reference nothing, and show no HTML, control or invisible character", () => {
    const body = comment([warning(1, HOSTILE, HOSTILE)]);
    expect(body).toContain("`destinations/d001.yaml:3:7` `policy`:");
    expect(liveReferences(body)).toEqual([]);
    expect(rawTags(body)).toEqual([]);
    expect(body).not.toMatch(RAW_CONTROL);
    expect(body).not.toMatch(RAW_INVISIBLE);
    // A forged line stays inside its list item: every line of the section is part of the quote.
    const section = body.slice(body.indexOf("> [!WARNING]"), body.indexOf("\n\n", body.indexOf("> [!WARNING]")));
    for (const line of section.split("\n")) expect(line).toMatch(/^>/);
  });

  it("list at most MAX_WARNINGS_SHOWN, each cut to a line's length, and count the rest", () => {
    const many = Array.from({ length: MAX_WARNINGS_SHOWN + 7 }, (_, i) => warning(i, "x".repeat(5_000)));
    const lines = warningsSection(many, "/repo");
    expect(lines.filter((l) => l.startsWith("> - `"))).toHaveLength(MAX_WARNINGS_SHOWN);
    expect(lines.at(-1)).toBe("> - … and 7 more, in the workflow run's log.");
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(400);
    expect(lines[1]).toContain(`**${MAX_WARNINGS_SHOWN + 7} warnings**`);
  });

  it("leave errors out (a plan is only made without them), and show nothing without warnings", () => {
    expect(warningsSection([{ ...warning(1, "boom"), severity: "error" }], "/repo")).toEqual([]);
    expect(comment([])).not.toContain("[!WARNING]");
  });
});
