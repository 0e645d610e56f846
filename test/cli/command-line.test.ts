// The command line as Terraform and GitHub Actions users expect it: a version, suggestions for typos,
// a reason when an option does not belong, Terraform's plan exit codes, and with --format json exactly
// one JSON document on stdout, failures included.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, startLab, type Lab } from "../support/lab.js";

const VERSION = (
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../package.json"), "utf8")) as {
    version: string;
  }
).version;

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
  lab.write("destinations/promo.yaml", kinesisDestination("promo"));
});
afterAll(() => lab.close());

describe("the version", () => {
  it("is printed by -V, --version and version", async () => {
    for (const args of [["-V"], ["--version"], ["version"]]) {
      const run = await lab.cli(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`${VERSION}\n`);
    }
  });
});

describe("typos", () => {
  it("of a command get the closest command", async () => {
    const run = await lab.cli(["pln"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("error: Unknown command 'pln'\nhint: Did you mean plan?\n");
  });

  it("of an option get the closest option of that command", async () => {
    const run = await lab.cli(["apply", "--expect-checksun", "abc"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("error: Unknown option '--expect-checksun'\nhint: Did you mean --expect-checksum?\n");
    expect(await lab.writes()).toEqual([]);
  });
});

describe("an option of another command", () => {
  it("is refused with what this command is, and which commands take it", async () => {
    const run = await lab.cli(["emulator", "--sandbox", "prod"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "error: --sandbox makes no sense for emulator, which is a local stand-in for Adobe, not a client of it.\n" +
        "hint: validate, plan, preview, apply, drift, status, import, unlock and doctor take --sandbox; see 'aep-gitops emulator --help'.\n",
    );
    const plan = await lab.cli(["plan", "--yes"]);
    expect(plan.stderr).toContain(
      "error: --yes makes no sense for plan, which only reads.\nhint: apply and unlock take --yes",
    );
  });
});

describe("plan's exit code", () => {
  it("is 0 with changes, as Terraform's; 2 with --detailed-exitcode", async () => {
    const plain = await lab.cli(["plan"]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toContain("Plan: 5 to add");
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(2);
  });

  it("is 1 on invalid YAML, with or without the flag", async () => {
    lab.write("destinations/broken.yaml", kinesisDestination("broken").replace("enabled", "enabld"));
    try {
      expect((await lab.cli(["plan"])).code).toBe(1);
      expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(1);
    } finally {
      lab.remove("destinations/broken.yaml");
    }
  });
});

describe("--format json", () => {
  it("puts a usage error on stdout as the error document, and nothing on stderr", async () => {
    const run = await lab.cli(["plan", "--format", "json", "--bogus"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({
      format: "aep-gitops.error/v1",
      command: "plan",
      error: {
        kind: "usage",
        message: "Unknown option '--bogus'",
        hint: "Run 'aep-gitops plan --help' for the options.",
      },
      problems: [],
    });
  });

  it("puts invalid YAML's problems in the error document, at their file:line:col", async () => {
    lab.write("destinations/broken.yaml", kinesisDestination("broken").replace("state: enabled", "state: enabld"));
    try {
      const run = await lab.cli(["plan", "--format", "json"]);
      expect(run.code).toBe(1);
      const doc = JSON.parse(run.stdout);
      expect(doc.error.kind).toBe("config");
      expect(doc.problems).toEqual([
        expect.objectContaining({ file: "destinations/broken.yaml", severity: "error", rule: "schema" }),
      ]);
      expect(doc.problems[0].line).toBeGreaterThan(1);
    } finally {
      lab.remove("destinations/broken.yaml");
    }
  });

  it("puts Adobe's refusal in the error document", async () => {
    const run = await lab.cli(["drift", "--format", "json"], { env: { AEP_CLIENT_SECRET: "wrong-secret-123" } });
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout);
    expect(doc.error).toMatchObject({ kind: "adobe", message: expect.stringContaining("IMS refused") });
    expect(run.stdout).not.toContain("wrong-secret-123");
  });

  it("keeps a partial apply one document: the items say what failed, the exit code that something did", async () => {
    await lab.faults({
      scripted: [{ method: "POST", route: "/flows", action: { type: "status", status: 400, body: { title: "no" } } }],
    });
    try {
      const run = await lab.cli(["apply", "--yes", "--format", "json"]);
      expect(run.code).toBe(1);
      const doc = JSON.parse(run.stdout);
      expect(doc.format).toBe("aep-gitops.apply/v1");
      expect(doc.summary).toMatchObject({ failed: 1 });
      expect(doc.created.map((c: { ref: string }) => c.ref)).toContain("profile-connection");
    } finally {
      await lab.faults({});
      await lab.reset();
    }
  });

  it("gives each change the file:line:col of the YAML that asks for it", async () => {
    const run = await lab.cli(["plan", "--format", "json"]);
    const changes = JSON.parse(run.stdout).sandboxes[0].changes as { ref: string; source?: object }[];
    const where = Object.fromEntries(changes.map((c) => [c.ref, c.source]));
    expect(where["account/kinesis-marketing"]).toEqual({ file: "destinations/account.yaml", line: 1, column: 1 });
    expect(where["flow/promo"]).toEqual({ file: "destinations/promo.yaml", line: 1, column: 1 });
    expect(where["target/promo"]).toEqual(where["flow/promo"]);
    expect(where["profile-connection"]).toBeUndefined();
  });
});
