// Which formats each report has, by name only: what the command line offers (--format choices, help)
// without loading a single renderer. The registry (index.ts) holds the renderers; a test checks that
// the two agree.
import { AppError } from "../../errors.js";

/** jsonl (JSON Lines): apply's progress as one event per line, then its summary (report/apply/events.ts). */
export type FormatName = "text" | "json" | "markdown" | "jsonl";

const FORMATS_OF = {
  plan: ["text", "json", "markdown"],
  apply: ["text", "json", "markdown", "jsonl"],
  drift: ["text", "json", "markdown"],
  problems: ["text", "json"],
  doctor: ["text", "json", "markdown"],
  preview: ["text", "json"],
  status: ["text", "json", "markdown"],
} as const satisfies Record<string, readonly FormatName[]>;

export type ReportName = keyof typeof FORMATS_OF;

/** The formats that can show a report, in the order help texts list them. */
export function formatsFor(report: ReportName): FormatName[] {
  return [...FORMATS_OF[report]];
}

/** The --format value checked against what the report can be shown as (default text). */
export function chooseFormat(report: ReportName, value: string | undefined): FormatName {
  const allowed = formatsFor(report);
  const format = (value ?? "text") as FormatName;
  if (allowed.includes(format)) return format;
  const words = allowed.length === 2 ? allowed.join(" or ") : `one of ${allowed.join(", ")}`;
  throw new AppError("usage", `--format must be ${words}, not '${value}'.`);
}
