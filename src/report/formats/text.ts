// Text: for terminals and logs, Terraform's grammar.
import { renderApplyText } from "../apply/results.js";
import { renderDoctorText } from "../operate/doctor.js";
import { renderDriftText } from "../operate/drift.js";
import { renderPreviewText } from "../plan/preview.js";
import { formatProblemsText } from "../problems/problems.js";
import { renderPlanText } from "../plan/text.js";
import { renderHealthText } from "../operate/health.js";
import type { OutputFormat } from "./format.js";

export const textFormat: OutputFormat = {
  plan: (plan, o) => renderPlanText(plan, { verbose: Boolean(o.verbose), color: Boolean(o.color) }),
  apply: (report) => renderApplyText(report.results),
  drift: (report) => renderDriftText(report.plan, report),
  problems: (problems, o) => formatProblemsText(problems, o.cwd ?? ".", o.files ? { files: o.files } : {}),
  doctor: (reports) => renderDoctorText(reports),
  preview: (report) => renderPreviewText(report),
  status: (report) => renderHealthText(report),
};
