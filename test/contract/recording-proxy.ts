// A recording HTTP proxy between the CLI and the emulator: every request is forwarded unchanged, and what
// the client sent is kept for the request contract checks. Nothing secret is kept: the Authorization
// header is recorded as present or absent only, and credentials in bodies (anything under `auth`, or a
// JSON Patch op on `/auth…`) are replaced by their length.
import { createServer, request as forward, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  seq: number;
  method: string;
  /** The path without the query string. */
  path: string;
  /** Every query parameter with all its values, in order (`property` may repeat). */
  query: Record<string, string[]>;
  /** Lower-cased names; `authorization` is never stored, see `authorization`. */
  headers: Record<string, string>;
  authorization: boolean;
  /** Parsed JSON when the content type is JSON, otherwise the length of the raw text; absent without a body. */
  body?: unknown;
  bodyLength?: number;
  status: number;
}

export interface RecordingProxy {
  url: string;
  readonly requests: readonly RecordedRequest[];
  close(): Promise<void>;
}

/** Starts the proxy on 127.0.0.1:0, forwarding to `target` (the lab's emulator URL). */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const requests: RecordedRequest[] = [];
  let seq = 0;
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const raw = Buffer.concat(chunks);
      const url = new URL(incoming.url ?? "/", "http://proxy");
      const entry = describeRequest(++seq, incoming.method ?? "GET", url, incoming.headers, raw);
      const upstreamRequest = forward(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: incoming.method,
          path: incoming.url,
          headers: incoming.headers,
        },
        (answer) => {
          entry.status = answer.statusCode ?? 0;
          requests.push(entry);
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      upstreamRequest.on("error", (error) => {
        entry.status = 502;
        requests.push(entry);
        outgoing.writeHead(502, { "content-type": "text/plain" }).end(`proxy: ${error.message}`);
      });
      upstreamRequest.end(raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function describeRequest(
  seq: number,
  method: string,
  url: URL,
  incoming: IncomingHttpHeaders,
  raw: Buffer,
): RecordedRequest {
  const query: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) (query[key] ??= []).push(value);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || name.toLowerCase() === "authorization") continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  const entry: RecordedRequest = {
    seq,
    method,
    path: url.pathname,
    query,
    headers,
    authorization: incoming.authorization !== undefined,
    status: 0,
  };
  if (raw.length === 0) return entry;
  const text = raw.toString("utf8");
  if (/^application\/(.+\+)?json\b/i.test(headers["content-type"] ?? "")) {
    try {
      entry.body = redact(JSON.parse(text), false);
      return entry;
    } catch {
      // Not JSON after all: the validator sees the length only, and reports the body as unparsable.
    }
  }
  entry.bodyLength = text.length;
  return entry;
}

/** Replaces every string under a credential (`auth`, a JSON Patch op on /auth…) by a stand-in of the same type. */
function redact(node: unknown, secret: boolean): unknown {
  if (typeof node === "string") return secret ? `<redacted ${node.length} chars>` : node;
  if (Array.isArray(node)) return node.map((item) => redact(item, secret));
  if (typeof node !== "object" || node === null) return node;
  const record = node as Record<string, unknown>;
  const patchOnAuth = typeof record.op === "string" && typeof record.path === "string" && /^\/auth\b/.test(record.path);
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [
      key,
      // The auth spec's name says which kind of credential it is, not what it is: it is kept.
      redact(value, secret ? key !== "specName" : key === "auth" || (patchOnAuth && key === "value")),
    ]),
  );
}
