// The registry of output formats. A new format is one file beside these and one line here; every
// command that offers --format lists what the registry holds for its report.
import { AppError } from "../../errors.js";
import type { FormatName, OutputFormat, RenderOptions, ReportName, Reports } from "./format.js";
import { jsonFormat } from "./json.js";
import { jsonlFormat } from "./jsonl.js";
import { markdownFormat } from "./markdown.js";
import { textFormat } from "./text.js";

export type { ApplyReport, FormatName, RenderOptions, ReportName } from "./format.js";

const FORMATS: Record<FormatName, OutputFormat> = {
  text: textFormat,
  json: jsonFormat,
  markdown: markdownFormat,
  jsonl: jsonlFormat,
};

/** The formats whose renderers can show a report (the command line reads names.ts, which must agree). */
export function renderersFor(report: ReportName): FormatName[] {
  return (Object.keys(FORMATS) as FormatName[]).filter((name) => FORMATS[name][report] !== undefined);
}

export { chooseFormat, formatsFor } from "./names.js";

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
