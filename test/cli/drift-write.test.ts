// drift --write keeps a change made in Adobe's UI: the YAML of each object changed outside Git is
// rewritten to describe it, only the drifted lines, so the next plan is a no-op and the diff a reviewer
// reads is the change itself. Through the real CLI against the emulator, edits made as the UI makes them.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, PROD_AUDIENCES, startLab, type Lab } from "../support/lab.js";
import { clickTogether } from "../support/ui-made.js";

let lab: Lab;
afterEach(() => lab?.close());

const EXAMPLES = path.resolve(import.meta.dirname, "../../examples/destinations");
const EXAMPLE_ENV = {
  KINESIS_MARKETING_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
  KINESIS_MARKETING_SECRET_KEY: "example-secret-Kq2",
  EVENT_HUBS_ANALYTICS_SAS_KEY: "example-sas-Lm9",
};
const SECOND = PROD_AUDIENCES[1]!;
const ADD_SECOND = {
  op: "add",
  path: "/transformations/0/params/segmentSelectors/selectors/-",
  value: { type: "PLATFORM_SEGMENT", value: { id: SECOND } },
};
const REMOVE_FIRST_ATTRIBUTE = { op: "remove", path: "/transformations/0/params/profileSelectors/selectors/0" };

/** Lines only before and lines only after, by a longest common subsequence (a line keeps its "\r"). */
function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split("\n");
  const b = after.split("\n");
  const lcs = a.map(() => new Array<number>(b.length + 1).fill(0));
  lcs.push(new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const removed: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) [i, j] = [i + 1, j + 1];
    else if (j < b.length && (i === a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) added.push(b[j++]!);
    else removed.push(a[i++]!);
  }
  return { removed, added };
}

async function flowOf(name: string) {
  return (await lab.ui("GET", `/flows?property=name==${encodeURIComponent(name)}`)).body.items[0] as {
    id: string;
    targetConnectionIds: string[];
  };
}

/** Points a destination's target connection elsewhere, as the UI's "edit destination" does. */
async function uiRetarget(name: string, params: Record<string, unknown>) {
  const id = (await flowOf(name)).targetConnectionIds[0]!;
  const target = (await lab.ui("GET", `/targetConnections/${id}`)).body.items[0];
  const answer = await lab.ui("PATCH", `/targetConnections/${id}`, {
    body: [{ op: "replace", path: "/params", value: { ...target.params, ...params } }],
    ifMatch: target.etag,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
}

async function uiState(name: string, op: "enable" | "disable") {
  const answer = await lab.ui("POST", `/flows/${(await flowOf(name)).id}/action?op=${op}`);
  expect(answer.status).toBeLessThan(300);
}

async function uiFlowEdit(name: string, ops: unknown[]) {
  expect((await lab.uiPatchFlow((await flowOf(name)).id, ops)).status).toBe(202);
}

const read = (file: string) => readFileSync(path.join(lab.dir, file), "utf8");

/** drift --write, then the plan against the same Adobe: nothing left to change. */
async function writeAndPlan(env: Record<string, string> = {}) {
  const written = await lab.cli(["drift", "--write", "--format", "json"], { env });
  expect(written.code, written.stderr).toBe(2);
  const plan = await lab.cli(["plan", "--detailed-exitcode"], { env });
  expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  return JSON.parse(written.stdout) as {
    written: { file: string; refs: string[]; fields: string[] }[];
    notes?: string[];
  };
}

async function setUp() {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
  lab.write("destinations/orders.yaml", kinesisDestination("orders"));
  const apply = await lab.cli(["apply", "--yes"]);
  expect(apply.code, apply.stderr).toBe(0);
  return read("destinations/orders.yaml");
}

describe("drift --write: a UI edit of each kind, kept in Git", () => {
  it("an audience added in the UI: one line, by id, with Adobe's name as a comment", async () => {
    const before = await setUp();
    await uiFlowEdit("orders", [ADD_SECOND]);
    const json = await writeAndPlan();
    expect(json.written).toEqual([{ file: "destinations/orders.yaml", refs: ["flow/orders"], fields: ["audiences"] }]);
    const diff = lineDiff(before, read("destinations/orders.yaml"));
    expect(diff.removed).toEqual([]);
    expect(diff.added).toHaveLength(1);
    expect(diff.added[0]).toMatch(new RegExp(`^  - id: ${SECOND}  # \\S`));
  });

  it("an attribute removed, the state changed and the stream changed: exactly those lines", async () => {
    const before = await setUp();
    await uiFlowEdit("orders", [REMOVE_FIRST_ATTRIBUTE]);
    await uiState("orders", "disable");
    await uiRetarget("orders", { stream: "orders-stream-v2" });
    const json = await writeAndPlan();
    expect(json.written[0]!.fields.sort()).toEqual(["params.stream", "profileAttributes", "state"]);
    expect(lineDiff(before, read("destinations/orders.yaml"))).toEqual({
      removed: ["state: enabled", "  stream: orders-stream", "  - person.lastName"],
      added: ["state: disabled", "  stream: orders-stream-v2"],
    });
  });

  it("a credential rotated in the UI is a note, and nothing secret is written", async () => {
    const before = await setUp();
    const accounts = (await lab.ui("GET", "/connections?property=name==kinesis-marketing")).body.items;
    const account = accounts[0];
    const answer = await lab.ui("PATCH", `/connections/${account.id}`, {
      body: [{ op: "replace", path: "/auth/params/secretKey", value: "rotated-in-ui-Zz9" }],
      ifMatch: account.etag,
    });
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
    await uiState("orders", "disable");
    const run = await lab.cli(["drift", "--write"]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toMatch(/Not written: account kinesis-marketing \(prod\): changed in Adobe/);
    expect(read("destinations/account.yaml")).toBe(kinesisAccount());
    expect(lineDiff(before, read("destinations/orders.yaml")).added).toEqual(["state: disabled"]);
    for (const file of readdirSync(path.join(lab.dir, "destinations")))
      expect(read(`destinations/${file}`)).not.toContain("rotated-in-ui");
    expect(run.stdout + run.stderr).not.toContain("rotated-in-ui");
  });

  it("leaves a destination made in Adobe's UI alone: that is import's", async () => {
    await setUp();
    await clickTogether(lab, "Made In UI", "UI account");
    const run = await lab.cli(["drift", "--write", "--format", "json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).written).toEqual([]);
    expect(readdirSync(path.join(lab.dir, "destinations")).sort()).toEqual(["account.yaml", "orders.yaml"]);
  });
});

/** The examples with what people also write: quotes of both kinds, non-ASCII, an anchor, CRLF endings. */
function decorated(file: string, text: string): string {
  if (file === "summer-advertising-campaign.yaml")
    return text
      .replace("description: Summer advertising campaign", 'description: "Campagne d’été — Sommer ☀"')
      .replace("  stream: summer-campaign", "  stream: 'summer-campaign' # the team's stream")
      .replace(/\n/g, "\r\n");
  if (file === "loyalty-winback.yaml")
    return text.replace("  region: us-east-1", "  region: &region us-east-1  # Région: N. Virginia");
  return text;
}

describe("drift --write on the example destinations: byte for byte outside the drifted lines", () => {
  it("keeps comments, order, quoting, anchors, non-ASCII and CRLF; the next plan is a no-op", async () => {
    lab = await startLab();
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith(".yaml"));
    for (const f of files) lab.write(`destinations/${f}`, decorated(f, readFileSync(path.join(EXAMPLES, f), "utf8")));
    const apply = await lab.cli(["apply", "--yes"], { env: EXAMPLE_ENV });
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    const before = Object.fromEntries(files.map((f) => [f, read(`destinations/${f}`)]));

    await uiFlowEdit("summer-advertising-campaign", [ADD_SECOND, REMOVE_FIRST_ATTRIBUTE]);
    await uiState("summer-advertising-campaign", "disable");
    await uiRetarget("summer-advertising-campaign", { stream: "summer-campaign-2027" });
    await uiState("loyalty-winback", "enable");
    await uiRetarget("loyalty-winback", { stream: "winback-v2" });
    await uiFlowEdit("realtime-personalization", [REMOVE_FIRST_ATTRIBUTE]);
    await uiState("realtime-personalization", "disable");
    await uiRetarget("realtime-personalization", { eventHubName: "profile-updates-v2" });

    await writeAndPlan(EXAMPLE_ENV);
    const diff = (f: string) => lineDiff(before[f]!, read(`destinations/${f}`));
    expect(diff("summer-advertising-campaign.yaml")).toEqual({
      removed: ["state: enabled\r", "  stream: 'summer-campaign' # the team's stream\r", "  - person.lastName\r"],
      added: [
        "state: disabled\r",
        "  stream: 'summer-campaign-2027' # the team's stream\r",
        expect.stringMatching(new RegExp(`^  - id: ${SECOND}  # .+\\r$`)),
      ],
    });
    expect(diff("loyalty-winback.yaml")).toEqual({
      removed: ["state: disabled", "  stream: loyalty-winback"],
      added: ["state: enabled", "  stream: winback-v2"],
    });
    expect(diff("realtime-personalization.yaml")).toEqual({
      removed: ["  eventHubName: profile-updates", "  - person.lastName"],
      added: ["state: disabled", "  eventHubName: profile-updates-v2"],
    });
  });
});

describe("drift --write on import's own output", () => {
  it("rewrites only the drifted lines of a file import wrote", async () => {
    lab = await startLab();
    const creds = {
      MARKETING_AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
      MARKETING_AWS_SECRET_KEY: "ui-typed-secret-123",
    };
    await clickTogether(lab, "Summer Campaign (EU)", "Marketing AWS");
    expect((await lab.cli(["import", "--sandbox", "prod", "--out", "destinations"])).code).toBe(0);
    expect((await lab.cli(["apply", "--yes"], { env: creds })).code).toBe(0);
    const file = "destinations/summer-campaign-eu.yaml";
    const before = read(file);

    await uiFlowEdit("Summer Campaign (EU)", [REMOVE_FIRST_ATTRIBUTE]);
    await uiState("Summer Campaign (EU)", "disable");
    await uiRetarget("Summer Campaign (EU)", { stream: "eu-summer-2" });
    await writeAndPlan(creds);
    const diff = lineDiff(before, read(file));
    // Its only attribute gone: an empty list, `[]`, not a bare key (null, which the schema refuses).
    expect(diff.removed.sort()).toEqual(
      ["  - person.lastName", "  stream: eu-summer", "profileAttributes:", "state: enabled"].sort(),
    );
    expect(diff.added.sort()).toEqual(["  stream: eu-summer-2", "profileAttributes: []", "state: disabled"].sort());
  });
});
