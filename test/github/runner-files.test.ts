// Step outputs and the job summary are files the runner reads after the step.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { appendSummary, writeOutputs } from "../../src/github/runner-files.js";
import { parseOutputs } from "../action/harness.js";

const tempFile = () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "runner-files-")), "file");
  writeFileSync(file, "");
  return file;
};

describe("outputs", () => {
  it("carry any value, multi-line ones and ones that look like a delimiter included", () => {
    const file = tempFile();
    const outputs = { "has-changes": "true", "plan-checksum": "a".repeat(64), note: "line 1\nEOF\nline 3" };
    writeOutputs(file, outputs);
    expect(parseOutputs(readFileSync(file, "utf8"))).toEqual(outputs);
  });

  it("are skipped without an output file (outside GitHub)", () => {
    expect(() => writeOutputs(undefined, { a: "b" })).not.toThrow();
  });
});

describe("the job summary", () => {
  it("is appended to, so several steps can write it", () => {
    const file = tempFile();
    appendSummary(file, "# one");
    appendSummary(file, "# two\n");
    expect(readFileSync(file, "utf8")).toBe("# one\n# two\n");
  });

  it("is cut explicitly before GitHub's 1 MiB limit, saying where the rest is", () => {
    const file = tempFile();
    const huge = [
      "<!-- marker -->",
      ...Array.from({ length: 40_000 }, (_, i) => `- line ${i} ${"é".repeat(20)}`),
      "Plan checksum: `" + "b".repeat(64) + "`",
      "",
    ].join("\n");
    appendSummary(file, huge, "the job log");
    const written = readFileSync(file, "utf8");
    expect(Buffer.byteLength(written)).toBeLessThan(1024 * 1024); // GitHub refuses a step summary over 1 MiB
    expect(written).toContain("truncated");
    expect(written).toContain("the job log");
    expect(written.trimEnd().endsWith("Plan checksum: `" + "b".repeat(64) + "`")).toBe(true);
  });
});
