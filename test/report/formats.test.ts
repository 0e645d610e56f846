// The command line offers formats from a table of names (so that --help loads no renderer); the
// registry holds the renderers. They must agree, report by report.
import { describe, expect, it } from "vitest";
import { renderersFor } from "../../src/report/formats/index.js";
import { FORMATS_OF, formatsFor, type ReportName } from "../../src/report/formats/names.js";

describe("the formats the command line offers", () => {
  for (const report of Object.keys(FORMATS_OF) as ReportName[])
    it(`for ${report} are exactly those with a renderer`, () => {
      expect(formatsFor(report)).toEqual(renderersFor(report));
    });
});
