// Audience sizes in words, for every renderer: "1.2 M profiles" next to an audience, "size unknown" where
// Adobe gave no figure, and per destination one sentence a data-protection officer can read:
// "≈ 1.2 M profiles start leaving for stream `crm-churn` (Adobe backfills within about an hour)".
// Numbers are written by hand, not by toLocaleString: a plan reads the same on every machine.
import { sizeSum, type SizeSum } from "../../domain/review/audience-sizes.js";
import { destinationType } from "../../domain/destination-types/index.js";
import type { AudienceRef, EgressDelta } from "../../domain/plan/plan.js";
import { grouped } from "./values.js";

/**
 * `12,345` below a million, then `1.2 M` and `3.4 B` (one decimal, `1 M` for a round figure): the order of
 * magnitude is what a reviewer weighs; the JSON plan keeps the exact count.
 */
export function formatCount(n: number): string {
  if (n < 1e6) return grouped(Math.round(n));
  // 999,960,000 is 1 B, not "1000 M": the unit follows where the rounding lands.
  const [unit, size] = n >= 1e9 || Math.round(n / 1e5) >= 10_000 ? (["B", 1e9] as const) : (["M", 1e6] as const);
  const tenths = Math.round((n / size) * 10);
  return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)} ${unit}`;
}

function profiles(n: number): string {
  return `${formatCount(n)} ${n === 1 ? "profile" : "profiles"}`;
}

/** `1.2 M profiles`, or `size unknown` where Adobe gave no export metrics for the audience. */
export function sizeText(audience: Pick<AudienceRef, "profiles">): string {
  return audience.profiles === undefined ? "size unknown" : profiles(audience.profiles);
}

/**
 * One sentence per direction with audiences in it: what starts leaving (with Adobe's backfill), then what
 * stops. `quote` writes a name as the medium needs (JSON quotes in text, code spans in markdown).
 */
export function sizeSentences(delta: EgressDelta, quote: (name: string) => string): string[] {
  const place = placeText(delta, quote);
  const sentences: string[] = [];
  if (delta.audiencesAdded.length > 0) {
    const sum = sizeSum(delta.audiencesAdded);
    // A destination created (or left) disabled sends nothing yet: its audiences leave once it is enabled.
    const later = delta.state?.after === "disabled" ? " once it is enabled" : "";
    sentences.push(
      `${amount(sum)} ${verb(sum, "start")} leaving for ${place}${later} (${unknownPart(sum)}Adobe backfills within about an hour)`,
    );
  }
  if (delta.audiencesRemoved.length > 0) {
    const sum = sizeSum(delta.audiencesRemoved);
    const unknown = unknownPart(sum);
    sentences.push(
      `${amount(sum)} ${verb(sum, "stop")} leaving for ${place}${unknown ? ` (${unknown.slice(0, -2)})` : ""}`,
    );
  }
  return sentences;
}

/** `≈ 1.2 M profiles`, `at least 1.2 M profiles` (some unknown), `an unknown number of profiles` (all unknown). */
function amount(sum: SizeSum): string {
  if (sum.unknown === 0) return `≈ ${profiles(sum.profiles)}`;
  return sum.profiles > 0 ? `at least ${profiles(sum.profiles)}` : "an unknown number of profiles";
}

function verb(sum: SizeSum, base: "start" | "stop"): string {
  return sum.unknown === 0 && sum.profiles === 1 ? `${base}s` : base;
}

/** `sizes of 2 audiences unknown; ` (with its separator), or nothing. */
function unknownPart(sum: SizeSum): string {
  if (sum.unknown === 0) return "";
  return sum.unknown === 1 ? "size of 1 audience unknown; " : `sizes of ${sum.unknown} audiences unknown; `;
}

/** `stream "crm-churn"`, `event hub "orders"`; `destination "x"` where the plan does not know the name. */
function placeText(delta: EgressDelta, quote: (name: string) => string): string {
  if (delta.targetName === undefined || delta.type === undefined) return `destination ${quote(delta.destination)}`;
  return `${destinationType(delta.type).targetNoun} ${quote(delta.targetName)}`;
}
