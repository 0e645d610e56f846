// The Audiences API list query (help/segmentation/api/audiences.md): `start`, `limit`, `sort=field:asc|desc`,
// `property=field==value` (exact; repeated means AND), `name=` and `description=` (contains, any case).
// Inactive audiences only show up under a `property` filter; deleted ones never. `start` counts pages
// (Adobe's example link) or items, per `audienceStart`; `audiencePageSize` caps every page.
import type { AudienceStart } from "./config-checks.js";
import { audienceError } from "./audience-errors.js";

export const DEFAULT_AUDIENCE_LIMIT = 20;
export const MAX_AUDIENCE_LIMIT = 100;

export interface AudienceQuery {
  start: number;
  /** The page size served: `limit`, capped by audiencePageSize. */
  size: number;
  properties: { field: string; value: string }[];
  name: string | undefined;
  description: string | undefined;
  sort: { field: string; descending: boolean } | undefined;
}

type View = Record<string, unknown>;

export function parseAudienceQuery(query: URLSearchParams, cap: number | null): AudienceQuery {
  const limit = integer(query.get("limit"), "limit", DEFAULT_AUDIENCE_LIMIT);
  if (limit < 1 || limit > MAX_AUDIENCE_LIMIT)
    throw audienceError(400, 113400, `Invalid limit '${query.get("limit")}': use 1 to ${MAX_AUDIENCE_LIMIT}.`);
  const properties = query.getAll("property").map((expression) => {
    const match = /^([A-Za-z_][\w.]*)==(.*)$/s.exec(expression);
    if (!match)
      throw audienceError(400, 113400, `Invalid property filter '${expression}': use property=<attribute>==<value>.`);
    return { field: match[1]!, value: match[2]! };
  });
  return {
    start: integer(query.get("start"), "start", 0),
    size: Math.min(limit, cap ?? limit),
    properties,
    name: query.get("name") ?? undefined,
    description: query.get("description") ?? undefined,
    sort: parseSort(query.get("sort")),
  };
}

function integer(raw: string | null, name: string, fallback: number): number {
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw.trim()))
    throw audienceError(400, 113400, `Invalid ${name} '${raw}': use a non-negative integer.`);
  return Number(raw);
}

function parseSort(raw: string | null): AudienceQuery["sort"] {
  if (raw === null || raw.trim() === "") return undefined;
  const match = /^([A-Za-z_][\w]*)(?::(asc|desc))?$/i.exec(raw.trim());
  if (!match)
    throw audienceError(400, 113400, `Invalid sort '${raw}': use sort=<attribute>:asc or sort=<attribute>:desc.`);
  return { field: match[1]!, descending: match[2]?.toLowerCase() === "desc" };
}

const contains = (value: unknown, part: string): boolean =>
  typeof value === "string" && value.toLowerCase().includes(part.toLowerCase());

/** Exact match; an array attribute (labels) matches when it holds the value. */
function matchesProperty(view: View, field: string, value: string): boolean {
  const actual = field.split(".").reduce<unknown>((node, key) => (node as View | undefined)?.[key], view);
  if (Array.isArray(actual)) return actual.some((item) => String(item) === value);
  return actual !== undefined && actual !== null && String(actual) === value;
}

/** The audiences the query selects, in order (default: most recently created first, as Adobe's example). */
export function selectAudiences(views: readonly View[], q: AudienceQuery): View[] {
  const selected = views.filter((view) => {
    if (view.lifecycleState === "deleted") return false;
    if (q.properties.length === 0 && view.lifecycleState === "inactive") return false;
    if (!q.properties.every((p) => matchesProperty(view, p.field, p.value))) return false;
    if (q.name !== undefined && !contains(view.name, q.name)) return false;
    if (q.description !== undefined && !contains(view.description, q.description)) return false;
    return true;
  });
  const sort = q.sort ?? { field: "creationTime", descending: true };
  return selected.sort((a, b) => {
    const diff = compare(a[sort.field], b[sort.field]);
    return (sort.descending ? -diff : diff) || compare(a.id, b.id);
  });
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1;
  if (b === undefined || b === null) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b));
}

/** Where a page starts, and the `start` of the next one, under the configured meaning of `start`. */
export function pageBounds(q: AudienceQuery, mode: AudienceStart): { offset: number; next: number } {
  const offset = mode === "page" ? q.start * q.size : q.start;
  return { offset, next: mode === "page" ? q.start + 1 : q.start + q.size };
}

/** Adobe's next link, `@/audiences?start=1&limit=2&totalCount=111`, with the query's filters kept. */
export function nextHref(q: AudienceQuery, next: number, total: number): string {
  const params = new URLSearchParams({ start: String(next), limit: String(q.size), totalCount: String(total) });
  if (q.sort) params.append("sort", `${q.sort.field}:${q.sort.descending ? "desc" : "asc"}`);
  for (const p of q.properties) params.append("property", `${p.field}==${p.value}`);
  if (q.name !== undefined) params.append("name", q.name);
  if (q.description !== undefined) params.append("description", q.description);
  return `@/audiences?${params.toString()}`;
}
