// The node:http server around the Emulator: reads requests, writes answers with an x-request-id and a Date
// (from the emulator's clock, skew included) on every response, and on close destroys open sockets (hung
// requests included) and flushes the state file.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Emulator } from "./emulator.js";
import { ApiError, withRequestId } from "./errors.js";
import { RawJson, readRequest, type EmuResponse } from "./http.js";

export interface RunningServer {
  url: string;
  close(): Promise<void>;
  /** The state file written now, synchronously: the process is about to end at once. */
  saveNow(): void;
}

export async function serve(emulator: Emulator, port: number, host: string): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  const server = createServer((message, res) => void answer(emulator, message, res));
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${actualPort}`,
    close: () => {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        await closed;
        await emulator.flush();
      })();
      return closing;
    },
    saveNow: () => emulator.saveNow(),
  };
}

async function answer(emulator: Emulator, message: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = sentRequestId(message) ?? randomUUID();
  try {
    const req = { ...(await readRequest(message)), requestId };
    const outcome = await emulator.handle(req);
    if (outcome.kind === "reset") message.socket.destroy();
    else if (outcome.kind === "respond") write(res, outcome.response, requestId, emulator.clock.httpDate());
    // "hang": never answer; close() destroys the socket.
  } catch (error) {
    const status = error instanceof ApiError ? error.status : 500;
    const body = error instanceof ApiError ? error.body : { error_code: "500000", message: String(error) };
    if (!res.headersSent && !res.destroyed) write(res, { status, body }, requestId, emulator.clock.httpDate());
  }
}

/**
 * The client's own x-request-id, echoed and recorded: audit-query.yaml, "A tracing ID associated with the
 * request. If one is not provided on the request, the server generates one automatically." Only a printable
 * token of sensible length is taken, so it can go back out in a header.
 */
function sentRequestId(message: IncomingMessage): string | undefined {
  const raw = message.headers["x-request-id"];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value && /^[\x21-\x7e]{1,256}$/.test(value) ? value : undefined;
}

function write(res: ServerResponse, response: EmuResponse, requestId: string, date: string): void {
  if (res.destroyed) return;
  // Node would add its own Date from the machine's clock; one set here replaces it.
  const headers: Record<string, string> = { date, "x-request-id": requestId, ...(response.headers ?? {}) };
  let payload = "";
  if (response.body !== undefined) {
    if (response.body instanceof RawJson) {
      payload = response.body.json;
      headers["content-type"] ??= "application/json";
    } else if (typeof response.body === "string") {
      payload = response.body;
      headers["content-type"] ??= "text/plain; charset=utf-8";
    } else {
      payload = JSON.stringify(withRequestId(response.body, requestId));
      headers["content-type"] ??= "application/json";
    }
  }
  headers["content-length"] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}
