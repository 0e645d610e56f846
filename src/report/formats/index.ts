// The registry of output formats: one table, format by format, of the renderer each report has in it.
// A new format is one entry here; every command that offers --format lists what this table holds for
// its report (names.ts, which a test holds equal to it).
import { AppError } from "../../errors.js";
import { applyJsonDocument, renderApplyJson, renderDriftJson } from "../apply/json.js";
import { renderApplyMarkdown, renderApplyText } from "../apply/results.js";
import { renderDoctorJson, renderDoctorMarkdown, renderDoctorText } from "../operate/doctor.js";
import { renderDriftMarkdown, renderDriftText } from "../operate/drift.js";
import { renderHealthMarkdown, renderHealthText, renderStatusJson } from "../operate/health.js";
import { renderPlanJson } from "../plan/json.js";
import { renderPlanMarkdown } from "../plan/markdown.js";
import { warningsSection } from "../plan/markdown-warnings.js";
import { renderPreviewJson, renderPreviewText } from "../plan/preview.js";
import { renderPlanText } from "../plan/text.js";
import { formatProblemsJson, formatProblemsText } from "../problems/problems.js";
import type { FormatName, OutputFormat, RenderOptions, ReportName, Reports } from "./format.js";

export type { ApplyReport, FormatName, RenderOptions, ReportName } from "./format.js";
export { chooseFormat, formatsFor } from "./names.js";

const FORMATS: Record<FormatName, OutputFormat> = {
  // For terminals and logs, in Terraform's grammar.
  text: {
    plan: (plan, o) => renderPlanText(plan, { verbose: Boolean(o.verbose), color: Boolean(o.color) }),
    apply: (report) => renderApplyText(report.results),
    drift: (report) => renderDriftText(report.plan, report),
    problems: (problems, o) => formatProblemsText(problems, o.cwd ?? ".", o.files ? { files: o.files } : {}),
    doctor: (reports) => renderDoctorText(reports),
    preview: (report) => renderPreviewText(report),
    status: (report) => renderHealthText(report),
  },
  // For machines: each report a versioned document `{ format: "aep-gitops.<kind>/v1", … }`
  // (docs/json-output.md; a JSON Schema for each in schemas/output/).
  json: {
    plan: (plan, o) => renderPlanJson(plan, { cwd: o.cwd, problems: o.problems }),
    apply: (report, o) => renderApplyJson(report.checksum, report.results, { problems: report.problems, cwd: o.cwd }),
    drift: (report, o) => renderDriftJson(report, { problems: o.problems, cwd: o.cwd }),
    problems: (problems, o) => formatProblemsJson(problems, o.cwd ?? ".", o.files ? { files: o.files } : {}),
    doctor: (reports) => renderDoctorJson(reports),
    preview: (report, o) => renderPreviewJson(report, o.cwd ? { cwd: o.cwd } : {}),
    status: (report) => renderStatusJson(report),
  },
  // GitHub comments, issues and job summaries.
  markdown: {
    plan: (plan, o) =>
      renderPlanMarkdown(plan, {
        marker: o.marker,
        workflowRunUrl: o.workflowRunUrl,
        preamble: warningsSection(o.problems ?? [], o.cwd),
      }),
    apply: (report, o) => renderApplyMarkdown(report.results, { marker: o.marker }),
    drift: (report, o) => renderDriftMarkdown(report.plan, { ...report, marker: o.marker }),
    doctor: (reports) => renderDoctorMarkdown(reports),
    status: (report) => renderHealthMarkdown(report),
  },
  // JSON Lines (https://jsonlines.org), for a report that streams. Only apply has one: its events are
  // written as they happen (report/apply/events.ts, by the command); this gives the last line, the same
  // document as `--format json`, unindented.
  jsonl: {
    apply: (report, o) =>
      JSON.stringify(applyJsonDocument(report.checksum, report.results, { problems: report.problems, cwd: o.cwd })),
  },
};

export function render<R extends ReportName>(
  report: R,
  format: FormatName,
  value: Reports[R],
  options: RenderOptions = {},
): string {
  const renderer = FORMATS[format][report] as ((v: Reports[R], o: RenderOptions) => string) | undefined;
  if (!renderer) throw new AppError("usage", `The ${report} report has no ${format} format.`);
  return renderer(value, options);
}
