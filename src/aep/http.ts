// The one place that talks HTTP to Adobe. Retries live here and only here, and only for what is
// transient (429 honouring Retry-After, 5xx, network errors). A create is never retried blindly: when
// its outcome is unknown the caller gets an AmbiguousWriteError and looks the object up first.
import pRetry, { AbortError } from "p-retry";
import { AmbiguousWriteError, AepApiError, NetworkError, describeErrorBody } from "./errors.js";
import { exchange, type ExchangeObserver } from "./exchange.js";
import type { TokenSource } from "./ims.js";
import { retryAfterMs } from "./exchange.js";
import { AdaptiveLimiter } from "./limiter.js";
import { ServerClock } from "./server-clock.js";
import { RequestPacer } from "./pacer.js";
import { requestIds } from "./request-id.js";
import type { AepSettings } from "./settings.js";

export interface RequestOptions {
  query?: Record<string, string | string[]>;
  body?: unknown;
  ifMatch?: string;
  /** A create: never re-sent after an ambiguous failure (a 429 is not ambiguous: nothing happened). */
  create?: boolean;
  /** Skips the concurrency queue and the pacing (still waits out a Retry-After): the lease renewal. */
  urgent?: boolean;
  /** Ends the request and its retries (the lock aborts its renewals when it is released). */
  signal?: AbortSignal;
  /** The media type to ask for (default application/json): the Schema Registry's formats are media types. */
  accept?: string;
}

export interface HttpStats {
  calls: number;
  retries: number;
  throttled: number;
}

import type { CallStart } from "../domain/apply/results.js";

/** Sees each request as it is sent and as its answer arrives (or does not); must not throw. */
export interface CallObserver {
  started(call: CallStart): void;
  /** `status` is absent when no answer came (a network error or a timeout). */
  finished(call: CallStart, outcome: { status?: number; ms: number }): void;
}

export interface RetryPolicy {
  retries: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
  /** The longest Retry-After we wait for; a longer one fails the call rather than hang a CI job. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  retries: 6,
  minTimeoutMs: 200,
  maxTimeoutMs: 8_000,
  maxRetryAfterMs: 60_000,
};

export class AepHttp {
  readonly stats: HttpStats = { calls: 0, retries: 0, throttled: 0 };
  private readonly limiter: AdaptiveLimiter;
  /** After a 429 with Retry-After, no request at all goes out before this time (RFC 6585 §4). */
  private pausedUntil = 0;
  /** Adobe's clock, from the Date headers of its answers. */
  private readonly clock = new ServerClock();
  /** Signed x-request-ids (request-id.ts): how the audit log's events of this client are recognised. */
  readonly requestIds: ReturnType<typeof requestIds>;
  private calls?: CallObserver;

  constructor(
    private readonly settings: AepSettings,
    private readonly tokens: TokenSource,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    concurrency = 4,
    /** Paces requests under the rate limit once a 429 has shown where it is (src/aep/pacer.ts). */
    readonly pacer = new RequestPacer(),
    /** Sees every exchange (--trace). */
    private readonly observer?: ExchangeObserver,
  ) {
    this.limiter = new AdaptiveLimiter(concurrency);
    this.requestIds = requestIds(settings.clientSecret);
  }

  /** Sends one request to the sandbox; resolves with the parsed JSON body (undefined when empty). */
  async request(sandbox: string, method: string, path: string, options: RequestOptions = {}): Promise<unknown> {
    let authRetried = false;
    return pRetry(
      async () => {
        // An urgent request (the lock's lease renewal) must not queue behind the very work it protects.
        const response = await (options.urgent
          ? this.send(sandbox, method, path, options)
          : this.limiter.run(() => this.send(sandbox, method, path, options)));
        if (response.status === 401 && !authRetried) {
          // The token expired or was revoked mid-command: get a fresh one and try once more.
          authRetried = true;
          this.tokens.invalidate(response.token);
          throw new RetryNow();
        }
        if (response.status === 429) {
          this.stats.throttled++;
          this.limiter.throttled();
          const wait = retryAfterMs(response.headers.get("retry-after"));
          if (wait !== undefined && wait <= this.retry.maxRetryAfterMs)
            this.pausedUntil = Math.max(this.pausedUntil, Date.now() + wait);
        } else if (response.status < 500) {
          this.limiter.succeeded();
        }
        if (response.status >= 200 && response.status < 300) return response.body;
        const error = toApiError(response, method, path);
        if (!error.transient) throw new AbortError(error);
        if (options.create && error.status !== 429) throw new AbortError(new AmbiguousWriteError(method, path, error));
        throw new Retryable(error, retryAfterMs(response.headers.get("retry-after")));
      },
      {
        ...(options.signal ? { signal: options.signal } : {}),
        retries: this.retry.retries,
        minTimeout: this.retry.minTimeoutMs,
        maxTimeout: this.retry.maxTimeoutMs,
        randomize: true,
        shouldRetry: ({ error }) =>
          error instanceof Retryable || error instanceof RetryNow || error instanceof NetworkError,
        onFailedAttempt: async ({ error }) => {
          if (error instanceof RetryNow) return;
          if (error instanceof NetworkError && options.create) throw new AmbiguousWriteError(method, path, error);
          this.stats.retries++;
          // Adobe said when: send() waits until then (p-retry's own backoff adds a little more).
          if (
            error instanceof Retryable &&
            error.retryAfterMs !== undefined &&
            error.retryAfterMs > this.retry.maxRetryAfterMs
          )
            throw error.cause;
        },
      },
    ).catch((error: unknown) => {
      throw error instanceof Retryable ? error.cause : error;
    });
  }

  /** Every request from now on is shown to `observer` (apply --format jsonl); undefined stops that. */
  observeCalls(observer: CallObserver | undefined): void {
    this.calls = observer;
  }

  /** Adobe's time now: our clock corrected by what its answers' Date headers showed. */
  serverNow(): number {
    return this.clock.now();
  }

  private async send(sandbox: string, method: string, path: string, options: RequestOptions) {
    const sentAt = options.urgent ? Date.now() : await this.pacer.acquire();
    // Adobe's Retry-After speaks for the whole client, not just the call that was throttled:
    // every request waits it out, which is what keeps a 429 from turning into a storm.
    for (let wait = this.pausedUntil - Date.now(); wait > 0; wait = this.pausedUntil - Date.now()) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    const token = await this.tokens.token();
    const url = new URL(`${this.settings.platformUrl}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, item);
    }
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      "x-api-key": this.settings.clientId,
      "x-gw-ims-org-id": this.settings.orgId,
      "x-sandbox-name": sandbox,
      "x-request-id": this.requestIds.next(),
      accept: options.accept ?? "application/json",
    };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (options.ifMatch !== undefined) headers["if-match"] = options.ifMatch;
    this.stats.calls++;
    let response: Awaited<ReturnType<typeof exchange>>;
    const exchangedAt = Date.now();
    const call = { id: this.stats.calls, sandbox, method, path: path.split("?")[0]! };
    const observed = this.calls;
    observed?.started(call);
    try {
      response = await exchange(this.observer, url.toString(), {
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        signal: options.signal
          ? AbortSignal.any([options.signal, AbortSignal.timeout(60_000)])
          : AbortSignal.timeout(60_000),
      });
    } catch (error) {
      observed?.finished(call, { ms: Date.now() - exchangedAt });
      throw new NetworkError(`${method} ${path}: ${(error as Error).message}`, error);
    }
    observed?.finished(call, { status: response.status, ms: Date.now() - exchangedAt });
    const text = response.text;
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined; // gateways answer 429/5xx with empty or HTML bodies
    }
    this.pacer.answered(response.status, sentAt);
    this.clock.observe(response.headers.get("date"), exchangedAt, Date.now());
    return { status: response.status, headers: response.headers, body, token };
  }
}

class Retryable extends Error {
  constructor(
    override readonly cause: AepApiError,
    readonly retryAfterMs: number | undefined,
  ) {
    super(cause.message);
  }
}

class RetryNow extends Error {}

function toApiError(
  response: { status: number; headers: Headers; body: unknown },
  method: string,
  path: string,
): AepApiError {
  const { code, message } = describeErrorBody(response.body);
  const requestId = response.headers.get("x-request-id") ?? undefined;
  const text = `${method} ${path} → ${response.status}${code ? ` ${code}` : ""}${message ? `: ${message}` : ""}${requestId ? ` (request id ${requestId})` : ""}`;
  return new AepApiError(text, response.status, code, requestId, method, path);
}
