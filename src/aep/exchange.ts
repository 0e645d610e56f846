// One HTTP exchange with Adobe, and the hook that sees it: the HTTP client and IMS send every request
// through here, so `--trace` records all of them (and nothing else needs to know tracing exists).

export interface Exchange {
  startedAt: number;
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status: number;
  statusText: string;
  responseHeaders: [string, string][];
  responseBody: string;
  timeMs: number;
}

/** Sees each exchange after its answer was read; must not throw (a trace never breaks a command). */
export type ExchangeObserver = (exchange: Exchange) => void;

export async function exchange(
  observer: ExchangeObserver | undefined,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
): Promise<{ status: number; statusText: string; headers: Headers; text: string }> {
  const startedAt = Date.now();
  const response = await fetch(url, init);
  const text = await response.text();
  try {
    observer?.({
      startedAt,
      method: init.method,
      url,
      requestHeaders: init.headers,
      requestBody: init.body,
      status: response.status,
      statusText: response.statusText,
      responseHeaders: [...response.headers.entries()],
      responseBody: text,
      timeMs: Date.now() - startedAt,
    });
  } catch {
    // A trace that cannot record one exchange must not change what the command does.
  }
  return { status: response.status, statusText: response.statusText, headers: response.headers, text };
}

// Retry-After, as Adobe's gateway and IMS send it on a 429 or 503: how long the whole client waits.
/** Retry-After is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
