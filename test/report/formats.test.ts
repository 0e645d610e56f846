// The command line offers formats from a table of names (so that --help loads no renderer); the
// registry holds the renderers. They must agree, report by report: a format is offered exactly when
// render() has a renderer for it (it refuses the others as a usage error before rendering anything).
import { describe, expect, it } from "vitest";
import { AppError } from "../../src/errors.js";
import { render } from "../../src/report/formats/index.js";
import { formatsFor, type FormatName, type ReportName } from "../../src/report/formats/names.js";

// Every report and every format, listed so that the compiler refuses a list that misses one.
const REPORTS = Object.keys({
  plan: true,
  apply: true,
  drift: true,
  problems: true,
  doctor: true,
  preview: true,
  status: true,
} satisfies Record<ReportName, true>) as ReportName[];
const FORMATS = Object.keys({ text: true, json: true, markdown: true, jsonl: true } satisfies Record<
  FormatName,
  true
>) as FormatName[];

function hasRenderer(report: ReportName, format: FormatName): boolean {
  try {
    render(report, format, undefined as never);
    return true;
  } catch (error) {
    // A renderer given nothing to render fails in its own way; only a missing one is a usage error.
    return !(error instanceof AppError && error.kind === "usage");
  }
}

describe("the formats the command line offers", () => {
  for (const report of REPORTS)
    it(`for ${report} are exactly those with a renderer`, () => {
      expect(formatsFor(report)).toEqual(FORMATS.filter((format) => hasRenderer(report, format)));
    });
});
