// Dataflow runs: the hourly windows of a sandbox's destination flows (GET /runs, flow-service.yaml and
// destinations.yaml getFlowRuns; help/dataflows/api/sort-and-filter.md for the filters). Several flows
// are read in one list (`flowId==a,b,c` is an OR), never one call per flow per window. Adobe's spec says
// this list returns "a maximum of 100 entities": a full page without a next link may be such a cap, so
// the request is split (flows, then time) until every answer is whole; a server that pages is followed.
import type { RunError, RunWindow } from "../domain/operate/health.js";
import { FLOW_SERVICE_PATH } from "./flow-service.js";
import type { AepHttp } from "./http.js";
import { idGroups, resolveNext } from "./pages.js";

export interface RunsPort {
  /** Every window of these flows that started after `since` (epoch ms). */
  windows(flowIds: readonly string[], since: number, signal?: AbortSignal): Promise<RunWindow[]>;
  /**
   * The latest completed window of each of these flows (none in the last day), read in one list of
   * their runs, newest first, over a few pages at most: a flow without one there has none worth showing.
   */
  latest(flowIds: readonly string[], signal?: AbortSignal): Promise<Map<string, RunWindow>>;
}

const PAGE = 100;
const STARTED = "metrics.durationSummary.startedAtUTC";
/** How far back the latest windows of quiet flows are looked for: the newest few hundred runs of them. */
const LATEST_PAGES = 3;

export class HttpRuns implements RunsPort {
  constructor(
    private readonly http: AepHttp,
    readonly sandbox: string,
  ) {}

  async windows(flowIds: readonly string[], since: number, signal?: AbortSignal): Promise<RunWindow[]> {
    const found = await Promise.all(idGroups(flowIds).map((ids) => this.range(ids, since, undefined, signal)));
    return found.flat();
  }

  async latest(flowIds: readonly string[], signal?: AbortSignal): Promise<Map<string, RunWindow>> {
    const found = new Map<string, RunWindow>();
    for (const ids of idGroups(flowIds)) {
      const { items } = await this.read([`flowId==${ids.join(",")}`], PAGE, signal, LATEST_PAGES);
      for (const w of items.map(toWindow)) {
        if (w && w.completedAt !== undefined && w.status !== "processing" && !found.has(w.flowId))
          found.set(w.flowId, w);
      }
    }
    return found;
  }

  /** Windows of `ids` started in (since, until): split while an answer may have been cut at the cap. */
  private async range(
    ids: string[],
    since: number,
    until: number | undefined,
    signal?: AbortSignal,
  ): Promise<RunWindow[]> {
    const filters = [
      `flowId==${ids.join(",")}`,
      `${STARTED}>${since}`,
      ...(until === undefined ? [] : [`${STARTED}<=${until}`]),
    ];
    const { items, capped } = await this.read(filters, PAGE, signal);
    if (capped) {
      if (ids.length > 1) {
        const half = Math.ceil(ids.length / 2);
        const parts = await Promise.all([
          this.range(ids.slice(0, half), since, until, signal),
          this.range(ids.slice(half), since, until, signal),
        ]);
        return parts.flat();
      }
      const end = until ?? this.http.serverNow();
      // One flow with more windows than a list returns: halve the time instead (a window is an hour).
      if (end - since > 60 * 60_000) {
        const middle = Math.floor((since + end) / 2);
        const parts = await Promise.all([
          this.range(ids, since, middle, signal),
          this.range(ids, middle, until, signal),
        ]);
        return parts.flat();
      }
    }
    return items.map(toWindow).filter((w): w is RunWindow => w !== undefined);
  }

  /** One list, every page its next links lead to; `capped` when one full page came without a next link. */
  private async read(properties: string[], limit: number, signal?: AbortSignal, maxPages = 1_000) {
    const items: Record<string, unknown>[] = [];
    let request: { path: string; query: Record<string, string | string[]> } = {
      path: `${FLOW_SERVICE_PATH}/runs`,
      query: { property: properties, orderby: `-${STARTED}`, limit: String(limit) },
    };
    const seen = new Set<string>();
    for (let page = 0; page < maxPages; page++) {
      const body = (await this.http.request(this.sandbox, "GET", request.path, {
        query: request.query,
        signal,
      })) as { items?: unknown; _links?: { next?: { href?: unknown } } } | undefined;
      const pageItems = Array.isArray(body?.items) ? (body.items as Record<string, unknown>[]) : [];
      items.push(...pageItems);
      const next = body?._links?.next?.href;
      if (typeof next !== "string" || pageItems.length === 0 || seen.has(next))
        return { items, capped: page === 0 && limit === PAGE && pageItems.length >= PAGE };
      seen.add(next);
      request = resolveNext(next, request.path, FLOW_SERVICE_PATH);
    }
    return { items, capped: false };
  }
}

/** A run as the domain reads it; undefined for an item that is not a run (no id, flow or start). */
export function toWindow(raw: Record<string, unknown>): RunWindow | undefined {
  const metrics = record(raw.metrics);
  const duration = record(metrics.durationSummary);
  const records = record(metrics.recordSummary);
  const status = record(metrics.statusSummary);
  const startedAt = number(duration.startedAtUTC);
  if (typeof raw.id !== "string" || typeof raw.flowId !== "string" || startedAt === undefined) return undefined;
  const completedAt = number(duration.completedAtUTC) ?? number(duration.stoppedAtUTC);
  const received = number(records.inputRecordCount) ?? 0;
  const failed = number(records.failedRecordCount) ?? 0;
  const excluded = number(records.skippedRecordCount) ?? 0;
  return {
    id: raw.id,
    flowId: raw.flowId,
    startedAt,
    completedAt,
    status: typeof status.status === "string" ? status.status.toLowerCase() : "unknown",
    received,
    activated: number(records.outputRecordCount) ?? Math.max(0, received - failed - excluded),
    excluded,
    failed,
    errors: errorsOf(status.errors, records.failedInfo),
  };
}

/** statusSummary.errors and recordSummary.failedInfo often repeat one code: counted once, the larger count. */
function errorsOf(...lists: unknown[]): RunError[] {
  const byCode = new Map<string, RunError>();
  for (const item of lists.flatMap((list) => (Array.isArray(list) ? list : []))) {
    const error = record(item);
    if (typeof error.code !== "string") continue;
    const count = number(error.count) ?? number(error.recordCount) ?? 1;
    const message = typeof error.message === "string" ? error.message : "";
    const seen = byCode.get(error.code);
    if (!seen || seen.count < count)
      byCode.set(error.code, { code: error.code, message: message || (seen?.message ?? ""), count });
  }
  return [...byCode.values()];
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function number(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
