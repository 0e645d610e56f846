// JSON Lines (https://jsonlines.org): one JSON document per line, for a report that streams. Only apply
// has one: its events are written as they happen (report/apply-events.ts, by the command), and this
// renderer gives the last line, the same document as `--format json`, unindented.
import { applyJsonDocument } from "../apply/json.js";
import type { OutputFormat } from "./format.js";

export const jsonlFormat: OutputFormat = {
  apply: (report, o) =>
    JSON.stringify(applyJsonDocument(report.checksum, report.results, { problems: report.problems, cwd: o.cwd })),
};
