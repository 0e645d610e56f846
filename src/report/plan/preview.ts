// `aep-gitops preview`: per destination, one sample record exactly as its stream or event hub receives
// it (domain/review/preview.ts builds it), for people (the record as indented JSON under a line saying where it
// goes) and for machines (`aep-gitops.preview/v1`, docs/json-output.md); both end with what Adobe
// documents that no sample can show.
import { destinationType, type DestinationType } from "../../domain/destination-types/index.js";
import type { Problem } from "../../domain/checks/problem.js";
import type { Sample } from "../../domain/review/preview.js";
import type { Where } from "../../domain/review/where.js";
import { problemsJson } from "../problems/problems.js";
import { printable, printableJson } from "../escape/terminal.js";

export const PREVIEW_JSON_FORMAT = "aep-gitops.preview/v1";

export interface DestinationPreview {
  name: string;
  sandbox: string;
  type: DestinationType;
  /** Where the record goes: the account's YAML name and what places the data (stream, event hub…). */
  target: Where;
  /** A disabled destination sends nothing: its record is what it would send once enabled. */
  state: string;
  sample: Sample;
}

export interface PreviewReport {
  destinations: DestinationPreview[];
  /** What the preview cannot show (Adobe's export behaviour), then anything this command could not check. */
  notes: string[];
  /** The command's warnings (text shows them on stderr as they are found). */
  problems?: Problem[];
}

export function renderPreviewText(report: PreviewReport): string {
  const lines: string[] = [];
  for (const d of report.destinations) {
    lines.push(
      printable(`Destination ${d.name} (${destinationType(d.type).label}, sandbox ${d.sandbox}): ${whereText(d)}`),
    );
    if (d.state !== "enabled")
      lines.push(printable(`  (${d.state}: nothing is sent until it is enabled; this is what it would send)`));
    lines.push(
      ...JSON.stringify(d.sample, null, 2)
        .split("\n")
        .map((line) => `  ${printableJson(line)}`),
      "",
    );
  }
  if (report.destinations.length === 0) lines.push("No destination to preview.", "");
  lines.push("Notes (what no sample shows, as Adobe documents it):");
  for (const note of report.notes) lines.push(printable(`  - ${note}`));
  return `${lines.join("\n")}\n`;
}

/** `one profile as stream x (region us-east-1, account y) receives it`. */
function whereText(d: DestinationPreview): string {
  const spec = destinationType(d.type);
  const { account, ...place } = d.target;
  const primary = spec.targetParams.find((p) => p.where)?.name ?? "";
  const others = Object.entries(place)
    .filter(([key]) => key !== primary)
    .map(([key, value]) => `${key} ${String(value)}`);
  const name = place[primary] === undefined ? "" : ` ${String(place[primary])}`;
  return `one profile as ${spec.targetNoun}${name} (${[...others, `account ${String(account)}`].join(", ")}) receives it`;
}

export function renderPreviewJson(report: PreviewReport, options: { cwd?: string } = {}): string {
  const doc = {
    format: PREVIEW_JSON_FORMAT,
    destinations: report.destinations.map((d) => ({
      name: d.name,
      sandbox: d.sandbox,
      type: d.type,
      target: d.target,
      state: d.state,
      sample: d.sample,
    })),
    notes: report.notes,
    problems: problemsJson(report.problems ?? [], options.cwd),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
