// JSON: for machines, each report a versioned document `{ format: "aep-gitops.<kind>/v1", … }`
// (docs/json-output.md; a JSON Schema for each in schemas/output/).
import { renderDoctorJson } from "../operate/doctor.js";
import { renderPlanJson } from "../plan/json.js";
import { renderPreviewJson } from "../plan/preview.js";
import { formatProblemsJson } from "../problems/problems.js";
import { renderApplyJson, renderDriftJson } from "../apply/json.js";
import { renderStatusJson } from "../operate/health.js";
import type { OutputFormat } from "./format.js";

export const jsonFormat: OutputFormat = {
  plan: (plan, o) =>
    renderPlanJson(plan, { ...(o.cwd ? { cwd: o.cwd } : {}), ...(o.problems ? { problems: o.problems } : {}) }),
  apply: (report, o) => renderApplyJson(report.checksum, report.results, { problems: report.problems, cwd: o.cwd }),
  drift: (report, o) => renderDriftJson(report, { problems: o.problems, cwd: o.cwd }),
  problems: (problems, o) => formatProblemsJson(problems, o.cwd ?? ".", o.files ? { files: o.files } : {}),
  doctor: (reports) => renderDoctorJson(reports),
  preview: (report, o) => renderPreviewJson(report, o.cwd ? { cwd: o.cwd } : {}),
  status: (report) => renderStatusJson(report),
};
