// IMS server-to-server (client credentials) tokens: fetched once, shared by every request, refreshed
// before they expire (and at once when the gateway says a token is no longer valid). Concurrent
// callers wait on one fetch instead of each asking IMS.
import pRetry, { AbortError } from "p-retry";
import { AppError } from "../errors.js";
import { describeErrorBody } from "./errors.js";
import { exchange, type ExchangeObserver } from "./exchange.js";
import { retryAfterMs } from "./exchange.js";
import type { AepSettings } from "./settings.js";

export interface TokenSource {
  token(): Promise<string>;
  /** Forget the cached token (the gateway rejected it). */
  invalidate(rejected: string): void;
}

export class ImsTokenSource implements TokenSource {
  private current: { token: string; refreshAt: number } | undefined;
  private pending: Promise<string> | undefined;
  fetched = 0;

  constructor(
    private readonly settings: AepSettings,
    private readonly now: () => number = Date.now,
    /** Sees every exchange with IMS (--trace). */
    private readonly observer?: ExchangeObserver,
  ) {}

  async token(): Promise<string> {
    if (this.current && this.now() < this.current.refreshAt) return this.current.token;
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  invalidate(rejected: string): void {
    if (this.current?.token === rejected) this.current = undefined;
  }

  /** IMS throttles and fails like any service: transient answers are retried, a refusal is final. */
  private fetchToken(): Promise<string> {
    return pRetry(() => this.fetchOnce(), {
      retries: 5,
      minTimeout: 200,
      maxTimeout: 5_000,
      randomize: true,
      onFailedAttempt: async ({ error }) => {
        if (error instanceof TransientImsError && error.retryAfterMs)
          await new Promise((r) => setTimeout(r, error.retryAfterMs));
      },
      shouldRetry: ({ error }) => error instanceof TransientImsError,
    }).catch((error: unknown) => {
      if (error instanceof TransientImsError)
        throw new AppError("adobe", `Adobe IMS did not issue a token: ${error.message}`, { cause: error });
      throw error;
    });
  }

  private async fetchOnce(): Promise<string> {
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: this.settings.clientId,
      client_secret: this.settings.clientSecret,
      scope: this.settings.scopes,
    });
    let response: Awaited<ReturnType<typeof exchange>>;
    try {
      response = await exchange(this.observer, `${this.settings.imsUrl}/ims/token/v3`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: form.toString(),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new TransientImsError(`could not reach ${this.settings.imsUrl}: ${(error as Error).message}`, undefined);
    }
    const body = parseJson(response.text);
    if (response.status === 429 || response.status >= 500) {
      throw new TransientImsError(
        `${response.status} from ${this.settings.imsUrl}`,
        retryAfterMs(response.headers.get("retry-after")),
      );
    }
    if (response.status < 200 || response.status >= 300 || typeof body?.access_token !== "string") {
      const { code, message } = describeErrorBody(body);
      // Bad credentials are final: failing fast here avoids a storm of retries against IMS.
      throw new AbortError(
        new AppError(
          "adobe",
          `Adobe IMS refused the client credentials (${response.status}${code ? ` ${code}` : ""}${message ? `: ${message}` : ""}).`,
          {
            hint: "Check AEP_CLIENT_ID, AEP_CLIENT_SECRET and AEP_SCOPES against your Adobe Developer Console project.",
          },
        ),
      );
    }
    this.fetched++;
    // expires_in is in seconds (the JWT-era millisecond value is gone); refresh with a margin of a
    // tenth of the lifetime, at most five minutes, so a long apply never meets an expired token.
    const lifetimeMs = Number(body.expires_in ?? 86_399) * 1000;
    const margin = Math.min(lifetimeMs / 10, 300_000);
    this.current = { token: body.access_token, refreshAt: this.now() + lifetimeMs - margin };
    return body.access_token;
  }
}

class TransientImsError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
  }
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
