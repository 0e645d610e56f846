// JSON: for machines, each report a versioned document (docs/plan-json.md, docs/design.md).
import { renderDoctorJson } from "../doctor.js";
import { renderPlanJson } from "../json.js";
import { formatProblemsJson } from "../problems.js";
import { renderApplyJson, renderDriftJson } from "../results-json.js";
import type { OutputFormat } from "./format.js";

export const jsonFormat: OutputFormat = {
  plan: (plan) => renderPlanJson(plan),
  apply: (report) => renderApplyJson(report.checksum, report.results),
  drift: (plan) => renderDriftJson(plan),
  problems: (problems, o) => formatProblemsJson(problems, o.cwd ?? ".", o.files ? { files: o.files } : {}),
  doctor: (reports) => renderDoctorJson(reports),
};
