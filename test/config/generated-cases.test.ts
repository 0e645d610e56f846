// Broken inputs that are better generated than committed: binary encodings, oversized files, missing
// paths, and sandboxes past Adobe's destination guardrail.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadDesired } from "../../src/config/load.js";
import { MAX_FILE_BYTES, readYamlFile } from "../../src/config/yaml-file.js";
import { kinesisAccount, kinesisDestination, tempDir, writeTree } from "./builders.js";

async function problemsOf(files: Record<string, string | Uint8Array>) {
  const dir = writeTree(files);
  const result = await loadDesired("prod", [dir]);
  return result.problems.map((p) => ({ ...p, file: path.relative(dir, p.file) }));
}

describe("files that cannot be read as destination YAML", () => {
  it("reports a Latin-1 file at the first byte that is not UTF-8", async () => {
    const bytes = Buffer.concat([
      Buffer.from(kinesisAccount() + "description: Caf"),
      Buffer.from([0xe9]),
      Buffer.from("\n"),
    ]);
    const [problem, ...rest] = await problemsOf({ "latin1.yaml": bytes });
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ file: "latin1.yaml", line: 9, column: 17, rule: "encoding", severity: "error" });
    expect(problem!.message).toBe("file is not valid UTF-8; save it as UTF-8");
  });

  it("names UTF-16 when the file starts with its byte order mark", async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(kinesisAccount(), "utf16le")]);
    const problems = await problemsOf({ "utf16.yaml": bytes });
    expect(problems).toMatchObject([
      { line: 1, column: 1, rule: "encoding", message: "file is UTF-16 encoded; save it as UTF-8" },
    ]);
  });

  it("accepts a UTF-8 byte order mark", async () => {
    expect(await problemsOf({ "bom.yaml": "\uFEFF" + kinesisAccount() })).toEqual([]);
  });

  it("refuses to parse a file over 1 MiB", async () => {
    const big = kinesisAccount() + `description: "${"x".repeat(MAX_FILE_BYTES)}"\n`;
    const problems = await problemsOf({ "big.yaml": big });
    expect(problems).toMatchObject([{ file: "big.yaml", line: 1, column: 1, rule: "file-too-large" }]);
    expect(problems[0]!.message).toBe("file is 1.0 MiB; destination files may be at most 1 MiB");
  });

  it("reports a path that does not exist, and keeps validating the others", async () => {
    const dir = writeTree({ "a.yaml": kinesisAccount() });
    const { problems, desired } = await loadDesired("prod", [path.join(dir, "missing"), dir]);
    expect(problems).toMatchObject([{ file: path.join(dir, "missing"), rule: "path-not-found", severity: "error" }]);
    expect(desired.accounts).toHaveLength(1);
  });

  it("reports a file that vanished between listing and reading", () => {
    const file = path.join(tempDir(), "gone.yaml");
    expect(readYamlFile(file).problems).toMatchObject([
      { file, line: 1, column: 1, rule: "read-error", message: "cannot read file: ENOENT" },
    ]);
  });

  it("warns about a folder without YAML files", async () => {
    const problems = await problemsOf({ "README.md": "# nothing here" });
    expect(problems).toMatchObject([{ file: "", rule: "no-files", severity: "warning" }]);
  });

  it("reads *.yaml and *.yml recursively, in sorted order, skipping hidden folders", async () => {
    const dir = writeTree({
      "b.yml": kinesisDestination("b-dest"),
      "a/account.yaml": kinesisAccount(),
      ".github/workflow.yaml": "not: a destination",
      "notes.txt": "ignored",
    });
    const { files, problems } = await loadDesired("prod", [dir]);
    expect(problems).toEqual([]);
    expect(files.map((f) => path.relative(dir, f))).toEqual([path.join("a", "account.yaml"), "b.yml"]);
  });

  it("reports a deeply nested document without a stack trace", async () => {
    const deep = `${"[".repeat(20_000)}${"]".repeat(20_000)}\n`;
    const problems = await problemsOf({ "deep.yaml": deep });
    expect(problems).toMatchObject([
      { file: "deep.yaml", line: 1, rule: "yaml-syntax", message: "document is nested too deeply to read" },
    ]);
  });
});

describe("Adobe's guardrail of 100 destinations per sandbox", () => {
  function sandboxWith(count: number): Record<string, string> {
    const files: Record<string, string> = { "account.yaml": kinesisAccount() };
    for (let i = 1; i <= count; i++) files[`d${String(i).padStart(3, "0")}.yaml`] = kinesisDestination(`campaign-${i}`);
    return files;
  }

  it("accepts 100 destinations silently", async () => {
    expect(await problemsOf(sandboxWith(100))).toEqual([]);
  });

  it("warns once, at the 101st destination, and still loads all of them", async () => {
    const dir = writeTree(sandboxWith(101));
    const { problems, desired } = await loadDesired("prod", [dir]);
    expect(problems).toMatchObject([
      { file: path.join(dir, "d101.yaml"), line: 3, column: 7, rule: "guardrail-destinations", severity: "warning" },
    ]);
    expect(problems[0]!.message).toBe("sandbox 'prod' has 101 destinations; Adobe's guardrail is 100 per sandbox");
    expect(desired.destinations).toHaveLength(101);
  });
});

describe("an empty input", () => {
  it("gives an empty desired state for an empty folder, with only a warning", async () => {
    const dir = tempDir();
    const { desired, problems } = await loadDesired("prod", [dir]);
    expect(desired).toMatchObject({ sandbox: "prod", accounts: [], destinations: [] });
    expect(problems.map((p) => p.rule)).toEqual(["no-files"]);
  });
});
