// Tool config discovery and validation, in real temp folders: each search place, package.json's key,
// defaults, and invalid configs reported at file:line:col.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadToolConfig, ToolConfigError } from "../../src/config/tool-config.js";
import { SEARCH_PLACES } from "../../src/config/tool-config-file.js";
import { AppError } from "../../src/errors.js";
import { MAX_FILE_BYTES } from "../../src/config/repository.js";
import { tempDir, writeTree } from "./builders.js";

const YAML_CONFIG = "sandboxes:\n  prod: destinations/prod\nprune: true\n";
const JSON_CONFIG = JSON.stringify({ sandboxes: { prod: "destinations/prod" }, prune: true });
const CONTENT: Record<string, string> = {
  "aep-gitops.config.yaml": YAML_CONFIG,
  "aep-gitops.config.yml": YAML_CONFIG,
  "aep-gitops.config.json": JSON_CONFIG,
  ".aep-gitopsrc": YAML_CONFIG,
  ".aep-gitopsrc.json": JSON_CONFIG,
  ".aep-gitopsrc.yaml": YAML_CONFIG,
  ".aep-gitopsrc.yml": YAML_CONFIG,
  "package.json": JSON.stringify({ name: "acme-destinations", type: "module", "aep-gitops": JSON.parse(JSON_CONFIG) }),
};

function project(files: Record<string, string>): string {
  const dir = writeTree(files);
  mkdirSync(path.join(dir, "destinations/prod"), { recursive: true });
  return dir;
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("finding the tool config", () => {
  it.each(SEARCH_PLACES)("reads %s", async (place) => {
    const dir = project({ [place]: CONTENT[place]! });
    const config = await loadToolConfig({ cwd: dir, env: {} });
    expect(config).toMatchObject({
      configFile: path.join(dir, place),
      root: dir,
      sandboxes: [{ name: "prod", paths: [path.join(dir, "destinations/prod")] }],
      prune: true,
    });
  });

  it("ignores a package.json without an aep-gitops key", async () => {
    const dir = project({ "package.json": JSON.stringify({ name: "x" }) });
    expect((await loadToolConfig({ cwd: dir, env: {} })).configFile).toBeUndefined();
  });

  it("searches parent folders up to the repository root, and resolves paths against the config's folder", async () => {
    const dir = project({
      ".git/HEAD": "ref: refs/heads/main\n",
      "aep-gitops.config.yaml": YAML_CONFIG,
      "destinations/prod/team/x.txt": "",
    });
    const config = await loadToolConfig({ cwd: path.join(dir, "destinations/prod/team"), env: {} });
    expect(config.configFile).toBe(path.join(dir, "aep-gitops.config.yaml"));
    expect(config.sandboxes[0]!.paths).toEqual([path.join(dir, "destinations/prod")]);
  });

  it("does not look above the current folder outside a repository", async () => {
    const dir = project({ "aep-gitops.config.yaml": YAML_CONFIG, "sub/keep.txt": "" });
    expect((await loadToolConfig({ cwd: path.join(dir, "sub"), env: {} })).configFile).toBeUndefined();
  });

  it("uses --config when given, relative to cwd", async () => {
    const dir = project({ "ci/aep.yaml": "sandboxes:\n  dev: ../destinations/prod\n" });
    const config = await loadToolConfig({ cwd: dir, env: {}, configFile: "ci/aep.yaml" });
    expect(config.sandboxes).toEqual([{ name: "dev", paths: [path.join(dir, "destinations/prod")] }]);
  });

  it("refuses two configs in one folder rather than silently ignoring one", async () => {
    const dir = project({ "aep-gitops.config.yaml": YAML_CONFIG, ".aep-gitopsrc.json": JSON_CONFIG });
    const error = await failure(loadToolConfig({ cwd: dir, env: {} }));
    expect(error.message).toContain("several aep-gitops configs");
    expect(error.hint).toContain("aep-gitops.config.yaml is the one that would be used");
  });

  it("reports a --config file that does not exist", async () => {
    const error = await failure(loadToolConfig({ cwd: project({}), env: {}, configFile: "nope.yaml" }));
    expect(error.message).toMatch(/config file not found: .*nope\.yaml/);
  });
});

describe("defaults", () => {
  it("without a config: one sandbox named by AEP_SANDBOX reading destinations/ in cwd", async () => {
    const dir = project({});
    expect(await loadToolConfig({ cwd: dir, env: { AEP_SANDBOX: "dev-emea" } })).toEqual({
      root: dir,
      sandboxes: [{ name: "dev-emea", paths: [path.join(dir, "destinations")] }],
      // What a missing destinations/ is explained with (src/config/tool-config-file.ts).
      defaultFolder: path.join(dir, "destinations"),
      searched: [dir],
      prune: false,
      maxChangePercent: 30,
      minResourcesForThreshold: 10,
      allowEmpty: false,
      lock: "optional",
      auditSelf: [],
      policies: [],
      guardrails: {},
      marketingActions: {},
    });
  });

  it("reads marketingActions per destination type or for all, each at its line; refuses a malformed one", async () => {
    const yaml = "marketingActions:\n  all:\n    - core/exportToThirdParty\n  amazon-kinesis:\n    - custom/crmSync\n";
    const dir = project({ "aep-gitops.config.yaml": yaml });
    const file = path.join(dir, "aep-gitops.config.yaml");
    expect((await loadToolConfig({ cwd: dir, env: {} })).marketingActions).toEqual({
      all: [{ ref: "core/exportToThirdParty", source: { file, line: 3, column: 7 } }],
      "amazon-kinesis": [{ ref: "custom/crmSync", source: { file, line: 5, column: 7 } }],
    });
    const bad = project({ "aep-gitops.config.yaml": "marketingActions:\n  all: [emailTargeting]\n" });
    await expect(loadToolConfig({ cwd: bad, env: {} })).rejects.toThrow(/core\/emailTargeting/);
  });

  it("names the default sandbox prod when AEP_SANDBOX is unset or empty", async () => {
    for (const env of [{}, { AEP_SANDBOX: "" }]) {
      expect((await loadToolConfig({ cwd: project({}), env })).sandboxes[0]!.name).toBe("prod");
    }
  });

  it("an empty config file means all defaults", async () => {
    const dir = project({ "aep-gitops.config.yaml": "# nothing yet\n" });
    const config = await loadToolConfig({ cwd: dir, env: {} });
    expect(config).toMatchObject({
      configFile: path.join(dir, "aep-gitops.config.yaml"),
      sandboxes: [{ name: "prod" }],
      prune: false,
    });
  });

  it("accepts a list of folders per sandbox", async () => {
    const dir = project({
      "aep-gitops.config.yaml": "sandboxes:\n  dev: [destinations/prod, shared]\n",
      "shared/x.yaml": "",
    });
    const config = await loadToolConfig({ cwd: dir, env: {} });
    expect(config.sandboxes).toEqual([
      { name: "dev", paths: [path.join(dir, "destinations/prod"), path.join(dir, "shared")] },
    ]);
  });
});

describe("an invalid tool config", () => {
  it("lists every problem at its line and column", async () => {
    const dir = project({
      "aep-gitops.config.yaml":
        "sandboxes:\n  Prod_EU: destinations/prod\n  dev: [destinations/dev]\nmaxChangePercent: 130\nprun: true\n",
    });
    const error = await failure(loadToolConfig({ cwd: dir, env: {} }));
    expect(error).toBeInstanceOf(ToolConfigError);
    expect(error.kind).toBe("config");
    expect(error.message).toBe(
      [
        "invalid aep-gitops config:",
        "  aep-gitops.config.yaml:2:3  'Prod_EU' must be an Adobe sandbox name: lower-case letters, digits and '-'",
        "  aep-gitops.config.yaml:4:19  'maxChangePercent' must be at most 100",
        "  aep-gitops.config.yaml:5:1  unknown field 'prun' (did you mean 'prune'?)",
      ].join("\n"),
    );
  });

  it("points at a sandbox folder that does not exist", async () => {
    const dir = project({
      "aep-gitops.config.yaml":
        "sandboxes:\n  prod: destinations/prod\n  dev:\n    - destinations/prod\n    - destinations/dve\n",
    });
    const error = (await failure(loadToolConfig({ cwd: dir, env: {} }))) as ToolConfigError;
    expect(error.problems).toMatchObject([{ line: 5, column: 7, rule: "tool-config" }]);
    expect(error.problems[0]!.message).toContain("folder 'destinations/dve' of sandbox 'dev' does not exist");
  });

  it("points into package.json's aep-gitops key", async () => {
    const pkg = `{\n  "name": "x",\n  "aep-gitops": {\n    "prune": "yes"\n  }\n}\n`;
    const error = (await failure(
      loadToolConfig({ cwd: project({ "package.json": pkg }), env: {} }),
    )) as ToolConfigError;
    expect(error.problems).toMatchObject([{ line: 4, column: 14, message: "'prune' must be true or false" }]);
  });

  it("reports YAML and JSON syntax errors at their position", async () => {
    const yaml = await failure(
      loadToolConfig({ cwd: project({ ".aep-gitopsrc.yaml": "sandboxes:\n  prod: [a\n" }), env: {} }),
    );
    expect(yaml.message).toMatch(/\.aep-gitopsrc\.yaml:\d+:\d+: /);
    const json = await failure(
      loadToolConfig({ cwd: project({ "aep-gitops.config.json": '{"prune": true,, }' }), env: {} }),
    );
    expect(json.message).toMatch(/aep-gitops\.config\.json:1:\d+: /);
  });

  it("refuses a JavaScript config, found or named, without running it", async () => {
    const marker = path.join(tempDir(), "ran");
    const script = `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "ran");\nmodule.exports = {};\n`;
    const dir = project({ "aep-gitops.config.js": script, "ci/aep.cjs": script });
    const found = await failure(loadToolConfig({ cwd: dir, env: {} }));
    expect(found.kind).toBe("config");
    expect(found.message).toBe(
      "aep-gitops.config.js: aep-gitops reads its config from YAML or JSON only (a config is data: no script is run)",
    );
    expect(found.hint).toContain("aep-gitops.config.yaml (or in aep-gitops.config.yml, aep-gitops.config.json");
    const named = await failure(loadToolConfig({ cwd: dir, env: {}, configFile: "ci/aep.cjs" }));
    expect(named.message).toMatch(/^ci\/aep\.cjs: aep-gitops reads its config from YAML or JSON only/);
    expect(existsSync(marker)).toBe(false);
  });

  it("refuses a config over 1 MiB before reading it", async () => {
    const dir = project({ "aep-gitops.config.yaml": `# ${"x".repeat(MAX_FILE_BYTES)}\n` });
    const error = await failure(loadToolConfig({ cwd: dir, env: {} }));
    expect(error.message).toBe("aep-gitops.config.yaml is 1.0 MiB; the tool config may be at most 1 MiB");
  });
});
