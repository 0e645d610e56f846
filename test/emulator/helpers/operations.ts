// Helpers for the runs and audit tests: the emulator's clock (read and moved through the admin route) and
// whole lists read by following Adobe's links.
import type { Json, TestClient } from "./harness.js";

export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

/** The emulator's clock now (an advance of 0 seconds answers it). */
export async function clockNow(api: TestClient): Promise<number> {
  return ((await api.admin("POST", "/clock", { advanceSeconds: 0 })) as { now: number }).now;
}

/** Moves the emulator's clock to `at` (never back); answers the new now. */
export async function advanceTo(api: TestClient, at: number): Promise<number> {
  const now = await clockNow(api);
  const seconds = Math.max(0, (at - now) / 1000);
  return ((await api.admin("POST", "/clock", { advanceSeconds: seconds })) as { now: number }).now;
}

export const hourOf = (at: number): number => Math.floor(at / HOUR_MS) * HOUR_MS;

/** Every run a query matches, following `_links.next.href` page after page. */
export async function allRuns(api: TestClient, query: string, sandbox = "prod"): Promise<Json[]> {
  const items: Json[] = [];
  let path: string | undefined = `/runs${query}`;
  for (let pages = 0; path && pages < 100; pages += 1) {
    const page = await api.flow("GET", path, { sandbox });
    if (page.status !== 200) throw new Error(`GET ${path}: ${page.status} ${page.text}`);
    items.push(...page.body.items);
    path = page.body._links?.next?.href;
  }
  return items;
}

/** The runs of one flow, newest first (the default order). */
export const runsOf = (api: TestClient, flowId: string, sandbox = "prod"): Promise<Json[]> =>
  allRuns(api, `?property=flowId==${flowId}&limit=100`, sandbox);

export const AUDIT = "/data/foundation/audit/events";

/** One page of the Audit Query API; `query` starts with `?` (or is empty). */
export async function auditPage(api: TestClient, query = "", sandbox = "prod"): Promise<Json> {
  const page = await api.call("GET", `${AUDIT}${query}`, { sandbox });
  if (page.status !== 200) throw new Error(`GET ${AUDIT}${query}: ${page.status} ${page.text}`);
  return page.body;
}

/** The events a query matches, oldest first (orderBy=timestamp), as Adobe lists them. */
export async function auditTrail(api: TestClient, query = "", sandbox = "prod"): Promise<Json[]> {
  const joiner = query === "" ? "?" : "&";
  return (await auditPage(api, `${query}${joiner}orderBy=%2Btimestamp&limit=1000`, sandbox))._embedded.events;
}

/** An absolute link Adobe's API returned, as a path on the emulator's origin. */
export const pathOf = (href: string): string => {
  const url = new URL(href);
  return `${url.pathname}${url.search}`;
};
