// Every kind of JSON document, printed by the real CLI against the emulator, matches its schema in
// schemas/output/: lab.cli() checks each one (test/support/json-output.ts), and each test here proves
// the check ran. Then the check itself is tested on doctored documents, so it cannot pass silently,
// and the schemas and the examples in docs/json-output.md are held to each other.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkedDocuments, jsonOutputError, OUTPUT_KINDS, outputValidator } from "../support/json-output.js";
import { kinesisAccount, kinesisDestination, startLab, type Lab } from "../support/lab.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCHEMAS = path.join(ROOT, "schemas/output");

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed documents

describe("every JSON document the CLI prints", () => {
  let lab: Lab;
  beforeEach(async () => {
    lab = await startLab();
    lab.write("destinations/account.yaml", kinesisAccount());
    lab.write("destinations/summer.yaml", kinesisDestination("summer"));
  });
  afterEach(() => lab.close());

  /** Runs the CLI and parses its document, after checking that lab.cli() validated it as `kind`. */
  async function json(args: string[], kind: string): Promise<{ code: number | null; doc: Json }> {
    const before = checkedDocuments(kind);
    const run = await lab.cli(args);
    expect(checkedDocuments(kind), `${args.join(" ")}: no one ${kind} document\n${run.stdout}${run.stderr}`).toBe(
      before + 1,
    );
    return { code: run.code, doc: JSON.parse(run.stdout) as Json };
  }

  it("validate: a valid configuration, then an unknown field at its line and column", async () => {
    const valid = await json(["validate", "--format", "json"], "validate");
    expect(valid.code).toBe(0);
    expect(valid.doc).toMatchObject({ format: "aep-gitops.validate/v1", valid: true, problems: [] });
    expect(valid.doc.files).toEqual(["destinations/account.yaml", "destinations/summer.yaml"]);

    lab.write("destinations/summer.yaml", kinesisDestination("summer").replace("stream:", "strem:"));
    const invalid = await json(["validate", "--format", "json"], "validate");
    expect(invalid.code).toBe(1);
    expect(invalid.doc).toMatchObject({ valid: false, summary: { errors: 1, warnings: 0, files: 2 } });
    expect(invalid.doc.problems).toEqual([
      expect.objectContaining({ file: "destinations/summer.yaml", line: 9, column: 3, rule: "schema" }),
    ]);
  });

  it("plan: the changes with the YAML asking for them, then a warning in problems", async () => {
    const plan = await json(["plan", "--format", "json"], "plan");
    expect(plan.code).toBe(0);
    expect(plan.doc.summary).toEqual({ add: 5, change: 0, destroy: 0, orphaned: 0, adopt: 0 });
    const flow = plan.doc.sandboxes[0].changes.find((c: Json) => c.ref === "flow/summer");
    expect(flow.source).toEqual({ file: "destinations/summer.yaml", line: 1, column: 1 });
    expect(plan.doc.problems).toEqual([]);

    lab.write("destinations/winter.yaml", kinesisDestination("winter", { stream: "summer-stream" }));
    const warned = await json(["plan", "--format", "json", "--detailed-exitcode"], "plan");
    expect(warned.code).toBe(2);
    expect(warned.doc.problems).toEqual([
      expect.objectContaining({ file: "destinations/winter.yaml", line: 8, column: 1, rule: "shared-target" }),
    ]);
    expect(warned.doc.problems[0].severity).toBe("warning");
  });

  it("apply: the id of every object it created, which are the objects in Adobe", async () => {
    const apply = await json(["apply", "--yes", "--format", "json"], "apply");
    expect(apply.code).toBe(0);
    const items: Json[] = apply.doc.results.flatMap((r: Json) =>
      r.items.map((i: Json) => ({ ...i, sandbox: r.sandbox })),
    );
    expect(apply.doc.summary).toEqual({ done: items.length, failed: 0, skipped: 0 });
    expect(apply.doc.created).toEqual(
      items.filter((i) => i.id !== undefined).map((i) => ({ sandbox: i.sandbox, ref: i.ref, id: i.id })),
    );
    expect(apply.doc.created.map((c: Json) => c.ref)).toEqual(
      expect.arrayContaining(["account/kinesis-marketing", "target/summer", "flow/summer"]),
    );
    const collection: Record<string, string> = {
      "profile-connection": "connections",
      "profile-source": "sourceConnections",
      account: "connections",
      target: "targetConnections",
      flow: "flows",
    };
    for (const created of apply.doc.created as Json[]) {
      const live = await lab.ui("GET", `/${collection[created.ref.split("/")[0]]}/${created.id}`);
      expect(live.status, created.ref).toBe(200);
      expect(live.body.items[0]).toMatchObject({
        id: created.id,
        name: items.find((i) => i.ref === created.ref)!.name,
      });
    }
  });

  it("drift: a flow changed in Adobe's UI, with who changed it", async () => {
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    const flow = (await lab.ui("GET", "/flows?property=name==summer")).body.items[0];
    const edit = await lab.uiPatchFlow(flow.id, [
      { op: "remove", path: "/transformations/0/params/profileSelectors/selectors/0" },
    ]);
    expect(edit.status).toBe(202);
    const drift = await json(["drift", "--format", "json"], "drift");
    expect(drift.code).toBe(2);
    expect(drift.doc).toMatchObject({
      count: 1,
      items: [{ ref: "flow/summer", kind: "changed-outside", attribution: { updatedBy: "ui-editor@AdobeID" } }],
    });
  });

  it("doctor: every check passing, then a sandbox that does not exist", async () => {
    const passing = await json(["doctor", "--sandbox", "prod", "--format", "json"], "doctor");
    expect(passing.code).toBe(0);
    expect(passing.doc.ok).toBe(true);
    const failing = await json(["doctor", "--sandbox", "qa", "--format", "json"], "doctor");
    expect(failing.code).toBe(1);
    expect(failing.doc.sandboxes[0].checks.at(-1)).toMatchObject({
      id: "sandbox",
      ok: false,
      hint: expect.any(String),
    });
  });

  it("error: invalid YAML, every problem at its file:line:col, and nothing asked of Adobe", async () => {
    lab.write("destinations/broken.yaml", kinesisDestination("broken").replace("state:", "name: again\nstate:"));
    const run = await json(["plan", "--format", "json"], "error");
    expect(run.code).toBe(1);
    expect(run.doc).toMatchObject({ command: "plan", error: { kind: "config" } });
    expect(run.doc.problems).toEqual([
      expect.objectContaining({ file: "destinations/broken.yaml", line: 7, column: 1, rule: "duplicate-key" }),
    ]);
    expect((await lab.requests()).filter((r) => !r.path.startsWith("/ims/"))).toEqual([]);
  });

  it("error: a usage error, however --format json is spelt", async () => {
    for (const args of [
      ["plan", "--format", "json", "--bogus"],
      ["plan", "--bogus", "--format=json"],
    ]) {
      const run = await json(args, "error");
      expect(run.code).toBe(1);
      expect(run.doc).toMatchObject({ command: "plan", error: { kind: "usage" }, problems: [] });
      expect(run.doc.error.message).toContain("--bogus");
    }
  });
});

describe("the schema check", () => {
  const doctor = { format: "aep-gitops.doctor/v1", ok: true, sandboxes: [{ sandbox: "prod", ok: true, checks: [] }] };

  it("passes a valid document and rejects a doctored one, naming the command, what is wrong and stdout", () => {
    expect(jsonOutputError(["doctor"], `${JSON.stringify(doctor, null, 2)}\n`)).toBeUndefined();
    const doctored = JSON.stringify({ ...doctor, sandboxes: [{ sandbox: "prod", ok: "yes", checks: [], extra: 1 }] });
    const error = jsonOutputError(["doctor", "--format", "json"], doctored);
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toContain("aep-gitops doctor --format json printed a 'aep-gitops.doctor/v1' document");
    expect(error!.message).toContain("/sandboxes/0/ok must be boolean");
    expect(error!.message).toContain('must NOT have additional properties {"additionalProperty":"extra"}');
    expect(error!.message).toContain(doctored);
  });

  it("rejects a document of an unknown kind or of a version its schema does not describe", () => {
    expect(jsonOutputError(["x"], JSON.stringify({ format: "aep-gitops.bogus/v1" }))?.message).toContain(
      "unknown kind 'bogus'",
    );
    expect(jsonOutputError(["x"], JSON.stringify({ ...doctor, format: "aep-gitops.doctor/v2" }))?.message).toContain(
      "/format must be equal to constant",
    );
  });

  it("cuts stdout to its first 500 characters", () => {
    const long = JSON.stringify({ ...doctor, ok: "no", padding: "x".repeat(2000) });
    expect(jsonOutputError(["doctor"], long)!.message.split("--- stdout (first 500 characters)\n")[1]).toHaveLength(
      500,
    );
  });

  it("leaves alone what is not an aep-gitops JSON document", () => {
    for (const stdout of ["Plan: 1 to add.\n", "{ not json", '{"format":"other/v1"}', '{"ok":true}', "[1]"])
      expect(jsonOutputError(["x"], stdout)).toBeUndefined();
  });
});

describe("schemas/output", () => {
  const files = readdirSync(SCHEMAS).sort();

  it("has one draft-07 schema per kind, at its $id, each property described", () => {
    expect(files).toEqual(OUTPUT_KINDS.map((kind) => `${kind}.schema.json`).sort());
    for (const kind of OUTPUT_KINDS) {
      const schema = JSON.parse(readFileSync(path.join(SCHEMAS, `${kind}.schema.json`), "utf8")) as Json;
      expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
      expect(schema.$id).toBe(
        `https://raw.githubusercontent.com/aep-gitops/aep-gitops/main/schemas/output/${kind}.schema.json`,
      );
      expect(schema.properties.format.const).toBe(`aep-gitops.${kind}/v1`);
      expect(schema.required).toContain("format");
      expect(undescribed(schema), kind).toEqual([]);
      expect(outputValidator(kind)).toBeTypeOf("function");
    }
  });

  it("accepts every example in docs/json-output.md, and there is one of each kind", () => {
    const doc = readFileSync(path.join(ROOT, "docs/json-output.md"), "utf8");
    const examples = [...doc.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => JSON.parse(m[1]!) as Json);
    expect(examples.map((e) => e.format).sort()).toEqual(OUTPUT_KINDS.map((k) => `aep-gitops.${k}/v1`).sort());
    for (const example of examples) expect(jsonOutputError(["docs"], JSON.stringify(example))).toBeUndefined();
  });
});

/** JSON pointers of every property, at any depth, that has no description. */
function undescribed(schema: Json, pointer = "#"): string[] {
  const found: string[] = [];
  for (const [key, value] of Object.entries(schema)) {
    if (!value || typeof value !== "object") continue;
    if (key === "properties")
      for (const [name, property] of Object.entries(value as Json)) {
        if (typeof property.description !== "string") found.push(`${pointer}/properties/${name}`);
      }
    found.push(...undescribed(value as Json, `${pointer}/${key}`));
  }
  return found;
}
