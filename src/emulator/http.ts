// The request/response values the emulator works with. Handlers return a response value instead of
// writing to the socket, so faults can process a request and then hang, reset or run another request.
import type { IncomingMessage } from "node:http";
import { ApiError, flowError } from "./errors.js";

export interface EmuRequest {
  method: string;
  /** Path without the query string. */
  pathname: string;
  /** Path with the query string, as logged. */
  url: string;
  query: URLSearchParams;
  /** Lower-cased header names, first value only. */
  headers: Record<string, string | undefined>;
  body: Buffer;
  /** Set for requests the emulator performs itself (scripted "after" faults). */
  internal?: { clientId: string };
  /** The x-request-id the answer carries (the client's own when it sent one); audit events repeat it. */
  requestId?: string;
}

export interface EmuResponse {
  status: number;
  headers?: Record<string, string>;
  /** A JSON body; `undefined` means an empty body. A string is sent as is. */
  body?: unknown;
}

/** A body already serialized to JSON (lists reuse each stored object's cached serialization). */
export class RawJson {
  constructor(readonly json: string) {}
}

const serialized = new WeakMap<object, string>();

/** JSON of a stored object; objects are replaced, never mutated, so the text can be cached by identity. */
export function jsonOf(value: object): string {
  let text = serialized.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    serialized.set(value, text);
  }
  return text;
}

export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export function jsonResponse(status: number, body?: unknown, headers?: Record<string, string>): EmuResponse {
  return headers ? { status, body, headers } : { status, body };
}

export async function readRequest(message: IncomingMessage): Promise<EmuRequest> {
  const body = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    message.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        message.removeAllListeners("data");
        message.resume();
        reject(new ApiError(413, { error_code: "413000", message: "Request entity too large" }));
      } else chunks.push(chunk);
    });
    message.on("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    message.on("error", reject);
  });
  const url = new URL(message.url ?? "/", "http://emulator.local");
  const headers: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(message.headers)) headers[key] = Array.isArray(value) ? value[0] : value;
  return {
    method: (message.method ?? "GET").toUpperCase(),
    pathname: url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname,
    url: `${url.pathname}${url.search}`,
    query: url.searchParams,
    headers,
    body,
  };
}

/** Parses a JSON body; an empty or unparsable body is Flow Service's 1405-400 / a 400. */
export function parseJsonBody(req: EmuRequest): unknown {
  const text = req.body.toString("utf8").trim();
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw flowError(1405, 400, "Bad request", `The request body is not valid JSON: ${(error as Error).message}`);
  }
}
