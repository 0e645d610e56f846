// The hidden markers by which the Action finds its own comments and issues again. The report layer
// writes the plain markers; a job limited to one sandbox (the `sandbox` input, e.g. a matrix of
// sandboxes) gets a marker of its own, so parallel jobs never overwrite each other's comment or issue.
import { PLAN_COMMENT_MARKER } from "../report/markdown.js";
import { APPLY_MARKER } from "../report/apply-result.js";
import { DRIFT_MARKER } from "../report/drift.js";

export const INCIDENT_MARKER = "<!-- aep-gitops:incident -->";
export const INCIDENT_LABEL = "aep-gitops-incident";
export const DRIFT_LABEL = "aep-drift";

export interface Markers {
  plan: string;
  apply: string;
  drift: string;
  incident: string;
}

export function markersFor(sandbox: string | undefined): Markers {
  const scoped = (marker: string) =>
    sandbox ? marker.replace(/ -->$/, ` sandbox=${encodeURIComponent(sandbox)} -->`) : marker;
  return {
    plan: scoped(PLAN_COMMENT_MARKER),
    apply: scoped(APPLY_MARKER),
    drift: scoped(DRIFT_MARKER),
    incident: scoped(INCIDENT_MARKER),
  };
}

/** Puts `marker` on the first line, replacing the plain marker a renderer wrote there. */
export function withMarker(markdown: string, marker: string): string {
  const [first, ...rest] = markdown.split("\n");
  return /^<!-- aep-gitops:[a-z-]+ -->$/.test(first?.trim() ?? "")
    ? [marker, ...rest].join("\n")
    : `${marker}\n${markdown}`;
}

/** The markdown with its hidden marker line removed: for embedding a render in another comment. */
export function withoutMarker(markdown: string): string {
  const [first, ...rest] = markdown.split("\n");
  return /^<!-- aep-gitops:.* -->$/.test(first?.trim() ?? "") ? rest.join("\n") : markdown;
}

/** Lines inserted under a render's bold summary line (the first `**…**` line), or under its heading. */
export function insertAfterSummary(markdown: string, extra: string[]): string {
  if (extra.length === 0) return markdown;
  const lines = markdown.split("\n");
  let at = lines.findIndex((l) => /^\*\*.+\*\*$/.test(l));
  if (at < 0) at = lines.findIndex((l) => l.startsWith("## "));
  lines.splice(at + 1, 0, "", ...extra);
  return lines.join("\n");
}
