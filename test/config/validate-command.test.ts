// `aep-gitops validate` as users run it: the built CLI in a child process (vitest's global setup builds it).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, writeTree } from "./builders.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = path.join(ROOT, "bin/aep-gitops.js");

function validate(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const env = { PATH: process.env.PATH ?? "", ...options.env };
  const run = spawnSync(process.execPath, [BIN, "validate", ...args], {
    cwd: options.cwd ?? ROOT,
    env,
    encoding: "utf8",
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("aep-gitops validate with paths", () => {
  it("exits 0 for the examples", () => {
    expect(validate(["examples/destinations"])).toEqual({
      status: 0,
      stdout: "0 errors, 0 warnings in 3 files\n",
      stderr: "",
    });
  });

  it("exits 1 and prints each problem with its place, rule and hint on stdout", () => {
    const run = validate(["test/fixtures/config/invalid/literal-secret--kinesis-secret-key.yaml"]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      [
        "test/fixtures/config/invalid/literal-secret--kinesis-secret-key.yaml:7:14  error  literal-secret  'secretKey' holds a literal secret; secrets must come from the environment",
        "    hint: use secretKey: ${env:KINESIS_MARKETING_SECRET_KEY} and set KINESIS_MARKETING_SECRET_KEY where aep-gitops runs (a CI secret); if the value was real, rotate it: it is in the Git history",
        "1 error, 0 warnings in 1 file",
        "",
      ].join("\n"),
    );
    expect(run.stdout).not.toContain("wJalrXUtnFEMI");
  });

  it("exits 0 with warnings only, and prints them", () => {
    const run = validate(["test/fixtures/config/invalid/guardrail-attributes--51.yaml"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("warning  guardrail-attributes  51 profile attributes in one destination");
  });

  it("prints the documented JSON with --format json", () => {
    const run = validate(["test/fixtures/config/invalid/schema--state-typo.yaml", "--format", "json"]);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      format: "aep-gitops.validate/v1",
      valid: false,
      summary: { errors: 1, warnings: 0, files: 1 },
      problems: [
        {
          file: "test/fixtures/config/invalid/schema--state-typo.yaml",
          line: 15,
          column: 8,
          rule: "schema",
          severity: "error",
          message: "'state' must be one of enabled, disabled (did you mean 'enabled'?)",
        },
      ],
      files: ["test/fixtures/config/invalid/schema--state-typo.yaml"],
    });
  });

  it("validates several paths together as one sandbox", () => {
    const dir = writeTree({
      "accounts/kinesis.yaml": kinesisAccount(),
      "team/summer.yaml": kinesisDestination("summer"),
    });
    expect(validate(["team"], { cwd: dir }).stdout).toContain(
      "unknown-account  no account named 'kinesis-marketing' in sandbox 'prod'",
    );
    expect(validate(["team", "accounts"], { cwd: dir, env: { AEP_SANDBOX: "dev" } }).status).toBe(0);
  });
});

describe("aep-gitops validate with the tool config", () => {
  const config = "sandboxes:\n  prod: destinations/prod\n  dev: [destinations/dev, destinations/shared]\n";
  const repo = () =>
    writeTree({
      "aep-gitops.config.yaml": config,
      "destinations/shared/account.yaml": kinesisAccount(),
      "destinations/prod/summer.yaml": kinesisDestination("summer"),
      "destinations/dev/summer.yaml": kinesisDestination("summer"),
    });

  it("validates every sandbox, each with its own folders", () => {
    const run = validate([], { cwd: repo() });
    expect(run.stdout).toBe(
      "destinations/prod/summer.yaml:5:10  error  unknown-account  no account named 'kinesis-marketing' in sandbox 'prod'\n" +
        "    hint: declare it in a document with kind: Account, in one of this sandbox's folders\n" +
        "1 error, 0 warnings in 3 files\n",
    );
    expect(run.status).toBe(1);
  });

  it("validates one sandbox with --sandbox", () => {
    expect(validate(["--sandbox", "dev"], { cwd: repo() })).toEqual({
      status: 0,
      stdout: "0 errors, 0 warnings in 2 files\n",
      stderr: "",
    });
  });

  it("rejects a sandbox the config does not define", () => {
    const run = validate(["--sandbox", "qa"], { cwd: repo() });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("error: sandbox 'qa' is not configured (configured: prod, dev)");
  });

  it("reports an invalid config as problems, in JSON too", () => {
    const dir = writeTree({ "aep-gitops.config.yaml": "sandboxes: {}\nprune: maybe\n" });
    const run = validate(["--format", "json"], { cwd: dir });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).problems).toMatchObject([
      {
        file: "aep-gitops.config.yaml",
        line: 1,
        column: 12,
        rule: "tool-config",
        message: "'sandboxes' must not be empty",
      },
      {
        file: "aep-gitops.config.yaml",
        line: 2,
        column: 8,
        rule: "tool-config",
        message: "'prune' must be true or false",
      },
    ]);
  });

  it("without a config reads destinations/ as the sandbox named by AEP_SANDBOX", () => {
    const dir = writeTree({ "destinations/summer.yaml": kinesisDestination("summer") });
    expect(validate([], { cwd: dir, env: { AEP_SANDBOX: "dev-emea" } }).stdout).toContain("in sandbox 'dev-emea'");
  });
});

describe("aep-gitops validate's command line", () => {
  it("prints its usage for --help", () => {
    const run = validate(["--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: aep-gitops validate \[options\] \[path\.\.\.\]/);
  });

  it("rejects an option it has no use for, saying why and which commands take it", () => {
    const run = validate(["--strict"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      "error: --strict makes no sense for validate, which reads only the YAML and never talks to Adobe.\nhint: plan and apply take --strict",
    );
    expect(run.stdout).toBe("");
  });

  it("rejects an unknown option with a suggestion", () => {
    const run = validate(["--formt", "json"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("error: Unknown option '--formt'\nhint: Did you mean --format?");
  });

  it("rejects an unknown format", () => {
    expect(validate(["--format", "xml", "examples/destinations"]).stderr).toContain(
      "argument 'xml' is invalid. Allowed choices are text, json.",
    );
  });
});
