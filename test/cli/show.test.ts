// `aep-gitops show FILE`, as `terraform show` is: a plan saved by `plan --out FILE`, rendered from the
// file alone in the format asked for, exactly as `plan` printed it. No credential and no request: the
// runs below have no AEP_* variable at all, and the emulator counts every request it gets.
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, ftruncateSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, PROD_AUDIENCES, startLab, type Lab } from "../support/lab.js";

let lab: Lab;
/** What `plan --out` printed for each format, and the file it saved. */
const planned: Record<string, { stdout: string; file: string }> = {};
const FORMATS = ["text", "json", "markdown"] as const;

/** The lab's environment less every AEP_* variable and every secret: nothing to reach Adobe with. */
const noAdobe = () =>
  Object.fromEntries(Object.keys(lab.env).map((k) => [k, k === "PATH" || k === "HOME" ? lab.env[k] : undefined]));
const show = (args: string[]) => lab.cli(["show", ...args], { env: noAdobe() });

beforeAll(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
  lab.write("destinations/promo.yaml", kinesisDestination("promo", { audiences: [PROD_AUDIENCES[0]!] }));
  expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
  // A change to review: an audience added and one attribute more, and a new destination.
  lab.write(
    "destinations/promo.yaml",
    kinesisDestination("promo", {
      audiences: [PROD_AUDIENCES[0]!, PROD_AUDIENCES[1]!],
      attributes: ["person.lastName", "personalEmail.address", "person.name.firstName"],
    }),
  );
  lab.write("destinations/winback.yaml", kinesisDestination("winback", { audiences: [PROD_AUDIENCES[2]!] }));
  for (const format of FORMATS) {
    const file = `saved.${format}.plan`;
    const run = await lab.cli(["plan", "--format", format, "--out", file]);
    expect(run.code, run.stderr).toBe(0);
    planned[format] = { stdout: run.stdout, file };
  }
}, 60_000);
afterAll(() => lab.close());

describe("show FILE", () => {
  for (const format of FORMATS)
    it(`prints the saved plan as 'plan --format ${format}' printed it, with no credential and no request`, async () => {
      const before = (await lab.requests()).length;
      const run = await show([planned[format]!.file, "--format", format]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe(planned[format]!.stdout);
      expect((await lab.requests()).length).toBe(before);
    });

  it("shows text by default, and every call with -v, as plan -v does", async () => {
    const text = await show([planned.json!.file]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toBe(planned.text!.stdout);
    const verbose = await show([planned.text!.file, "-v"]);
    const planVerbose = await lab.cli(["plan", "-v"]);
    expect(verbose.stdout).toBe(planVerbose.stdout);
    expect(verbose.stdout).toContain("PATCH /flows/");
  });

  it("says so, and exits 1 as a usage error, when the file is no saved plan", async () => {
    lab.write("notes.json", JSON.stringify({ hello: "world" }));
    for (const file of ["destinations/promo.yaml", "notes.json"]) {
      const run = await show([file]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(new RegExp(`^error: ${file.replace(/\./g, "\\.")} is not a saved plan`, "m"));
      expect(run.stderr).toContain("plan --out FILE");
    }
  });

  it("names the file it cannot read: missing, or a folder", async () => {
    const missing = await show(["nowhere.plan"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: nowhere\.plan cannot be read: it does not exist/m);
    const folder = await show(["destinations"]);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/^error: destinations is a folder, not a saved plan/m);
  });

  it("refuses a file too big to be a saved plan without reading it whole", async () => {
    const file = path.join(lab.dir, "huge.plan");
    const fd = openSync(file, "w");
    ftruncateSync(fd, 32 * 1024 * 1024 + 1); // sparse: costs no disk
    closeSync(fd);
    const run = await show(["huge.plan"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: huge\.plan is over 32\.0 MiB: too big to be a saved plan/m);
  });

  it("refuses a plan edited after it was saved, as apply FILE would", async () => {
    const edited = readFileSync(path.join(lab.dir, planned.text!.file), "utf8").replace(
      /"stream": "winback-stream"/g,
      '"stream": "elsewhere"',
    );
    expect(edited).toContain('"stream": "elsewhere"');
    lab.write("edited.plan", edited);
    const run = await show(["edited.plan"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("does not match its checksum");
    expect(run.stdout).toBe("");
  });

  it("with --format json, reports its error as a JSON document", async () => {
    const run = await show(["notes.json", "--format", "json"]);
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as { format: string; command: string; error: { kind: string } };
    expect(doc.format).toMatch(/^aep-gitops\.error\//);
    expect(doc.command).toBe("show");
    expect(doc.error.kind).toBe("usage");
  });

  it("takes no option that reads Adobe or the YAML", async () => {
    const run = await show([planned.text!.file, "--emulator"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("--emulator makes no sense for show");
  });

  it("reads a saved plan from outside the repository, as apply FILE does", async () => {
    const outside = path.join(lab.dir, "..", `${path.basename(lab.dir)}-artifacts`);
    mkdirSync(outside, { recursive: true });
    const copy = path.join(outside, "reviewed.plan");
    writeFileSync(copy, readFileSync(path.join(lab.dir, planned.text!.file)));
    const run = await show([copy]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(planned.text!.stdout);
  });
});
