// Markdown: GitHub comments, issues and job summaries.
import { renderApplyMarkdown } from "../apply/results.js";
import { renderDoctorMarkdown } from "../operate/doctor.js";
import { renderDriftMarkdown } from "../operate/drift.js";
import { renderPlanMarkdown } from "../plan/markdown.js";
import { renderHealthMarkdown } from "../operate/health.js";
import { warningsSection } from "../plan/markdown-warnings.js";
import type { OutputFormat } from "./format.js";

export const markdownFormat: OutputFormat = {
  plan: (plan, o) =>
    renderPlanMarkdown(plan, {
      ...(o.marker ? { marker: o.marker } : {}),
      ...(o.runUrl ? { runUrl: o.runUrl } : {}),
      preamble: warningsSection(o.problems ?? [], o.cwd),
    }),
  apply: (report, o) => renderApplyMarkdown(report.results, o.marker ? { marker: o.marker } : {}),
  drift: (report, o) => renderDriftMarkdown(report.plan, { ...report, ...(o.marker ? { marker: o.marker } : {}) }),
  doctor: (reports) => renderDoctorMarkdown(reports),
  status: (report) => renderHealthMarkdown(report),
};
