// What the rules over a sandbox's documents (rules/) read: each document's data, what layer 1 learnt of
// it, and a way to ask where a path inside it is written. The YAML reader (src/config/) builds these.
import type { DestinationType } from "../destination-types/index.js";
import type { SourceLocation } from "../state/desired.js";

export type Path = ReadonlyArray<string | number>;

/** Where to point for a path: at its value, at its key (unknown fields), or at what holds it (missing fields). */
export type Anchor = "value" | "key" | "holder";

/** Where a path inside one document is written: file, line and column. */
export interface Locator {
  at(path: Path, anchor?: Anchor): SourceLocation;
}

/** A document whose kind is known: what the semantic rules (layer 2) work on. */
export interface CheckedDocument {
  file: string;
  locator: Locator;
  kind: "Account" | "Destination";
  /** Absent when missing or not one of the known types. */
  type?: DestinationType;
  /** Absent when missing or not text. */
  name?: string;
  value: Record<string, unknown>;
  /** True when the document passed its schema branch: only then is it turned into desired state. */
  valid: boolean;
}
