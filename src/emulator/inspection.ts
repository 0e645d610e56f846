// What tests can ask the emulator about itself (no auth; emulator-only routes under /__emulator):
// the request log, metrics, the whole store (secrets included: it is the admin view), reset, faults, and
// (operations-admin.ts) run scripts, the clock and the audit log.
import { ApiError } from "./errors.js";
import type { EmuRequest, EmuResponse } from "./http.js";
import { parseFaultConfig, type FaultConfig } from "./faults.js";
import { handleOperationsAdmin, type OperationsTarget } from "./operations-admin.js";
import { isWrite } from "./router.js";

export interface LogEntry {
  seq: number;
  method: string;
  path: string;
  route: string;
  status: number | null;
  sandbox: string | null;
  client: string | null;
  durationMs: number | null;
  /** Arrival time, epoch ms with sub-millisecond precision (lets tests check Retry-After was honoured). */
  at: number;
  fault?: string;
  internal?: boolean;
}

export interface Metrics {
  total: number;
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  writes: number;
  throttled: number;
  hung: number;
  resets: number;
  /** Writes committed and answered late (scripted commit-then-delay). */
  delayed: number;
}

/** The log keeps the most recent entries only, so a long benchmark cannot exhaust memory. */
export const MAX_LOG_ENTRIES = 50_000;

export class RequestLog {
  private entries: LogEntry[] = [];
  private seq = 0;
  metrics: Metrics = emptyMetrics();

  /** Records an arriving Flow Service/IMS/segment request. */
  begin(req: EmuRequest, route: string, family: string): LogEntry {
    const entry: LogEntry = {
      seq: (this.seq += 1),
      method: req.method,
      path: req.url,
      route,
      status: null,
      sandbox: null,
      client: null,
      durationMs: null,
      at: performance.timeOrigin + performance.now(),
    };
    if (req.internal) entry.internal = true;
    this.entries.push(entry);
    // Trim in chunks, so a long run does not pay an O(n) splice on every request.
    if (this.entries.length > MAX_LOG_ENTRIES + 5_000) this.entries.splice(0, this.entries.length - MAX_LOG_ENTRIES);
    const m = this.metrics;
    m.total += 1;
    const key = `${req.method} ${route}`;
    m.byRoute[key] = (m.byRoute[key] ?? 0) + 1;
    if (family === "flow" && isWrite(req.method)) m.writes += 1;
    return entry;
  }

  /** Records how the request ended: a status, a hang or a reset. */
  end(entry: LogEntry, outcome: { status?: number; hung?: boolean; reset?: boolean }, startedAt: number): void {
    entry.durationMs = Math.round((performance.now() - startedAt) * 1000) / 1000;
    const m = this.metrics;
    if (outcome.status !== undefined) {
      entry.status = outcome.status;
      m.byStatus[String(outcome.status)] = (m.byStatus[String(outcome.status)] ?? 0) + 1;
      if (outcome.status === 429) m.throttled += 1;
    }
    if (outcome.hung) m.hung += 1;
    if (outcome.reset) m.resets += 1;
  }

  list(): LogEntry[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
    this.seq = 0;
    this.metrics = emptyMetrics();
  }
}

function emptyMetrics(): Metrics {
  return { total: 0, byRoute: {}, byStatus: {}, writes: 0, throttled: 0, hung: 0, resets: 0, delayed: 0 };
}

/** The parts of the emulator the admin routes reach. */
export interface AdminTarget extends OperationsTarget {
  log: RequestLog;
  stateView(): unknown;
  reset(): void;
  faults(): FaultConfig;
  setFaults(config: FaultConfig): void;
}

export function handleAdmin(req: EmuRequest, target: AdminTarget): EmuResponse {
  const key = `${req.method} ${req.pathname}`;
  switch (key) {
    case "GET /__emulator/requests":
      return { status: 200, body: { items: target.log.list() } };
    case "GET /__emulator/metrics":
      return { status: 200, body: target.log.metrics };
    case "GET /__emulator/state":
      return { status: 200, body: target.stateView() };
    case "POST /__emulator/reset":
      target.reset();
      return { status: 200, body: { reset: true } };
    case "GET /__emulator/faults":
      return { status: 200, body: target.faults() };
    case "POST /__emulator/faults": {
      let config: FaultConfig;
      try {
        const text = req.body.toString("utf8").trim();
        config = parseFaultConfig(text === "" ? {} : JSON.parse(text));
      } catch (error) {
        throw new ApiError(400, { error: "invalid_fault_config", message: (error as Error).message });
      }
      target.setFaults(config);
      return { status: 200, body: target.faults() };
    }
    default: {
      const answer = handleOperationsAdmin(key, req, target);
      if (answer) return answer;
      throw new ApiError(404, { error: "not_found", message: `No emulator route ${key}. See docs/emulator.md.` });
    }
  }
}
