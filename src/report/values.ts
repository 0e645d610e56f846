// How a single value reads in a plan: the words shared by every renderer, so the text plan, the PR
// comment and the drift report never describe the same change in two different ways.
import type { AudienceRef } from "../domain/plan.js";

/** Strings are JSON-quoted (a trailing space or a newline stays visible); other values as compact JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return "(none)";
  return JSON.stringify(value) ?? String(value);
}

/** `72ddd79b-… (Men over 50)`: the id is what Adobe matches on, the name is what people recognise. */
export function audienceText(audience: AudienceRef): string {
  return audience.name === undefined ? audience.id : `${audience.id} (${audience.name})`;
}

/** Epoch milliseconds as ISO 8601 UTC: a fixed format, independent of the reader's locale and zone. */
export function isoTime(ms: number | undefined): string | undefined {
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  return new Date(ms).toISOString();
}

/**
 * One line safe for a terminal: names and messages from Adobe can hold anything, and an escape
 * sequence in an audience name must not repaint a reviewer's screen or forge a plan line. Line breaks
 * become spaces, other control characters visible `\u001b`-style escapes.
 */
export function printable(line: string): string {
  const flat = line.replace(/\r\n|[\r\n\u2028\u2029]/g, " ");
  return flat.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * A line of pretty-printed JSON (a call body), safe for a terminal: what JSON.stringify leaves raw (DEL,
 * C1 controls, line separators, bidi controls) becomes the `\u` escape that means the same string.
 */
export function printableJson(line: string): string {
  return line.replace(JSON_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// Bidi controls too: they would show a reviewer text in another order than it is ("Trojan Source").
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const JSON_RAW = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
