// The `property=` filter grammar of Flow Service lists (Adobe's "sort and filter" guide):
//   property=<path><op><value>[,<value>...]   op: == != > < >= <=
// A comma means OR, a repeated `property` means AND, `[]` after a segment walks an array, dotted paths
// reach nested fields. Filters are compiled once per request into one predicate.
import { flowError } from "./errors.js";

export type Predicate = (obj: unknown) => boolean;

const OPERATORS = ["==", "!=", ">=", "<=", ">", "<"] as const;
type Operator = (typeof OPERATORS)[number];

interface Segment {
  key: string;
  each: boolean;
}

/** Compiles all `property` params into one predicate (AND of each param). */
export function compileFilters(properties: readonly string[]): Predicate {
  const predicates = properties.filter((p) => p.length > 0).map(compileOne);
  if (predicates.length === 0) return () => true;
  if (predicates.length === 1) return predicates[0]!;
  return (obj) => predicates.every((p) => p(obj));
}

function compileOne(expression: string): Predicate {
  const match = /^([^=!<>~]+)([=!<>~]+)(.*)$/s.exec(expression);
  if (!match) {
    throw flowError(
      1451,
      400,
      "Invalid params",
      `Invalid property filter '${expression}': expected <field><operator><value>, e.g. state==enabled.`,
    );
  }
  const [, rawPath, rawOperator, rawValue] = match as unknown as [string, string, string, string];
  const operator = parseOperator(rawOperator);
  const segments = parsePath(rawPath.trim());
  const values = rawValue.split(",").map((v) => v.trim());
  if (values.some((v) => v.length === 0)) {
    throw flowError(
      1452,
      400,
      "Invalid value",
      `Invalid value in property filter '${expression}': values cannot be empty.`,
    );
  }
  if (values.length > 1 && operator !== "==" && operator !== "!=") {
    throw flowError(1443, 400, "Invalid params", `Operator '${operator}' is not allowed for multiple values.`);
  }
  const test = comparator(operator, values);
  if (operator === "!=") return (obj) => !collect(obj, segments).some((v) => test.equalsAny(v));
  return (obj) => collect(obj, segments).some((v) => test.matches(v));
}

function parseOperator(raw: string): Operator {
  if ((OPERATORS as readonly string[]).includes(raw)) return raw as Operator;
  if (raw.includes("~")) throw flowError(1440, 400, "Operator not implemented", `Operator '${raw}' not implemented.`);
  throw flowError(
    1450,
    400,
    "Invalid operator",
    `Invalid operator '${raw}'. Supported operators are ==, !=, >, <, >= and <=.`,
  );
}

/** Parses `a.b[].c` into segments; `[]` marks an array to walk. Throws 1449 for a malformed path. */
export function parsePath(path: string): Segment[] {
  const parts = path.split(".");
  return parts.map((part) => {
    const each = part.endsWith("[]");
    const key = each ? part.slice(0, -2) : part;
    if (!/^[A-Za-z_$@][\w$@-]*$/.test(key)) {
      throw flowError(1449, 400, "Invalid field", `Invalid field '${path}' in property filter.`);
    }
    return { key, each };
  });
}

/** All values reached by the path; arrays are only walked where the path says `[]`. */
function collect(obj: unknown, segments: readonly Segment[], index = 0): unknown[] {
  if (index === segments.length) return [obj];
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) return [];
  const segment = segments[index]!;
  const next = (obj as Record<string, unknown>)[segment.key];
  if (next === undefined) return [];
  if (!segment.each) return collect(next, segments, index + 1);
  if (!Array.isArray(next)) return [];
  return next.flatMap((item) => collect(item, segments, index + 1));
}

interface Comparator {
  matches(value: unknown): boolean;
  equalsAny(value: unknown): boolean;
}

/** Compares sensibly by the stored value's type: booleans, numbers, then strings. */
function comparator(operator: Operator, values: readonly string[]): Comparator {
  const numbers = values.map(Number);
  const equalsAny = (value: unknown): boolean => {
    if (typeof value === "string") return values.includes(value);
    if (typeof value === "boolean") return values.includes(String(value));
    if (typeof value === "number") return numbers.includes(value);
    if (value === null) return values.includes("null");
    return false;
  };
  const order = (value: unknown): number | undefined => {
    const query = values[0]!;
    if (typeof value === "number") return Number.isNaN(numbers[0]!) ? undefined : value - numbers[0]!;
    if (typeof value === "string") return value < query ? -1 : value > query ? 1 : 0;
    return undefined;
  };
  const matches = (value: unknown): boolean => {
    if (operator === "==") return equalsAny(value);
    const diff = order(value);
    if (diff === undefined) return false;
    if (operator === ">") return diff > 0;
    if (operator === "<") return diff < 0;
    if (operator === ">=") return diff >= 0;
    return diff <= 0;
  };
  return { matches, equalsAny };
}

/** Reads one value at a dotted path (no array walking), for sorting. */
export function valueAt(obj: unknown, segments: readonly Segment[]): unknown {
  let current: unknown = obj;
  for (const segment of segments) {
    if (typeof current !== "object" || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[segment.key];
  }
  return current;
}
