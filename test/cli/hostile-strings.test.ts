// The real CLI against the emulator, where someone named an audience and a flow to attack whoever reads
// the output: a CI log (workflow commands), a terminal (escape sequences), a reviewer (invisible
// characters), the PR comment (mentions, links, forged diff lines). JSON keeps the real string.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  commandLines,
  fencedLines,
  HOSTILE,
  liveReferences,
  PARTS,
  RAW_CONTROL,
  RAW_INVISIBLE,
  rawTags,
} from "../support/hostile.js";
import { KINESIS_SPEC, kinesisAccount, kinesisDestination, startLab, type Lab } from "../support/lab.js";

const HOSTILE_AUDIENCE = "0f0e0d0c-0b0a-4909-8807-060504030201";

/** A YAML double-quoted scalar of any text: JSON's escapes, with everything outside ASCII escaped too. */
const yamlQuoted = (text: string) =>
  JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({ config: { audiences: { prod: [{ id: HOSTILE_AUDIENCE, name: HOSTILE }] } } });
  lab.write("destinations/account.yaml", kinesisAccount());
  // The audience by id and by its (hostile) name, which must agree with Adobe's.
  lab.write(
    "destinations/summer.yaml",
    kinesisDestination("summer", { audiences: [HOSTILE_AUDIENCE], description: yamlQuoted(HOSTILE) }).replace(
      `- id: ${HOSTILE_AUDIENCE}`,
      `- id: ${HOSTILE_AUDIENCE}\n    name: ${yamlQuoted(HOSTILE)}`,
    ),
  );
});
afterAll(() => lab.close());

/** Nothing in the output a terminal or the GitHub runner would act on, and nothing a person cannot see. */
function expectSafeForTerminalAndLog(text: string): void {
  expect(commandLines(text)).toEqual([]);
  expect(text).not.toMatch(RAW_CONTROL);
  expect(text).not.toMatch(RAW_INVISIBLE);
}

describe("plan", () => {
  it("as text: the hostile audience name and description are shown escaped, on their own lines", async () => {
    const run = await lab.cli(["plan", "--verbose"], { env: { CI: "true", GITHUB_ACTIONS: "true" } });
    expect(run.code, run.stderr).toBe(0);
    expectSafeForTerminalAndLog(run.stdout + run.stderr);
    expect(run.stdout).toContain(`audience ${HOSTILE_AUDIENCE} (@acme/security @alice https://evil.example/x`);
    expect(run.stdout).toContain("Men\\u200bover\\u200c50");
    expect(run.stdout).toContain("\\u001b[2J\\u0007\\rX\\u001b]8;;https://evil.example\\u0007click");
  });

  it("as markdown: links, mentions and references nothing, and the diff gains no line", async () => {
    const run = await lab.cli(["plan", "--format", "markdown"]);
    expect(run.code, run.stderr).toBe(0);
    expect(liveReferences(run.stdout)).toEqual([]);
    expect(rawTags(run.stdout)).toEqual([]);
    expectSafeForTerminalAndLog(run.stdout);
    for (const line of fencedLines(run.stdout, "diff").flat())
      expect(line).toMatch(/^([+~?*-] (flow|target|account|profile)| {4}\S)/);
  });

  it("as JSON: the real string, whatever it holds", async () => {
    const run = await lab.cli(["plan", "--format", "json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(commandLines(run.stdout)).toEqual([]);
    const added = JSON.parse(run.stdout).sandboxes[0].egress[0].audiencesAdded;
    expect(added).toEqual([expect.objectContaining({ id: HOSTILE_AUDIENCE, name: HOSTILE })]);
  });
});

describe("import", () => {
  it("prints a skipped flow's hostile name as one printable line", async () => {
    const source = await lab.uiProfileSource();
    const account = await lab.uiKinesisAccount("Hostile account", "secret-123456", "eu-west-1");
    const target = await lab.uiCreate("/targetConnections", {
      name: "t",
      baseConnectionId: account,
      connectionSpec: KINESIS_SPEC,
      data: { format: "json" },
      params: { stream: "s", region: "eu-west-1" },
    });
    // No GeneralTransform: import skips it, and says so by name.
    await lab.uiCreate("/flows", {
      name: `x${PARTS.forgedLines}${PARTS.terminal}${PARTS.invisible}`,
      flowSpec: { id: "71471eba-b620-49e4-90fd-23f1fa0174d8", version: "1.0" },
      sourceConnectionIds: [source],
      targetConnectionIds: [target],
      transformations: [],
    });
    const run = await lab.cli(["import", "--sandbox", "prod", "--out", "imported"]);
    expect(run.code, run.stderr).toBe(0);
    expectSafeForTerminalAndLog(run.stdout + run.stderr);
    expect(run.stderr).toMatch(/^skipped 'x\\n\+ flow forged .*::error::forged.*Men\\u200bover/m);
  });
});

describe("a hostile tool config", () => {
  it("validate and plan show its values escaped, and no line of theirs is a workflow command", async () => {
    const config = `sandboxes:\n  ${yamlQuoted(`prod\u001b[2J\u200b::error::x${PARTS.forgedLines}`)}: destinations\n`;
    lab.write("elsewhere/aep-gitops.config.yaml", config);
    for (const args of [["validate"], ["plan"]]) {
      const run = await lab.cli([...args, "--config", "elsewhere/aep-gitops.config.yaml"]);
      expect(run.code).toBe(1);
      expectSafeForTerminalAndLog(run.stdout + run.stderr);
      expect(run.stdout + run.stderr).toContain("prod\\u001b[2J\\u200b::error::x");
    }
  });
});
