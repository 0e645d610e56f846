// The Mermaid picture as a renderer: labels escaped so any name is inert, ids generated, the size
// bounded (per-account counts above the limit, and the accounts themselves bounded), and a plan with
// pictures and sample records still fitted into one comment with its marker and checksum line.
import { describe, expect, it } from "vitest";
import type { DesiredDestination } from "../../src/domain/state/desired.js";
import { egressMap } from "../../src/domain/review/egress-map.js";
import type { EgressMap, MapDestination, Plan } from "../../src/domain/plan/plan.js";
import { assemblePlan, planSandbox } from "../../src/domain/plan/planner.js";
import { samplePairs } from "../../src/domain/review/preview-changes.js";
import { readChecksumLine } from "../../src/github/comment-records.js";
import { renderPlanMarkdown } from "../../src/report/plan/markdown.js";
import { egressFlowchart, FLOWCHART_DESTINATION_LIMIT, mermaidText } from "../../src/report/plan/mermaid.js";
import { fitComment, GITHUB_COMMENT_LIMIT } from "../../src/report/comments/overflow.js";
import { account, desired, destination, live, options } from "../domain/builders.js";
import { structure } from "./markdown-structure.js";
import { mermaidBlocks, nodeLabelled, parseFlowchart, targetsOf } from "./mermaid-parse.js";

/** How many sample records a plan comment shows (markdown-samples.ts). */
const SAMPLE_LIMIT = 10;

const one = (over: Partial<MapDestination>): MapDestination => ({
  name: "d",
  type: "amazon-kinesis",
  account: "acct",
  place: { stream: "s", region: "us-east-1" },
  audiences: 1,
  attributes: 1,
  state: "enabled",
  ...over,
});

describe("the flowchart", () => {
  it("escapes every label so that names holding quotes, brackets, HTML or backticks stay text", () => {
    const hostile = 'evil"]; click a1 call x() %% <img src=x> `fence` #1 é';
    const chart = parseFlowchart(
      egressFlowchart({ destinations: [one({ name: hostile, account: 'acct"]', place: { stream: "s]\n--> x" } })] })
        .source,
    );
    const node = nodeLabelled(chart, hostile);
    expect(node.id).toBe("d1");
    // A line break in a name is drawn as `\n`, on the label's one line.
    expect(chart.nodes.get(targetsOf(chart, node.id)[0]!)).toEqual(["stream s]\\n--> x"]);
    expect(nodeLabelled(chart, 'account acct"]').id).toBe("a1");
    expect(mermaidText('a"b<c>`#')).toBe("a#34;b#60;c#62;#96;#35;");
  });

  it("draws a shared stream once, with an arrow from each destination that sends to it", () => {
    const chart = parseFlowchart(
      egressFlowchart({
        destinations: [one({ name: "x" }), one({ name: "y" }), one({ name: "z", place: { stream: "t" } })],
      }).source,
    );
    const [tx] = targetsOf(chart, nodeLabelled(chart, "x").id);
    expect(targetsOf(chart, nodeLabelled(chart, "y").id)).toEqual([tx]);
    expect(targetsOf(chart, nodeLabelled(chart, "z").id)).not.toEqual([tx]);
  });

  it("above the limit, counts per account, and bounds the accounts as well", () => {
    const many = (accounts: number, each: number): EgressMap => ({
      destinations: Array.from({ length: accounts * each }, (_, i) =>
        one({
          name: `d${i}`,
          account: `acct-${String(Math.floor(i / each)).padStart(3, "0")}`,
          place: { stream: `s${i}` },
        }),
      ),
    });
    expect(egressFlowchart(many(1, FLOWCHART_DESTINATION_LIMIT)).collapsed).toBe(false);
    const few = egressFlowchart(many(2, 25));
    expect(few.collapsed).toBe(true);
    expect(parseFlowchart(few.source).nodes.size).toBe(6);
    const lots = parseFlowchart(egressFlowchart(many(100, 2)).source);
    expect(lots.nodes.size).toBe(3 * FLOWCHART_DESTINATION_LIMIT);
    const rest = nodeLabelled(lots, `${100 - FLOWCHART_DESTINATION_LIMIT + 1} more accounts`);
    expect(lots.nodes.get(targetsOf(lots, rest.id)[0]!)![0]).toBe(
      `${(100 - FLOWCHART_DESTINATION_LIMIT + 1) * 2} destinations`,
    );
  });
});

/** A first apply of `count` destinations, with the samples and the map planAll adds. */
function picturedPlan(count: number): Plan {
  const destinations: DesiredDestination[] = Array.from({ length: count }, (_, i) =>
    destination(`campaign-${String(i + 1).padStart(3, "0")}`, {
      account: "acct",
      audienceIds: [`${String(i).padStart(8, "0")}-aaaa-4bbb-8ccc-000000000001`],
      paths: ["person.name.lastName", "personalEmail.address"],
    }),
  );
  const want = desired({ accounts: [account("acct")], destinations });
  const state = live({ connections: [] });
  const plan = planSandbox(want, state, options());
  return assemblePlan([
    { ...plan, samples: samplePairs(plan, want, state, {}), egressMap: egressMap(plan, want, state) },
  ]);
}

describe("the PR comment with pictures and samples", () => {
  it("bounds the samples, collapses the picture, and still fits with its marker and checksum", () => {
    const plan = picturedPlan(300);
    const markdown = renderPlanMarkdown(plan);
    expect(markdown.match(/<summary>Sample record of /g)).toHaveLength(SAMPLE_LIMIT);
    expect(markdown).toContain(`… and ${300 - SAMPLE_LIMIT} more changed destinations`);
    const fitted = fitComment(markdown, GITHUB_COMMENT_LIMIT, "the summary");
    expect(fitted.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(readChecksumLine(fitted)).toBe(plan.checksum);
    expect(structure(fitted)).toMatchObject({ unclosedFence: false, detailsDepth: 0, detailsUnderflow: false });
    // The picture comes before the long egress list, so the cut keeps it, whole.
    expect(mermaidBlocks(fitted).map((block) => parseFlowchart(block).nodes.size)).toEqual([3]);
  });

  it("a small plan shows every sample collapsed, the picture whole, and is not cut", () => {
    const markdown = renderPlanMarkdown(picturedPlan(3));
    expect(fitComment(markdown, GITHUB_COMMENT_LIMIT, "x")).toBe(markdown);
    expect(
      markdown.match(/<details>\n<summary>Sample record of campaign-00\d \(Amazon Kinesis, sandbox prod\)/g),
    ).toHaveLength(3);
    expect(parseFlowchart(mermaidBlocks(markdown)[0]!).nodes.size).toBe(1 + 3 + 3);
  });
});
