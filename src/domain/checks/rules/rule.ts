// The shape of a semantic rule (layer 2): a small function over every checked document of a sandbox.
// Rules read documents defensively (they also run on documents that failed the schema, so one broken
// field does not hide a duplicate elsewhere) and return problems; they never throw.
import type { SourceLocation } from "../../state/desired.js";
import type { Problem } from "../problem.js";
import type { CheckedDocument } from "../document.js";

export interface RuleContext {
  sandbox: string;
  documents: CheckedDocument[];
  /** How a file is named in a message about another place: relative to the folder being validated. */
  display(file: string): string;
  /** The tool config's `credentials.variablePrefixes`: the prefixes a credential's variable must have. */
  variablePrefixes?: readonly string[];
}

export type Rule = (context: RuleContext) => Problem[];

/** "line 12" within the same file, "other.yaml:12:3" across files. */
export function where(context: RuleContext, from: string, place: SourceLocation): string {
  return place.file === from ? `line ${place.line}` : `${context.display(place.file)}:${place.line}:${place.column}`;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function destinations(context: RuleContext): CheckedDocument[] {
  return context.documents.filter((d) => d.kind === "Destination");
}

export function accounts(context: RuleContext): CheckedDocument[] {
  return context.documents.filter((d) => d.kind === "Account");
}
