// The built Action where someone named an audience to attack whoever reads the job's output: the PR
// comment, the drift issue, the annotations, the job summary and the step's log. Nothing links,
// mentions or references; no line of the log is a workflow command but the Action's own; every invisible
// or control character is spelled out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DRIFT_LABEL } from "../../src/action/labels.js";
import {
  commandLines,
  fencedLines,
  HOSTILE,
  liveReferences,
  RAW_CONTROL,
  RAW_INVISIBLE,
  rawTags,
} from "../support/hostile.js";
import { kinesisAccount, kinesisDestination, MEN_OVER_50 } from "../support/lab.js";
import { pullRequestEvent, scheduleEvent, sha } from "./events.js";
import { startActionLab, type ActionLab } from "./harness.js";

const HOSTILE_AUDIENCE = "0f0e0d0c-0b0a-4909-8807-060504030201";
const yamlQuoted = (text: string) =>
  JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** A destination sending the hostile audience, named in the YAML as `name` (Adobe's, or a wrong one). */
const withAudienceName = (name: string) =>
  kinesisDestination("summer-campaign", {
    audiences: [MEN_OVER_50, HOSTILE_AUDIENCE],
    description: yamlQuoted(HOSTILE),
  }).replace(`- id: ${HOSTILE_AUDIENCE}`, `- id: ${HOSTILE_AUDIENCE}\n    name: ${yamlQuoted(name)}`);

let t: ActionLab;
beforeAll(async () => {
  t = await startActionLab({
    lab: {
      config: {
        audiences: {
          prod: [
            { id: MEN_OVER_50, name: "Men over 50" },
            { id: HOSTILE_AUDIENCE, name: HOSTILE },
          ],
        },
      },
    },
  });
  t.lab.write("destinations/account.yaml", kinesisAccount());
});
afterAll(() => t.close());

function expectInert(markdown: string): void {
  expect(liveReferences(markdown)).toEqual([]);
  expect(rawTags(markdown)).toEqual([]);
  expect(markdown).not.toMatch(RAW_CONTROL);
  expect(markdown).not.toMatch(RAW_INVISIBLE);
}

/**
 * The log's workflow commands are the Action's own: none was forged by a name. (An annotation's data
 * may quote `##[`: the runner reads the line as the annotation first, and never as another command.)
 */
function expectOwnCommandsOnly(log: string): void {
  const forged = commandLines(log).filter(
    (line) =>
      !/^::(group|endgroup|add-mask|error|warning|notice)( [^:]*)?::/.test(line) ||
      /^\s*::(error::forged|add-mask::secret|stop-commands)/.test(line),
  );
  expect(forged).toEqual([]);
  expect(log).not.toMatch(RAW_CONTROL);
  expect(log).not.toMatch(RAW_INVISIBLE);
}

const planOn = (pr: number, head: string) =>
  t.run({ command: "plan", eventName: "pull_request", payload: pullRequestEvent(pr, head), sha: head });

describe("plan on a pull request", () => {
  it("the comment, the summary and the log are inert, and the diff gains no line", async () => {
    t.lab.write("destinations/summer.yaml", withAudienceName(HOSTILE));
    const pr = t.github.openPullRequest("hostile names", sha("7"));
    const run = await planOn(pr, sha("7"));
    expect(run.code, run.stdout).toBe(0);
    const [comment] = t.github.comments(pr);
    expectInert(comment!.body);
    expectInert(run.summary);
    for (const line of fencedLines(comment!.body, "diff").flat())
      expect(line).toMatch(/^([+~?*-] (flow|target|account|profile)| {4}\S)/);
    expect(comment!.body).toContain("Men\\\\u200bover\\\\u200c50");
    expectOwnCommandsOnly(run.stdout);
    expect(run.stdout).toContain("Men\\u200bover\\u200c50");
  });

  it("an annotation quoting Adobe's hostile name is one command, its characters spelled out", async () => {
    t.lab.write("destinations/summer.yaml", withAudienceName("Loyal customers"));
    const pr = t.github.openPullRequest("wrong audience name", sha("8"));
    const run = await planOn(pr, sha("8"));
    expect(run.code, run.stdout).toBe(0);
    const annotation = run.stdout.split("\n").find((line) => line.includes("audience-name"));
    expect(annotation).toMatch(
      /^::warning file=destinations\/summer\.yaml,line=\d+,col=\d+,title=aep-gitops%3A audience-name::/,
    );
    expect(annotation).toContain("Men\\u200bover\\u200c50");
    // Two lines, the message and its hint, however many line breaks the name they quote holds.
    expect(annotation!.slice(annotation!.indexOf("::", 2) + 2).split("%0A")).toHaveLength(2);
    expectOwnCommandsOnly(run.stdout);
    expectInert(t.github.comments(pr)[0]!.body);
  });

  it("a problem quoting a hostile YAML value is one line of the comment's list", async () => {
    t.lab.write(
      "destinations/summer.yaml",
      kinesisDestination("summer-campaign").replace(`- id: ${MEN_OVER_50}`, `- name: ${yamlQuoted(`${HOSTILE} 2`)}`),
    );
    const pr = t.github.openPullRequest("unknown audience", sha("9"));
    const run = await planOn(pr, sha("9"));
    expect(run.code, run.stdout).toBe(1);
    expectOwnCommandsOnly(run.stdout);
    const [comment] = t.github.comments(pr);
    expectInert(comment!.body);
    const list = fencedLines(comment!.body, "text").flat();
    expect(list.filter((line) => line.includes("Men\\u200bover"))).toHaveLength(1);
    expect(list.filter((line) => /^\s*(\+ flow forged|::)/.test(line))).toEqual([]);
  });
});

describe("drift on a schedule", () => {
  it("the drift issue, the summary and the log are inert whatever Adobe calls an audience", async () => {
    t.lab.write("destinations/summer.yaml", kinesisDestination("summer-campaign"));
    expect((await t.lab.cli(["apply", "--yes"])).code).toBe(0);
    // Someone adds the hostile audience to the flow in Adobe's UI.
    const flow = (await t.lab.ui("GET", "/flows?property=name==summer-campaign")).body.items[0];
    const edit = await t.lab.uiPatchFlow(flow.id, [
      {
        op: "add",
        path: "/transformations/0/params/segmentSelectors/selectors/-",
        value: { type: "PLATFORM_SEGMENT", value: { id: HOSTILE_AUDIENCE, name: HOSTILE } },
      },
    ]);
    expect(edit.status, JSON.stringify(edit.body)).toBeLessThan(300);
    const run = await t.run({ command: "drift", eventName: "schedule", payload: scheduleEvent(), sha: sha("d") });
    expect(run.outputs["drift-count"]).toBe("1");
    const [issue] = t.github.issues(DRIFT_LABEL);
    expect(issue!.body).toContain(HOSTILE_AUDIENCE);
    expectInert(issue!.body);
    expect(issue!.title).not.toMatch(RAW_INVISIBLE);
    expectInert(run.summary);
    expectOwnCommandsOnly(run.stdout);
  });
});
