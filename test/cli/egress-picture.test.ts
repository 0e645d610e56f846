// The markdown plan's picture of what leaves where, through the real CLI against the emulator: a
// Mermaid flowchart account → destination → stream / event hub for every destination of the sandbox,
// the plan's delta marked by class and in words, collapsed per account when the sandbox is large; and
// the sample records, before and after, collapsed under it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  eventHubsAccount,
  kinesisAccount,
  kinesisDestination,
  MEN_OVER_50,
  PROD_AUDIENCES,
  startLab,
  type Lab,
} from "../support/lab.js";
import { mermaidBlocks, nodeLabelled, parseFlowchart, targetsOf, type Flowchart } from "../report/mermaid-parse.js";

const HUBS_ACCOUNT = eventHubsAccount();
const HUBS_DESTINATION = `apiVersion: aep-gitops/v1
kind: Destination
name: crm-events
type: azure-event-hubs
account: eventhubs-crm
target:
  eventHubName: crm-events-hub
audiences:
  - id: ${MEN_OVER_50}
profileAttributes:
  - person.lastName
`;

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
  lab.write("destinations/hubs-account.yaml", HUBS_ACCOUNT);
});
afterEach(() => lab.close());

async function markdownPlan(args: string[] = []): Promise<string> {
  const run = await lab.cli(["plan", "--format", "markdown", ...args]);
  expect(run.code, run.stderr + run.stdout.slice(0, 3000)).toBe(0);
  return run.stdout;
}

function onlyChart(markdown: string): Flowchart {
  const blocks = mermaidBlocks(markdown);
  expect(blocks).toHaveLength(1);
  return parseFlowchart(blocks[0]!);
}

describe("the markdown plan's picture of what leaves where", () => {
  it("draws every account, destination and stream / event hub, with the plan's delta marked", async () => {
    for (const name of ["steady", "to-change", "to-stop", "to-remove"])
      lab.write(`destinations/${name}.yaml`, kinesisDestination(name));
    lab.write("destinations/crm.yaml", HUBS_DESTINATION);
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);

    lab.write(
      "destinations/to-change.yaml",
      kinesisDestination("to-change", { audiences: PROD_AUDIENCES.slice(0, 2) }),
    );
    lab.write("destinations/to-stop.yaml", kinesisDestination("to-stop", { state: "disabled" }));
    lab.remove("destinations/to-remove.yaml");
    lab.write("destinations/fresh.yaml", kinesisDestination("fresh", { attributes: ["person.lastName"] }));
    const chart = onlyChart(await markdownPlan(["--prune", "--force"]));
    expect(chart.direction).toBe("LR");

    const kinesis = nodeLabelled(chart, "account kinesis-marketing");
    const hubs = nodeLabelled(chart, "account eventhubs-crm");
    expect(kinesis.label).toEqual(["account kinesis-marketing", "Amazon Kinesis"]);
    expect(hubs.label).toEqual(["account eventhubs-crm", "Azure Event Hubs"]);

    const expected: [name: string, account: string, target: string, delta: string | undefined, words?: string][] = [
      ["steady", kinesis.id, "stream steady-stream", undefined],
      ["to-change", kinesis.id, "stream to-change-stream", "changed", "~ changed: +1 audience"],
      ["to-stop", kinesis.id, "stream to-stop-stream", "stopped", "stopped: disabled by this plan"],
      ["to-remove", kinesis.id, "stream to-remove-stream", "removed", "- removed: stops exporting"],
      ["fresh", kinesis.id, "stream fresh-stream", "added", "+ new in this plan"],
      ["crm-events", hubs.id, "event hub crm-events-hub", undefined],
    ];
    for (const [name, account, target, delta, words] of expected) {
      const node = nodeLabelled(chart, name);
      expect(targetsOf(chart, account), name).toContain(node.id);
      const [place] = targetsOf(chart, node.id);
      expect(chart.nodes.get(place!)![0], name).toBe(target);
      expect(chart.classes.get(node.id), name).toBe(delta);
      // The delta is in the label too, so the picture says it without colour.
      if (words) expect(node.label.at(-1), name).toBe(words);
      else expect(node.label, name).toHaveLength(2);
      // No data flows along a stopped or removed destination's arrows.
      const dashed = chart.edges.filter((e) => e.from === node.id || e.to === node.id).map((e) => e.dashed);
      expect(dashed, name).toEqual(delta === "stopped" || delta === "removed" ? [true, true] : [false, false]);
    }
    expect(nodeLabelled(chart, "to-change").label[1]).toBe("2 audiences, 2 attributes");
    expect(nodeLabelled(chart, "fresh").label[1]).toBe("1 audience, 1 attribute");
    expect(chart.nodes.get(targetsOf(chart, nodeLabelled(chart, "crm-events").id)[0]!)).toEqual([
      "event hub crm-events-hub",
      "namespace crm-namespace",
    ]);
    // One node per account and per place; ids are generated, never names.
    expect(chart.nodes.size).toBe(2 + 6 + 6);
    for (const id of chart.nodes.keys()) expect(id).toMatch(/^[adt]\d+$/);
  });

  it("collapses a sandbox of more than 40 destinations to per-account counts", async () => {
    for (let i = 1; i <= 45; i++)
      lab.write(`destinations/d${i}.yaml`, kinesisDestination(`campaign-${String(i).padStart(2, "0")}`));
    lab.write("destinations/crm.yaml", HUBS_DESTINATION);
    const markdown = await markdownPlan();
    const chart = onlyChart(markdown);
    expect(markdown).toContain("46 destinations, drawn per account");
    expect(chart.nodes.size).toBe(6);
    const kinesis = nodeLabelled(chart, "account kinesis-marketing");
    const [group] = targetsOf(chart, kinesis.id);
    expect(chart.nodes.get(group!)).toEqual(["45 destinations", "45 audiences, 90 attributes", "+45 new"]);
    expect(chart.classes.get(group!)).toBe("added");
    expect(chart.nodes.get(targetsOf(chart, group!)[0]!)).toEqual(["45 streams"]);
    const hubs = nodeLabelled(chart, "account eventhubs-crm");
    expect(chart.nodes.get(targetsOf(chart, targetsOf(chart, hubs.id)[0]!)[0]!)).toEqual(["1 event hub"]);
    expect(mermaidBlocks(markdown)[0]).not.toContain("campaign-");
  });

  it("carries each changed destination's sample record, before and after, collapsed; the text plan points to preview", async () => {
    lab.write("destinations/summer.yaml", kinesisDestination("summer"));
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    lab.write("destinations/summer.yaml", kinesisDestination("summer", { attributes: ["person.lastName"] }));
    const markdown = await markdownPlan();
    const block =
      /<details>\n<summary>Sample record of summer \(Amazon Kinesis, sandbox prod\): before → after<\/summary>\n([\s\S]*?)\n<\/details>/.exec(
        markdown,
      );
    expect(block, markdown).not.toBeNull();
    const [before, after] = [...block![1]!.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => JSON.parse(m[1]!));
    expect(before.personalEmail).toEqual({ address: "john.doe@example.com" });
    expect(after.personalEmail).toBeUndefined();
    expect(after.person).toEqual({ lastName: "Doe" });

    const text = await lab.cli(["plan"]);
    expect(text.stdout.split("\n").filter((l) => l.includes("aep-gitops preview"))).toHaveLength(1);
  });
});
