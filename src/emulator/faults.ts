// Fault injection: latency and jitter, random failures by rate (seeded, so runs are reproducible), and
// scripted faults that fire on the nth matching request. Set by config or POST /__emulator/faults.
import { flowError, gatewayError, type ApiError } from "./errors.js";
import type { EmuResponse } from "./http.js";
import { mulberry32 } from "./random.js";
import { isPlainObject } from "./types.js";

export type RetryAfterStyle = "seconds" | "http-date" | "none" | "empty-body";

export interface FaultConfig {
  seed?: number;
  latencyMs?: number;
  jitterMs?: number;
  rates?: { "429"?: number; "500"?: number; "502"?: number; "503"?: number; "504"?: number; reset?: number };
  retryAfter?: RetryAfterStyle;
  retryAfterSeconds?: number;
  rateLimit?: { perSecond: number; burst?: number };
  scripted?: ScriptedFault[];
}

export type FaultAction =
  | { type: "status"; status: number; body?: unknown; headers?: Record<string, string> }
  | { type: "reset" }
  | { type: "hang" }
  | { type: "commit-then-hang" }
  | { type: "commit-then-reset" }
  /** Processes the request, then answers only after `ms`: a write that has landed and is still in flight. */
  | { type: "commit-then-delay"; ms: number }
  | { type: "after"; request: { client: string; method: string; path: string; sandbox?: string; body?: unknown } };

export interface ScriptedFault {
  method?: string;
  route?: string;
  writes?: boolean;
  client?: string;
  nth?: number;
  from?: boolean;
  action: FaultAction;
}

/** What the pipeline should do with a request, decided before it is processed. */
export type FaultDecision =
  | { kind: "none" }
  | { kind: "respond"; response: EmuResponse; label: string }
  | { kind: "reset"; label: string }
  | { kind: "hang"; label: string }
  | { kind: "commit-then-hang" }
  | { kind: "commit-then-reset" }
  | { kind: "commit-then-delay"; ms: number }
  | { kind: "after"; request: Extract<FaultAction, { type: "after" }>["request"] };

export interface FaultTarget {
  method: string;
  route: string;
  client: string | undefined;
  flowWrite: boolean;
}

const RATE_KEYS = ["429", "500", "502", "503", "504", "reset"] as const;
const ACTIONS = ["status", "reset", "hang", "commit-then-hang", "commit-then-reset", "commit-then-delay", "after"];

/** Checks a FaultConfig from JSON; throws an Error naming the bad key. */
export function parseFaultConfig(input: unknown): FaultConfig {
  if (!isPlainObject(input)) throw new Error("faults must be an object");
  const config = input as FaultConfig;
  for (const key of ["seed", "latencyMs", "jitterMs", "retryAfterSeconds"] as const) {
    if (config[key] !== undefined && (typeof config[key] !== "number" || config[key] < 0))
      throw new Error(`faults.${key} must be a non-negative number`);
  }
  for (const [key, rate] of Object.entries(config.rates ?? {})) {
    if (!(RATE_KEYS as readonly string[]).includes(key) || typeof rate !== "number" || rate < 0 || rate > 1)
      throw new Error(`faults.rates.${key} must be a probability 0..1 of 429/500/502/503/504/reset`);
  }
  if (config.retryAfter !== undefined && !["seconds", "http-date", "none", "empty-body"].includes(config.retryAfter))
    throw new Error("faults.retryAfter must be seconds, http-date, none or empty-body");
  if (
    config.rateLimit !== undefined &&
    !(
      isPlainObject(config.rateLimit) &&
      typeof config.rateLimit.perSecond === "number" &&
      config.rateLimit.perSecond > 0
    )
  ) {
    throw new Error("faults.rateLimit.perSecond must be a positive number");
  }
  (config.scripted ?? []).forEach((fault, i) => {
    if (!isPlainObject(fault) || !isPlainObject(fault.action) || !ACTIONS.includes(String(fault.action.type)))
      throw new Error(`faults.scripted[${i}].action.type must be one of ${ACTIONS.join(", ")}`);
    if (fault.action.type === "commit-then-delay" && !(typeof fault.action.ms === "number" && fault.action.ms >= 0))
      throw new Error(`faults.scripted[${i}].action.ms must be a non-negative number`);
    if (fault.nth !== undefined && !(Number.isInteger(fault.nth) && fault.nth >= 1))
      throw new Error(`faults.scripted[${i}].nth must be an integer ≥ 1`);
  });
  return config;
}

export class FaultEngine {
  private config: FaultConfig = {};
  private counts: number[] = [];
  private faultRandom = mulberry32(1);
  private jitterRandom = mulberry32(1);

  /** `now` is the emulator's clock, so an http-date Retry-After agrees with its Date header. */
  constructor(
    config: FaultConfig = {},
    private readonly now: () => number = Date.now,
  ) {
    this.set(config);
  }

  get current(): FaultConfig {
    return this.config;
  }

  set(config: FaultConfig): void {
    this.config = parseFaultConfig(config);
    this.counts = (this.config.scripted ?? []).map(() => 0);
    const seed = this.config.seed ?? 1;
    this.faultRandom = mulberry32(seed);
    this.jitterRandom = mulberry32(seed ^ 0x9e3779b9);
  }

  /** Added latency for this response in ms (uniform ±jitter around latencyMs, never negative). */
  delayMs(): number {
    const { latencyMs = 0, jitterMs = 0 } = this.config;
    if (latencyMs === 0 && jitterMs === 0) return 0;
    return Math.max(0, latencyMs + (this.jitterRandom() * 2 - 1) * jitterMs);
  }

  /** Scripted faults first (each counts its own matches), then random rates. */
  decide(target: FaultTarget): FaultDecision {
    let fired: ScriptedFault | undefined;
    (this.config.scripted ?? []).forEach((fault, i) => {
      if (!matches(fault, target)) return;
      this.counts[i] = (this.counts[i] ?? 0) + 1;
      const nth = fault.nth ?? 1;
      const fires = fault.from ? this.counts[i]! >= nth : this.counts[i] === nth;
      if (fires && !fired) fired = fault;
    });
    if (fired) return this.scripted(fired.action);
    return this.random();
  }

  /** A 429 in the configured Retry-After style. */
  throttled(
    seconds = this.config.retryAfterSeconds ?? 1,
    style: RetryAfterStyle = this.config.retryAfter ?? "seconds",
  ): EmuResponse {
    const body = { error_code: "429050", message: "Too many requests" };
    if (style === "none") return { status: 429, body };
    if (style === "http-date")
      return { status: 429, body, headers: { "retry-after": new Date(this.now() + seconds * 1000).toUTCString() } };
    return {
      status: 429,
      body: style === "empty-body" ? undefined : body,
      headers: { "retry-after": String(seconds) },
    };
  }

  private scripted(action: FaultAction): FaultDecision {
    switch (action.type) {
      case "status": {
        const response: EmuResponse = { status: action.status, body: action.body ?? defaultBody(action.status)?.body };
        if (action.headers) response.headers = action.headers;
        return { kind: "respond", response, label: `scripted-${action.status}` };
      }
      case "reset":
        return { kind: "reset", label: "scripted-reset" };
      case "hang":
        return { kind: "hang", label: "scripted-hang" };
      case "commit-then-hang":
        return { kind: "commit-then-hang" };
      case "commit-then-reset":
        return { kind: "commit-then-reset" };
      case "commit-then-delay":
        return { kind: "commit-then-delay", ms: action.ms };
      case "after":
        return { kind: "after", request: action.request };
    }
  }

  private random(): FaultDecision {
    const rates = this.config.rates;
    if (!rates) return { kind: "none" };
    const draw = this.faultRandom();
    let threshold = 0;
    for (const key of RATE_KEYS) {
      threshold += rates[key] ?? 0;
      if (draw >= threshold) continue;
      if (key === "reset") return { kind: "reset", label: "random-reset" };
      if (key === "429") return { kind: "respond", response: this.throttled(), label: "random-429" };
      const status = Number(key);
      return { kind: "respond", response: { status, body: defaultBody(status)?.body }, label: `random-${key}` };
    }
    return { kind: "none" };
  }
}

function matches(fault: ScriptedFault, target: FaultTarget): boolean {
  if (fault.method && fault.method.toUpperCase() !== target.method) return false;
  if (fault.route && fault.route !== target.route) return false;
  if (fault.writes && !target.flowWrite) return false;
  if (fault.client && fault.client !== target.client) return false;
  return true;
}

/** Adobe-like bodies for injected failures that come without one. */
function defaultBody(status: number): ApiError | undefined {
  if (status === 429) return gatewayError(429, "429050", "Too many requests");
  if (status === 500)
    return flowError(1102, 500, "Internal server error", "An internal error occurred. Please try again later.");
  if (status === 502) return gatewayError(502, "502000", "Bad Gateway");
  if (status === 503)
    return flowError(
      1103,
      503,
      "Service unavailable",
      "The service is temporarily unavailable. Please try again later.",
    );
  if (status === 504) return flowError(1104, 504, "Gateway timeout", "The upstream service did not answer in time.");
  return undefined;
}
