// An output format: one renderer per report it can show. A format leaves out the reports it has no
// form for (no markdown for validate's problems), and commands offer only the formats of their report.
import type { Plan } from "../../domain/plan/plan.js";
import type { Problem } from "../../domain/checks/problem.js";
import type { DoctorReport } from "../operate/doctor.js";
import type { PreviewReport } from "../plan/preview.js";
import type { SandboxResults } from "../../domain/apply/results.js";
import type { HealthReport } from "../../domain/operate/health.js";
import type { DriftReport } from "../operate/drift.js";

import type { FormatName } from "./names.js";

export type { FormatName };

/** What every renderer may be told; each reads only what applies to it. */
export interface RenderOptions {
  /** Text: every API call with its body. */
  verbose?: boolean;
  /** Text: ANSI colours (the caller decides: a pure renderer cannot ask the terminal). */
  color?: boolean;
  /** Problems: paths are shown relative to this folder. */
  cwd?: string;
  /** JSON plans: the command's warnings, shown with the plan. */
  problems?: Problem[];
  /** Problems: every file that was checked, for the summary's count. */
  files?: string[];
  /** Markdown: the hidden first line, and the workflow run linked under the summary. */
  marker?: string;
  workflowRunUrl?: string;
}

export interface ApplyReport {
  checksum: string;
  results: SandboxResults[];
  /** The command's warnings (JSON only: text shows them on stderr as they are found). */
  problems?: Problem[];
}

export interface Reports {
  plan: Plan;
  apply: ApplyReport;
  drift: DriftReport;
  problems: Problem[];
  doctor: DoctorReport[];
  preview: PreviewReport;
  status: HealthReport;
}

export type ReportName = keyof Reports;

export type OutputFormat = {
  [R in ReportName]?: (value: Reports[R], options: RenderOptions) => string;
};
