// The egress delta in words: per destination, what starts or stops leaving the company. It is the
// part of a plan no other reconciler shows, so every renderer builds it from these same lines.
import { destinationType } from "../domain/destination-types/index.js";
import type { EgressDelta } from "../domain/plan.js";
import { audienceText } from "./values.js";

export const EGRESS_TITLE = "Data leaving the company";

export interface EgressItem {
  sign: "+" | "-";
  kind: "audience" | "attribute";
  /** Plain text: the audience id and name, or the XDM path. */
  text: string;
}

/** `starts exporting`, `stops exporting (dataflow deleted)`, `changes what it exports (…)`. */
export function egressStatus(delta: EgressDelta): string {
  const verb = { started: "starts exporting", stopped: "stops exporting", changed: "changes what it exports" }[
    delta.status
  ];
  const detail = stateDetail(delta);
  return detail ? `${verb} (${detail})` : verb;
}

function stateDetail(delta: EgressDelta): string | undefined {
  const { before, after } = delta.state ?? {};
  if (before !== undefined && after !== undefined) return `state ${before} → ${after}`;
  // Only a deleted flow has a before-state and no after-state.
  if (before !== undefined) return "dataflow deleted";
  // A flow created disabled gets its selectors, yet nothing leaves until it is enabled.
  if (after === "disabled") return "created disabled: nothing is exported until it is enabled";
  return undefined;
}

export function typeLabel(delta: EgressDelta): string | undefined {
  return delta.type === undefined ? undefined : destinationType(delta.type).label;
}

/** Additions first, then removals; audiences before attributes, in the plan's order. */
export function egressItems(delta: EgressDelta): EgressItem[] {
  return [
    ...delta.audiencesAdded.map((a) => ({ sign: "+" as const, kind: "audience" as const, text: audienceText(a) })),
    ...delta.attributesAdded.map((p) => ({ sign: "+" as const, kind: "attribute" as const, text: p })),
    ...delta.audiencesRemoved.map((a) => ({ sign: "-" as const, kind: "audience" as const, text: audienceText(a) })),
    ...delta.attributesRemoved.map((p) => ({ sign: "-" as const, kind: "attribute" as const, text: p })),
  ];
}
