// Every string from YAML or from Adobe neutralised for its sink: a hostile audience name, description and
// error message, through the text plan, the PR comment, the drift issue, the apply comment, the mermaid
// picture and the Action's annotations. Each sink's output is judged by an independent reading of what
// a terminal, GitHub or the runner would do with it (test/support/hostile.ts). That JSON keeps the real
// string is test/cli/hostile-strings.test.ts's to show, end to end.
import { describe, expect, it } from "vitest";
import type { MapDestination, Plan } from "../../src/domain/plan/plan.js";
import { assemblePlan, planSandbox } from "../../src/domain/plan/planner.js";
import { annotationCommand, groupStart } from "../../src/github/workflow-commands.js";
import { renderApplyMarkdown, renderApplyText } from "../../src/report/apply/results.js";
import { driftIssueBody } from "../../src/report/comments/drift-issue.js";
import { planCommentBody } from "../../src/report/comments/plan-comment.js";
import { renderDriftText } from "../../src/report/operate/drift.js";
import { renderPlanMarkdown } from "../../src/report/plan/markdown.js";
import { pictureSection } from "../../src/report/plan/markdown-picture.js";
import { egressFlowchart, MERMAID_TEXT_LIMIT } from "../../src/report/plan/mermaid.js";
import { renderPlanText } from "../../src/report/plan/text.js";
import { visible } from "../../src/report/escape/visible.js";
import { desired, destination, live, liveFlow, liveTarget, options } from "../domain/builders.js";
import {
  fencedLines,
  HOSTILE,
  liveReferences,
  PARTS,
  RAW_CONTROL,
  RAW_INVISIBLE,
  rawTags,
  withoutColour,
} from "../support/hostile.js";
import { mermaidBlocks, parseFlowchart } from "./mermaid-parse.js";
import { audience } from "./scenarios.js";

/** The YAML gives a hostile description; Adobe names the added audience, and a live flow, hostilely. */
function hostilePlan(): Plan {
  const want = destination("d1", { description: HOSTILE, audiences: [audience("aud-1", HOSTILE)] });
  const state = live({
    targetConnections: [liveTarget("d1")],
    flows: [
      liveFlow("d1", { audienceIds: [] }),
      // Left behind in Adobe under a hostile name: an orphan the plan and the picture show.
      liveFlow(HOSTILE, { id: "flow-orphan", targetConnectionIds: ["tc-d1"] }),
    ],
  });
  return assemblePlan([planSandbox(desired({ destinations: [want] }), state, options())]);
}

function expectInertMarkdown(markdown: string): void {
  expect(liveReferences(markdown)).toEqual([]);
  expect(rawTags(markdown)).toEqual([]);
  expect(markdown).not.toMatch(RAW_CONTROL);
  expect(markdown).not.toMatch(RAW_INVISIBLE);
}

describe("visible", () => {
  it("shows every control and invisible character as an escape, and leaves other text alone", () => {
    expect(visible("a\u200bb\u202ec\u0000d\u001b[2J\r\n\t\u00ad\ufeff\u2028")).toBe(
      "a\\u200bb\\u202ec\\u0000d\\u001b[2J\\r\\n\\t\\u00ad\\ufeff\\u2028",
    );
    expect(visible("\u{e0041}")).toBe("\\udb40\\udc41");
    expect(visible("Men over 50 — ❤️ é 東京")).toBe("Men over 50 — ❤️ é 東京");
  });
});

describe("the text plan", () => {
  it("keeps a hostile name on its line, with every control and invisible character escaped", () => {
    const plan = hostilePlan();
    for (const color of [false, true]) {
      const out = renderPlanText(plan, { verbose: true, color });
      const plain = withoutColour(out);
      expect(plain).not.toMatch(RAW_CONTROL);
      expect(plain).not.toMatch(RAW_INVISIBLE);
      for (const line of plain.split("\n")) expect(line.trim()).not.toMatch(/^(\+ flow forged|::|##\[)/);
      expect(plain).toContain("Men\\u200bover\\u200c50\\u200d\\u2060\\ufeff\\u00ad\\u202eevil");
      expect(plain).toContain("\\u001b[2J\\u0007\\rX\\u001b]8;;https://evil.example\\u0007click");
    }
    // The tool's own colours still work.
    expect(renderPlanText(plan, { verbose: false, color: true })).toContain("\u001b[32m");
  });

  it("drift and apply results too", () => {
    const drift = withoutColour(renderDriftText(hostilePlan()));
    expect(drift).not.toMatch(RAW_CONTROL);
    expect(drift).not.toMatch(RAW_INVISIBLE);
    const applied = renderApplyText([{ sandbox: "prod", items: [failedItem()] }]);
    expect(applied).not.toMatch(RAW_CONTROL);
    expect(applied).not.toMatch(RAW_INVISIBLE);
    expect(applied.split("\n").filter((l) => l.trim().startsWith("::"))).toEqual([]);
  });
});

describe("the PR comment", () => {
  it("links, mentions and references nothing, and shows no HTML and no invisible character", () => {
    const out = planCommentBody(hostilePlan(), {
      marker: "<!-- aep-gitops:plan -->",
      sha: "a".repeat(40),
      workflowRunUrl: undefined,
    });
    expectInertMarkdown(out);
    // What the reviewer reads is the name, its invisible characters spelled out.
    expect(out).toContain("Men\\\\u200bover\\\\u200c50");
  });

  it("keeps every user string in the diff block on its own line: no forged change line", () => {
    const plan = hostilePlan();
    const out = renderPlanMarkdown(plan);
    const diff = fencedLines(out, "diff").flat();
    const expected = plan.sandboxes[0]!.changes.reduce(
      (n, c) => n + 1 + (c.fields.length + (c.credentials ? 1 : 0)),
      0,
    );
    expect(diff.length).toBeLessThanOrEqual(expected + plan.sandboxes[0]!.changes.length);
    for (const line of diff) expect(line).toMatch(/^([+~?*-] (flow|target|account|profile)| {4}\S)/);
    expect(diff.some((line) => line.includes("\\n+ flow forged"))).toBe(true);
    for (const block of [...fencedLines(out, "diff"), ...fencedLines(out, "json")])
      for (const line of block) {
        expect(line).not.toMatch(RAW_CONTROL);
        expect(line).not.toMatch(RAW_INVISIBLE);
      }
  });

  it("an apply comment with a hostile error message from Adobe", () => {
    expectInertMarkdown(renderApplyMarkdown([{ sandbox: "prod", items: [failedItem()] }]));
  });
});

describe("the drift issue", () => {
  it("is inert whatever Adobe calls an audience or a flow", () => {
    const body = driftIssueBody(
      { plan: hostilePlan() },
      {
        marker: "<!-- aep-gitops:drift -->",
        workflowRunUrl: undefined,
        sha: "b".repeat(40),
      },
    );
    expectInertMarkdown(body);
    expect(body).toContain("\\\\u200b");
  });
});

describe("the picture", () => {
  it("shows invisible characters in a label as escapes", () => {
    const chart = parseFlowchart(
      egressFlowchart({
        destinations: [
          {
            name: `summer\u200bsale ${PARTS.mentions}`,
            account: "acct",
            place: { stream: "s\u202e" },
            audiences: 1,
            attributes: 1,
            state: "enabled",
          },
        ],
      }).source,
    );
    const labels = [...chart.nodes.values()].flat();
    expect(labels).toContain("summer\\u200bsale @acme/security @alice");
    expect(labels.join("\n")).not.toMatch(RAW_INVISIBLE);
  });

  it("stays under mermaid's 50,000 characters, and a sandbox too large to draw is listed instead", () => {
    // Flows left behind in Adobe under one long name: 20 orphans, well under the per-account limit.
    const long = `${"x\u200b".repeat(4_000)}${HOSTILE}`;
    const plan = hostilePlan();
    const orphan = (i: number): MapDestination => ({
      name: `${long}-${i}`,
      type: "amazon-kinesis",
      account: "acct",
      place: { stream: `s${i}`, region: "us-east-1" },
      audiences: 1,
      attributes: 1,
      state: "enabled",
      delta: "orphan",
    });
    const big: Plan = {
      ...plan,
      sandboxes: [
        { ...plan.sandboxes[0]!, egressMap: { destinations: Array.from({ length: 20 }, (_, i) => orphan(i)) } },
      ],
    };
    expect(egressFlowchart(big.sandboxes[0]!.egressMap!).source.length).toBeGreaterThan(MERMAID_TEXT_LIMIT);
    const section = pictureSection(big).join("\n");
    for (const source of mermaidBlocks(section)) expect(source.length).toBeLessThan(MERMAID_TEXT_LIMIT);
    expect(mermaidBlocks(section)).toEqual([]);
    expect(section).toContain("too large to draw");
    expect(section).toContain("x\\u200bx");
    expectInertMarkdown(section);
    // The whole comment still ends with its checksum, and keeps its picture section.
    expect(renderPlanMarkdown(big)).toContain("too large to draw");
  });
});

describe("the Action's log", () => {
  it("annotations show invisible and control characters as escapes, and a message cannot add a command", () => {
    const line = annotationCommand({ level: "error", title: `aep-gitops: ${PARTS.invisible}`, message: HOSTILE });
    expect(line.split("\n")).toHaveLength(1);
    expect(line).not.toMatch(RAW_CONTROL);
    expect(line).not.toMatch(RAW_INVISIBLE);
    expect(line).toMatch(/^::error title=aep-gitops%3A Men\\u200bover/);
    expect(groupStart(`Plan ${PARTS.terminal}`)).not.toMatch(RAW_CONTROL);
  });
});

function failedItem() {
  return {
    ref: "flow/d1",
    resource: "flow" as const,
    name: "d1",
    action: "update" as const,
    status: "failed" as const,
    message: `Adobe refused: ${HOSTILE}`,
    concurrent: [`${HOSTILE} was edited`],
  };
}
