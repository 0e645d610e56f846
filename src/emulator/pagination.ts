// Flow Service list semantics: limit (default 20, at most 100), count, orderby and continuation tokens.
// A token is self-contained (base64url JSON of the filters, orderby, limit and a cursor), so a client that
// only follows `_links.next.href` gets the right next page; a client that re-sends its original params
// with the token gets the same page (the token's own params win).
import { flowError, invalidParams } from "./errors.js";
import { compileFilters, parsePath, valueAt } from "./filters.js";
import { jsonOf, RawJson } from "./http.js";

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export interface ListQuery {
  properties: string[];
  orderby: string | undefined;
  limit: number;
  count: boolean;
  /** Default order: revision of the last item served. Custom order: its sort keys and revision. */
  cursor: { rev: number; keys?: unknown[] } | undefined;
}

/** A row to list: the object (as served) and its store revision (higher = more recently updated). */
export interface Row {
  value: unknown;
  rev: number;
}

/** Source of rows newest-first, optionally starting strictly below a revision. */
export type RowSource = (beforeRev?: number) => Iterable<Row>;

export interface ListPage {
  body: Record<string, unknown> | RawJson;
}

export function parseListQuery(resource: string, query: URLSearchParams): ListQuery {
  const count = parseCount(query.get("count"));
  const token = query.get("continuationToken");
  // A token carries its query's filters: `count` may still ask how many they match.
  if (token !== null) return { ...decodeToken(resource, token), ...(count ? { count, cursor: undefined } : {}) };
  const limitParam = query.get("limit");
  if (count && limitParam !== null) {
    throw flowError(
      1401,
      400,
      "Invalid params",
      "The limit and count parameters cannot be given together in the same request.",
    );
  }
  return {
    properties: query.getAll("property"),
    orderby: query.get("orderby") ?? undefined,
    limit: parseLimit(limitParam),
    count,
    cursor: undefined,
  };
}

/**
 * sort-and-filter.md: "Any filtering query can be appended with `count` query parameter with a value of
 * `true`"; both specs type it `boolean`. Python's requests sends `count=True`, so the case is ignored; a
 * value that is not a boolean is refused rather than silently ignored.
 */
function parseCount(raw: string | null): boolean {
  if (raw === null) return false;
  const value = raw.trim().toLowerCase();
  if (value === "true") return true;
  if (value === "false") return false;
  throw invalidParams(`Invalid count '${raw}': count is a boolean, true or false.`);
}

function parseLimit(raw: string | null): number {
  if (raw === null) return DEFAULT_LIMIT;
  const limit = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || limit < 1)
    throw invalidParams(`Invalid limit '${raw}': limit must be a positive integer.`);
  if (limit > MAX_LIMIT)
    throw invalidParams(`Invalid limit '${raw}': at most ${MAX_LIMIT} entities can be requested per page.`);
  return limit;
}

/**
 * Runs a list query over rows and builds Adobe's envelope `{items, _links.next.href}` (or `{count}`).
 * `next: false` serves the page without a next link (a server-side cap, as runsListCap configures).
 */
export function listPage(
  resource: string,
  query: ListQuery,
  rows: RowSource,
  options: { next?: boolean } = {},
): ListPage {
  const predicate = compileFilters(query.properties);
  const sortKeys = compileOrderby(query.orderby);
  if (query.count) {
    let count = 0;
    for (const row of rows()) if (predicate(row.value)) count += 1;
    return { body: { count } };
  }
  const selected: Row[] = [];
  let more = false;
  if (!sortKeys) {
    for (const row of rows(query.cursor?.rev)) {
      if (!predicate(row.value)) continue;
      if (selected.length === query.limit) {
        more = true;
        break;
      }
      selected.push(row);
    }
  } else {
    const matching = [...rows()].filter((row) => predicate(row.value));
    const keyed = matching.map((row) => ({ row, keys: sortKeys.map((k) => k.read(row.value)) }));
    const compare = (a: { rev: number; keys: unknown[] }, b: { rev: number; keys: unknown[] }): number =>
      compareKeyed(sortKeys, a, b);
    keyed.sort((a, b) => compare({ rev: a.row.rev, keys: a.keys }, { rev: b.row.rev, keys: b.keys }));
    const cursor = query.cursor;
    const start = cursor?.keys
      ? keyed.findIndex(
          (k) => compare({ rev: k.row.rev, keys: k.keys }, { rev: cursor.rev, keys: cursor.keys ?? [] }) > 0,
        )
      : 0;
    const from = start < 0 ? keyed.length : start;
    selected.push(...keyed.slice(from, from + query.limit).map((k) => k.row));
    more = from + query.limit < keyed.length;
  }
  let links = "{}";
  const last = selected[selected.length - 1];
  if (more && last && options.next !== false) {
    const cursor = sortKeys ? { rev: last.rev, keys: sortKeys.map((k) => k.read(last.value)) } : { rev: last.rev };
    const token = encodeToken(resource, { ...query, cursor });
    links = JSON.stringify({ next: { href: `/${resource}?continuationToken=${token}` } });
  }
  // Serialized by hand so each stored object's cached JSON is reused: {items:[…], _links:{next?:{href}}}.
  const items = selected.map((r) => jsonOf(r.value as object)).join(",");
  return { body: new RawJson(`{"items":[${items}],"_links":${links}}`) };
}

interface SortKey {
  read(value: unknown): unknown;
  descending: boolean;
}

/** `orderby=name`, `+name`, `-updatedAt`, comma-separated. `+` arrives as a space when not escaped. */
function compileOrderby(orderby: string | undefined): SortKey[] | undefined {
  if (orderby === undefined || orderby.trim() === "") return undefined;
  return orderby.split(",").map((raw) => {
    const field = raw.replace(/^ +/, (spaces) => "+".repeat(spaces.length));
    const match = /^([+-]?)([A-Za-z_$@][\w$@-]*(?:\.[A-Za-z_$@][\w$@-]*)*)$/.exec(field);
    if (!match) {
      if (/^[+\-*!~^<>]/.test(field))
        throw flowError(1432, 400, "Invalid sort order", `Sort order specified is not correct: '${raw}'.`);
      throw flowError(1433, 400, "Invalid orderby field", `Incorrect field= ${raw} passed in orderBy.`);
    }
    const [, sign, path] = match as unknown as [string, string, string];
    const segments = parsePath(path);
    return { read: (value: unknown) => valueAt(value, segments), descending: sign === "-" };
  });
}

/** Compares by the sort keys (missing values last), then newest first for ties. */
function compareKeyed(
  keys: SortKey[],
  a: { rev: number; keys: unknown[] },
  b: { rev: number; keys: unknown[] },
): number {
  for (let i = 0; i < keys.length; i += 1) {
    const diff = compareValues(a.keys[i], b.keys[i]);
    if (diff !== 0) return keys[i]!.descending ? -diff : diff;
  }
  return b.rev - a.rev;
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1;
  if (b === undefined || b === null) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

interface TokenBody {
  r: string;
  p: string[];
  o?: string;
  l: number;
  c: { rev: number; keys?: unknown[] };
}

function encodeToken(resource: string, query: ListQuery): string {
  const body: TokenBody = { r: resource, p: query.properties, l: query.limit, c: query.cursor ?? { rev: 0 } };
  if (query.orderby !== undefined) body.o = query.orderby;
  return Buffer.from(JSON.stringify(body)).toString("base64url");
}

function decodeToken(resource: string, token: string): ListQuery {
  let body: TokenBody;
  try {
    body = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as TokenBody;
  } catch {
    throw invalidParams(`Invalid continuationToken '${token}'.`);
  }
  if (
    typeof body !== "object" ||
    body === null ||
    body.r !== resource ||
    !Array.isArray(body.p) ||
    typeof body.l !== "number" ||
    typeof body.c?.rev !== "number"
  ) {
    throw invalidParams(`Invalid continuationToken '${token}' for /${resource}.`);
  }
  return { properties: body.p, orderby: body.o, limit: body.l, count: false, cursor: body.c };
}
