// Paging by what the server says: follow the next link each page gives until there is none (or a page
// comes back empty), never compute offsets from `limit` or a total. Adobe's links come in several forms:
// `@/audiences?start=1&limit=2` (relative to the API's root, Audiences API), `/data/core/ups/…`
// (absolute path, segment definitions, Flow Service), or a full URL; `start` may count pages or items.
import { AppError } from "../errors.js";
import type { AepHttp } from "./http.js";

export interface Page<T> {
  items: T[];
  next?: string | undefined;
}

const MAX_PAGES = 10_000;

export async function readAllPages<T>(
  http: AepHttp,
  sandbox: string,
  first: { path: string; query: Record<string, string> },
  read: (body: unknown) => Page<T>,
  /** What `@` in a next link stands for: the root of the API the list belongs to. */
  root: string,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let request: { path: string; query: Record<string, string | string[]> } = first;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = read(await http.request(sandbox, "GET", request.path, { query: request.query }));
    items.push(...answer.items);
    if (!answer.next || answer.items.length === 0) return items;
    // A server that keeps answering with the same next link would otherwise be read forever.
    if (seen.has(answer.next)) return items;
    seen.add(answer.next);
    request = resolveNext(answer.next, request.path, root);
  }
  throw new AppError("adobe", `GET ${first.path}: the list did not end after ${MAX_PAGES} pages`, {
    hint: "Adobe kept answering with a next link; run again, and report it with --trace if it persists.",
  });
}

/** A next link as the request to send: its path and its query, whatever form the server wrote it in. */
export function resolveNext(
  href: string,
  current: string,
  root: string,
): { path: string; query: Record<string, string | string[]> } {
  const relative = href.startsWith("@") ? `${root}${href.slice(1)}` : href;
  const url = new URL(relative, `http://adobe.invalid${current}`);
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  return { path: url.pathname, query };
}

/**
 * Ids in groups of at most `size`, for filters such as `flowId==a,b,c`: one list call per group keeps
 * each query string well under the 8 KiB gateways accept.
 */
export function idGroups(ids: readonly string[], size = 40): string[][] {
  const groups: string[][] = [];
  for (let i = 0; i < ids.length; i += size) groups.push(ids.slice(i, i + size));
  return groups;
}
