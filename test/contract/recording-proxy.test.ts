// The recording proxy: forwards requests unchanged to a real loopback server, and records what the
// request contract needs without keeping the Authorization value or any credential.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRecordingProxy, type RecordingProxy } from "./recording-proxy.js";

interface Received {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let upstream: Server;
let proxy: RecordingProxy;
const received: Received[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id: "made" }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  proxy = await startRecordingProxy(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
});
afterAll(async () => {
  await proxy.close();
  await new Promise((resolve) => upstream.close(resolve));
});

const send = (path: string, body: string, contentType: string) =>
  fetch(`${proxy.url}${path}`, {
    method: "POST",
    headers: { authorization: "Bearer token-Xy12", "content-type": contentType, "x-api-key": "client" },
    body,
  });

describe("the recording proxy", () => {
  it("forwards method, path, query, headers and body unchanged, and passes the answer back", async () => {
    const body = JSON.stringify({ name: "n", auth: { specName: "Kinesis", params: { secretKey: "s3cr3t-Q7" } } });
    const answer = await send("/data/x/connections?property=a%3D%3D1&property=b&limit=5", body, "application/json");
    expect([answer.status, await answer.json()]).toEqual([201, { id: "made" }]);
    const last = received.at(-1)!;
    expect([last.method, last.url, last.body]).toEqual([
      "POST",
      "/data/x/connections?property=a%3D%3D1&property=b&limit=5",
      body,
    ]);
    expect(last.headers.authorization).toBe("Bearer token-Xy12");
  });

  it("records every query value, lower-cased headers, the status, and whether Authorization was sent", () => {
    const entry = proxy.requests.at(-1)!;
    expect(entry.query).toEqual({ property: ["a==1", "b"], limit: ["5"] });
    expect([entry.method, entry.path, entry.status, entry.authorization]).toEqual([
      "POST",
      "/data/x/connections",
      201,
      true,
    ]);
    expect(entry.headers["x-api-key"]).toBe("client");
    expect(entry.headers).not.toHaveProperty("authorization");
  });

  it("keeps no credential: auth params and JSON Patch values on /auth are replaced, the auth spec's name kept", async () => {
    const patch = [{ op: "replace", path: "/auth/params", value: { sasKey: "sas-Pp31" } }];
    await send("/data/x/connections/1", JSON.stringify(patch), "application/json");
    const [created, patched] = proxy.requests.slice(-2);
    expect(created!.body).toEqual({
      name: "n",
      auth: { specName: "Kinesis", params: { secretKey: "<redacted 9 chars>" } },
    });
    expect(patched!.body).toEqual([{ op: "replace", path: "/auth/params", value: { sasKey: "<redacted 8 chars>" } }]);
    const recording = JSON.stringify(proxy.requests);
    for (const secret of ["s3cr3t-Q7", "sas-Pp31", "token-Xy12"]) expect(recording).not.toContain(secret);
  });

  it("records a body that is not JSON by its length only", async () => {
    await send("/data/x/text", "not json at all", "text/plain");
    const entry = proxy.requests.at(-1)!;
    expect([entry.body, entry.bodyLength]).toEqual([undefined, 15]);
    expect(received.at(-1)!.body).toBe("not json at all");
  });
});
