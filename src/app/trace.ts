// `--trace FILE`: every request to Adobe and its answer, as a HAR 1.2 file (it opens in browser dev
// tools and HAR viewers), for a bug report. Nothing secret is kept: the bearer token, the IMS client
// secret, every credential param of a connection, and every value the output masks are REDACTED before
// anything is written, and the file is written whole at the end (a temporary file renamed into place).
import { renameSync, writeFileSync } from "node:fs";
import type { Exchange, ExchangeObserver } from "../aep/exchange.js";
import { VERSION } from "../version.js";

export const REDACTED = "REDACTED";

export interface Trace {
  observer: ExchangeObserver;
  /** Writes the file; entries so far, also after a failed command. */
  write(): void;
  readonly file: string;
}

/** `mask` stars out every value the command's output masks; the trace writes those as REDACTED. */
export function createTrace(file: string, mask: (text: string) => string): Trace {
  // Kept raw and converted when written, so a secret learnt after an exchange is still redacted in it.
  const exchanges: Exchange[] = [];
  return {
    file,
    observer: (exchange) => void exchanges.push(exchange),
    write() {
      const entries = exchanges.map((exchange) => harEntry(exchange, mask));
      const har = { log: { version: "1.2", creator: { name: "aep-gitops", version: VERSION }, entries } };
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(har, null, 2)}\n`);
      renameSync(temporary, file);
    },
  };
}

function harEntry(exchange: Exchange, mask: (text: string) => string) {
  const url = new URL(exchange.url);
  const clean = (text: string) => mask(text).replaceAll("****", REDACTED);
  const requestHeaders = Object.entries(exchange.requestHeaders).map(([name, value]) => ({
    name,
    value: name.toLowerCase() === "authorization" ? `Bearer ${REDACTED}` : clean(value),
  }));
  const requestText = exchange.requestBody === undefined ? undefined : clean(redactBody(exchange.requestBody));
  const responseText = clean(redactBody(exchange.responseBody));
  const mime = (headers: { name: string; value: string }[]) =>
    headers.find((h) => h.name.toLowerCase() === "content-type")?.value ?? "";
  const responseHeaders = exchange.responseHeaders.map(([name, value]) => ({ name, value: clean(value) }));
  return {
    startedDateTime: new Date(exchange.startedAt).toISOString(),
    time: exchange.timeMs,
    request: {
      method: exchange.method,
      url: clean(url.toString()),
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: requestHeaders,
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value: clean(value) })),
      ...(requestText === undefined ? {} : { postData: { mimeType: mime(requestHeaders), text: requestText } }),
      headersSize: -1,
      bodySize: requestText?.length ?? 0,
    },
    response: {
      status: exchange.status,
      statusText: exchange.statusText,
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: responseHeaders,
      content: { size: responseText.length, mimeType: mime(responseHeaders), text: responseText },
      redirectURL: "",
      headersSize: -1,
      bodySize: responseText.length,
    },
    cache: {},
    timings: { send: 0, wait: exchange.timeMs, receive: 0 },
  };
}

/**
 * What is secret by its place, whatever its value: a connection's credential params (`auth.params`, a
 * JSON Patch of `/auth/params`), an IMS token (`access_token`) and the IMS form's `client_secret`.
 */
function redactBody(text: string): string {
  if (text.includes("client_secret=")) {
    const form = new URLSearchParams(text);
    if (form.has("client_secret")) form.set("client_secret", REDACTED);
    return form.toString();
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  return JSON.stringify(redactValue(value));
}

function redactValue(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) {
    // A JSON Patch op that writes credentials: its value is the credentials.
    return value.map((item) =>
      item && typeof item === "object" && String((item as { path?: unknown }).path ?? "").startsWith("/auth")
        ? { ...(item as object), value: REDACTED }
        : redactValue(item),
    );
  }
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === "access_token") out[k] = REDACTED;
      else if (key === "auth" && k === "params" && v && typeof v === "object")
        out[k] = Object.fromEntries(Object.keys(v).map((p) => [p, REDACTED]));
      else out[k] = redactValue(v, k);
    }
    return out;
  }
  return value;
}
