// How a single value reads in a plan: the words shared by every renderer, so the text plan, the PR
// comment and the drift report never describe the same change in two different ways.
import type { AudienceSchedule } from "../../domain/state/desired.js";
import type { AudienceRef } from "../../domain/plan/plan.js";

/** Strings are JSON-quoted (a trailing space or a newline stays visible); other values as compact JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return "(none)";
  return JSON.stringify(value) ?? String(value);
}

/**
 * `72ddd79b-… (Men over 50)`: the id is what Adobe matches on, Adobe's name is what people recognise.
 * A label that is not Adobe's name is shown too, flagged: `… (Men over 50; YAML says "Newsletter subscribers")`
 * (`labelFrom`: where the label comes from, the YAML for what is added, the live flow for what goes).
 */
export function audienceText(audience: AudienceRef, labelFrom: "YAML" | "the flow" = "YAML"): string {
  const name = audience.adobeName ?? audience.name;
  if (name === undefined) return audience.id;
  const mislabelled = mislabel(audience);
  return `${audience.id} (${name}${mislabelled === undefined ? "" : `; ${labelFrom} says ${JSON.stringify(mislabelled)}`})`;
}

/**
 * `from 2026-07-01 until 2026-08-31`: when an audience's members leave (`date` quotes each day as the
 * medium needs); `(no schedule)` where Adobe holds none, which exports from the activation on.
 */
export function scheduleText(schedule: AudienceSchedule | undefined, date: (day: string) => string = (d) => d): string {
  const parts = [
    ...(schedule?.startDate === undefined ? [] : [`from ${date(schedule.startDate)}`]),
    ...(schedule?.endDate === undefined ? [] : [`until ${date(schedule.endDate)}`]),
  ];
  return parts.length > 0 ? parts.join(" ") : "(no schedule)";
}

/** The selector's label, when Adobe names the audience otherwise. */
export function mislabel(audience: AudienceRef): string | undefined {
  const { name, adobeName } = audience;
  return name !== undefined && adobeName !== undefined && name !== adobeName ? name : undefined;
}

/** Epoch milliseconds as ISO 8601 UTC: a fixed format, independent of the reader's locale and zone. */
export function isoTime(ms: number | undefined): string | undefined {
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  return new Date(ms).toISOString();
}

/** `12,345`: digits grouped the same way whatever the reader's locale (never toLocaleString). */
export function grouped(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
