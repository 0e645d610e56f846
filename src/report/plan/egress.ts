// The egress delta in words: per destination, what starts or stops leaving the company and where it
// goes. It is the part of a plan no other reconciler shows, so every renderer builds it from these lines.
import { destinationType } from "../../domain/destination-types/index.js";
import type { EgressDelta } from "../../domain/plan/plan.js";
import { sizeText } from "./audience-sizes.js";
import { scheduled } from "./fields.js";
import { audienceText, formatValue, scheduleText } from "./values.js";

export const EGRESS_TITLE = "Data leaving the company";

export interface EgressItem {
  /**
   * + starts leaving, - stops, ~ goes somewhere else (a target) or at other times (an audience's schedule),
   * → goes to (a new destination), ← went to (a deleted one).
   */
  sign: "+" | "-" | "~" | "→" | "←";
  kind: "audience" | "attribute" | "target";
  /** Plain text: the audience id and name, the XDM path, or a place (`stream "x" → "y"`). */
  text: string;
}

/**
 * `starts exporting`, `stops exporting (dataflow deleted)`, `changes where it exports`, `still exporting (…)`,
 * `created, disabled: …`.
 */
export function egressStatus(delta: EgressDelta): string {
  if (delta.status === "still-exporting") {
    const counts = delta.counts
      ? `: ${plural(delta.counts.audiences, "audience")}, ${plural(delta.counts.attributes, "attribute")}`
      : "";
    return `still exporting${delta.reason ? ` (${delta.reason})` : ""}${counts}`;
  }
  // A new destination created disabled: its delta lists what it will export once enabled, but it is
  // no change to what leaves today; say what it is rather than "changes what it exports".
  if (delta.status === "changed" && delta.state?.before === undefined && delta.state?.after === "disabled")
    return "created, disabled: exports nothing until it is enabled";
  const verb = {
    started: "starts exporting",
    stopped: "stops exporting",
    changed: changedVerb(delta),
  }[delta.status];
  const detail = stateDetail(delta);
  return detail ? `${verb} (${detail})` : verb;
}

/** `changes what it exports`, `changes when it exports`, `changes what, when and where it exports`. */
function changedVerb(delta: EgressDelta): string {
  const what =
    delta.audiencesAdded.length +
      delta.audiencesRemoved.length +
      delta.attributesAdded.length +
      delta.attributesRemoved.length >
    0;
  const when = (delta.audiencesRescheduled?.length ?? 0) > 0;
  const where = movedKeys(delta).length > 0;
  const parts = [...(what ? ["what"] : []), ...(when ? ["when"] : []), ...(where ? ["where"] : [])];
  if (parts.length === 0) return "changes what it exports";
  const last = parts.pop()!;
  return `changes ${parts.length > 0 ? `${parts.join(", ")} and ${last}` : last} it exports`;
}

function stateDetail(delta: EgressDelta): string | undefined {
  const { before, after } = delta.state ?? {};
  if (before !== undefined && after !== undefined) return `state ${before} → ${after}`;
  // Only a deleted flow has a before-state and no after-state.
  if (before !== undefined) return "dataflow deleted";
  return undefined;
}

export function typeLabel(delta: EgressDelta): string | undefined {
  return delta.type === undefined ? undefined : destinationType(delta.type).label;
}

/** Where it goes first (a new place, a move), then additions, then removals; audiences before attributes. */
export function egressItems(delta: EgressDelta): EgressItem[] {
  return [
    ...targetItems(delta),
    // What starts leaving carries its data-usage labels: what a governance reviewer looks for first.
    ...delta.audiencesAdded.map((a) => ({
      sign: "+" as const,
      kind: "audience" as const,
      text: `${audienceText(a)}${scheduled(a)}${a.labels?.length ? ` [labels: ${a.labels.join(", ")}]` : ""} — ${sizeText(a)}`,
    })),
    ...delta.attributesAdded.map((p) => ({ sign: "+" as const, kind: "attribute" as const, text: p })),
    // Kept audiences whose members leave at other times: from when until when, before and after.
    ...(delta.audiencesRescheduled ?? []).map((a) => ({
      sign: "~" as const,
      kind: "audience" as const,
      text: `${audienceText(a)}: ${scheduleText(a.before)} → ${scheduleText(a.after)}`,
    })),
    ...delta.audiencesRemoved.map((a) => ({
      sign: "-" as const,
      kind: "audience" as const,
      text: `${audienceText(a, "the flow")} — ${sizeText(a)}`,
    })),
    ...delta.attributesRemoved.map((p) => ({ sign: "-" as const, kind: "attribute" as const, text: p })),
  ];
}

function targetItems(delta: EgressDelta): EgressItem[] {
  const { before, after } = delta.target ?? {};
  if (before && after)
    return movedKeys(delta).map((key) => ({
      sign: "~",
      kind: "target",
      text: `${key} ${formatValue(before[key])} → ${formatValue(after[key])}`,
    }));
  const place = after ?? before;
  if (!place) return [];
  // → where a new destination (or a still-exporting orphan) sends; ← where a deleted one sent.
  const sign = after || delta.status === "still-exporting" ? "→" : "←";
  return [{ sign, kind: "target", text: placeText(place) }];
}

/** The keys of where it goes that differ before and after (the account, a stream, a namespace). */
function movedKeys(delta: EgressDelta): string[] {
  const { before, after } = delta.target ?? {};
  if (!before || !after) return [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((key) => formatValue(before[key]) !== formatValue(after[key]));
}

/** `account "kinesis-marketing", stream "crm-churn", region "us-east-1"`. */
export function placeText(place: Record<string, unknown>): string {
  return Object.entries(place)
    .map(([key, value]) => `${key} ${formatValue(value)}`)
    .join(", ");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
