// Calls as the emulator's request log shows them (GET /__emulator/requests), sorted into what the bench
// reports: Flow Service state calls (list pages, single GETs, writes), the per-run reads (connection
// specs, the Audiences API's pages and look-ups, the Profile union schema), IMS and 429s; and the time
// lower bound they imply.
import type { BenchConfig } from "./config.js";
import type { EmulatorProcess } from "./children.js";

export interface LogEntry {
  seq: number;
  method: string;
  path: string;
  route: string;
  status: number | null;
  sandbox: string | null;
  durationMs: number | null;
  /** Arrival, epoch ms. */
  at: number;
}

export interface CallCounts {
  /** Flow Service calls that were answered (429s not included), by `METHOD /route`, connection specs included. */
  byKind: Record<string, number>;
  /** Flow Service calls on destinations' state: listPages + gets + writes (connection specs not included). */
  flowService: number;
  listPages: number;
  gets: number;
  writes: number;
  /** `GET /connectionSpecs/{id}`: the per-run spec reads. */
  specReads: number;
  /** Audiences API (or segment-definition) list pages. */
  audiencePages: number;
  /** Audiences looked up one by one (references the list did not answer). */
  audienceLookups: number;
  /** Schema Registry reads: the Profile union schema the attribute check reads per sandbox. */
  schemaReads: number;
  /** Anything else outside the Flow Service (none expected), by `METHOD /route`. */
  other: Record<string, number>;
  /** Whether every audience page arrived after the one before had been answered (next links). */
  audiencePagesInSequence?: boolean;
  ims: number;
  /** 429 answers, all families. */
  throttled: number;
  /** The slowest answer at the emulator (the injected latency included), Flow Service and audiences. */
  slowest?: { kind: string; ms: number };
}

/** Calls that take a token from the org's rate limit: all but IMS (src/emulator/emulator.ts). */
export const rateLimited = (c: CallCounts): number =>
  c.flowService +
  c.specReads +
  c.audiencePages +
  c.audienceLookups +
  c.schemaReads +
  Object.values(c.other).reduce((a, b) => a + b, 0);

export function countCalls(entries: LogEntry[]): CallCounts {
  const counts: CallCounts = {
    byKind: {},
    flowService: 0,
    listPages: 0,
    gets: 0,
    writes: 0,
    specReads: 0,
    audiencePages: 0,
    audienceLookups: 0,
    schemaReads: 0,
    other: {},
    ims: 0,
    throttled: 0,
  };
  const audiencePages: LogEntry[] = [];
  for (const e of entries) {
    if (e.status === 429) {
      counts.throttled++;
      continue;
    }
    if (e.route.startsWith("/ims/")) {
      counts.ims++;
      continue;
    }
    if (e.durationMs !== null && e.durationMs > (counts.slowest?.ms ?? 0))
      counts.slowest = { kind: `${e.method} ${e.route}`, ms: Math.round(e.durationMs) };
    if (e.route.startsWith("/data/core/ups/")) {
      if (e.route.endsWith("{id}")) counts.audienceLookups++;
      else {
        counts.audiencePages++;
        audiencePages.push(e);
      }
      continue;
    }
    const kind = `${e.method} ${e.route}`;
    if (e.route.startsWith("/data/foundation/schemaregistry/")) {
      counts.schemaReads++;
      continue;
    }
    if (e.route.startsWith("/data/")) {
      counts.other[kind] = (counts.other[kind] ?? 0) + 1;
      continue;
    }
    counts.byKind[kind] = (counts.byKind[kind] ?? 0) + 1;
    if (e.route.startsWith("/connectionSpecs")) counts.specReads++;
    else if (e.method !== "GET") counts.writes++;
    else if (e.route.endsWith("{id}")) counts.gets++;
    else counts.listPages++;
  }
  counts.flowService = counts.listPages + counts.gets + counts.writes;
  counts.audiencePagesInSequence = inSequence(audiencePages);
  return counts;
}

/** Per sandbox list (same path without its paging query), each page sent after the previous one's answer. */
function inSequence(entries: LogEntry[]): boolean | undefined {
  const bySandboxList = new Map<string, LogEntry[]>();
  for (const e of entries) {
    const key = `${e.sandbox} ${e.path.split("?")[0]}`;
    bySandboxList.set(key, [...(bySandboxList.get(key) ?? []), e]);
  }
  let answer: boolean | undefined;
  for (const list of bySandboxList.values()) {
    for (let i = 1; i < list.length; i++) {
      const before = list[i - 1]!;
      const ok = before.durationMs !== null && list[i]!.at >= before.at + before.durationMs - 1;
      answer = (answer ?? true) && ok;
    }
  }
  return answer;
}

export interface Bound {
  ms: number;
  byRateMs: number;
  byDepthMs: number;
  depth: number;
  /** Calls that take a token from the org's rate limit: Flow Service + audiences (IMS does not). */
  rateLimitedCalls: number;
  explain: string;
}

export function bound(rateLimitedCalls: number, d: number, config: BenchConfig, explain: string): Bound {
  const byRateMs = (rateLimitedCalls / config.rate) * 1000;
  const byDepthMs = d * config.latencyMs;
  return { ms: Math.max(byRateMs, byDepthMs), byRateMs, byDepthMs, depth: d, rateLimitedCalls, explain };
}

export async function requestsSince(emulator: EmulatorProcess, seq: number): Promise<LogEntry[]> {
  const { items } = await emulator.admin<{ items: LogEntry[] }>("requests");
  return items.filter((e) => e.seq > seq);
}
