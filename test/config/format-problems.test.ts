// The two renderings of problems: compiler-style text for people, versioned JSON for machines.
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { formatProblemsJson, formatProblemsText } from "../../src/report/problems/problems.js";
import type { Problem } from "../../src/domain/checks/problem.js";

const CWD = "/repo";
const PROBLEMS: Problem[] = [
  {
    file: "/repo/destinations/b.yaml",
    line: 3,
    column: 7,
    rule: "duplicate-name",
    severity: "error",
    message: "destination 'x' is also defined at a.yaml:3:7",
  },
  {
    file: "/repo/destinations/a.yaml",
    line: 12,
    column: 5,
    rule: "guardrail-audiences",
    severity: "warning",
    message: "251 audiences",
    hint: "a soft limit",
  },
  {
    file: "/repo/destinations/a.yaml",
    line: 2,
    column: 1,
    rule: "schema",
    severity: "error",
    message: "unknown field 'strem' (did you mean 'stream'?)",
  },
];

describe("the text format", () => {
  it("prints one line per problem, relative to cwd, sorted by place, with hints indented and a summary", () => {
    expect(
      formatProblemsText(PROBLEMS, CWD, {
        files: ["/repo/destinations/a.yaml", "/repo/destinations/b.yaml", "/repo/destinations/c.yaml"],
      }),
    ).toBe(
      [
        "destinations/a.yaml:2:1  error  schema  unknown field 'strem' (did you mean 'stream'?)",
        "destinations/a.yaml:12:5  warning  guardrail-audiences  251 audiences",
        "    hint: a soft limit",
        "destinations/b.yaml:3:7  error  duplicate-name  destination 'x' is also defined at a.yaml:3:7",
        "2 errors, 1 warning in 3 files",
        "",
      ].join("\n"),
    );
  });

  it("summarises a clean run with the number of files checked", () => {
    expect(formatProblemsText([], CWD, { files: ["/repo/a.yaml"] })).toBe("0 errors, 0 warnings in 1 file\n");
  });

  it("counts the files with problems when the checked files are not given", () => {
    expect(formatProblemsText(PROBLEMS, CWD).split("\n").at(-2)).toBe("2 errors, 1 warning in 2 files");
  });

  it("prints a problem repeated by two sandboxes sharing a folder once", () => {
    expect(formatProblemsText([PROBLEMS[0]!, { ...PROBLEMS[0]! }], CWD).split("\n")).toHaveLength(3);
  });
});

describe("the JSON format", () => {
  const json = JSON.parse(
    formatProblemsJson(PROBLEMS, CWD, { files: ["/repo/destinations/b.yaml", "/repo/destinations/a.yaml"] }),
  );

  it("matches the documented schema (schemas/output/validate.schema.json)", () => {
    const schema = JSON.parse(
      readFileSync(new URL("../../schemas/output/validate.schema.json", import.meta.url), "utf8"),
    );
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  });

  it("says whether the files are valid, with counts, sorted problems and relative paths", () => {
    expect(json).toMatchObject({
      format: "aep-gitops.validate/v1",
      valid: false,
      summary: { errors: 2, warnings: 1, files: 2 },
    });
    expect(json.files).toEqual(["destinations/a.yaml", "destinations/b.yaml"]);
    expect(json.problems[0]).toEqual({
      file: "destinations/a.yaml",
      line: 2,
      column: 1,
      rule: "schema",
      severity: "error",
      message: "unknown field 'strem' (did you mean 'stream'?)",
    });
    expect(json.problems[1].hint).toBe("a soft limit");
  });

  it("is valid with only warnings", () => {
    expect(JSON.parse(formatProblemsJson([PROBLEMS[1]!], CWD)).valid).toBe(true);
  });
});
