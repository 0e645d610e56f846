// A trace is good enough to show Adobe (or us) what happened: replayed against a fresh emulator, request
// by request (ids and etags of the new run mapped onto the recorded ones, REDACTED values filled in),
// every answer has the status and the JSON shape the recorded one had.
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { readHar } from "../support/har.js";
import { kinesisAccount, kinesisDestination, ORG, SECRETS, startLab, type Lab } from "../support/lab.js";

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
  lab.write("destinations/promo.yaml", kinesisDestination("promo"));
});
afterEach(() => lab.close());

/** The JSON's structure without its values: keys, value types, and the shape of the first array item. */
function shape(text: string): unknown {
  const of = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.length
        ? [of(v[0])]
        : []
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, of((v as Record<string, unknown>)[k])]),
          )
        : typeof v;
  try {
    return of(JSON.parse(text));
  } catch {
    return text === "" ? "" : "text";
  }
}

describe("a recorded trace", () => {
  it("replays against a fresh emulator with the same statuses and answer shapes", async () => {
    expect((await lab.cli(["apply", "--yes", "--trace", "run.har"])).code).toBe(0);
    const entries = readHar(path.join(lab.dir, "run.har")).log.entries;
    const fresh = await startEmulator({ port: 0 });
    try {
      const mapped = new Map<string, string>(); // recorded id or etag → the fresh run's
      const fill = (text: string) => {
        let out = text;
        for (const [from, to] of mapped) out = out.split(from).join(to);
        return out
          .replace("client_secret=REDACTED", "client_secret=demo-secret")
          .replaceAll('"secretKey":"REDACTED"', `"secretKey":"${SECRETS.KINESIS_SECRET_KEY}"`)
          .replaceAll('"accessKeyId":"REDACTED"', '"accessKeyId":"AKIAIOSFODNN7EXAMPLE"')
          .replaceAll('"region":"REDACTED"', '"region":"us-east-1"');
      };
      let token = "";
      for (const entry of entries) {
        const recorded = new URL(entry.request.url);
        const headers = Object.fromEntries(entry.request.headers.map((h) => [h.name, fill(h.value)]));
        if (headers.authorization) headers.authorization = `Bearer ${token}`;
        if (headers["x-gw-ims-org-id"]) headers["x-gw-ims-org-id"] = ORG;
        const response = await fetch(`${fresh.url}${fill(recorded.pathname + recorded.search)}`, {
          method: entry.request.method,
          headers,
          ...(entry.request.postData ? { body: fill(entry.request.postData.text) } : {}),
        });
        const text = await response.text();
        expect([entry.request.method, recorded.pathname, response.status]).toEqual([
          entry.request.method,
          recorded.pathname,
          entry.response.status,
        ]);
        expect(shape(text)).toEqual(shape(entry.response.content.text));
        const answer = text ? (JSON.parse(text) as Record<string, unknown>) : {};
        if (typeof answer.access_token === "string") token = answer.access_token;
        const was = entry.response.content.text
          ? (JSON.parse(entry.response.content.text) as Record<string, unknown>)
          : {};
        for (const key of ["id", "etag"] as const)
          if (typeof was[key] === "string" && typeof answer[key] === "string")
            mapped.set(was[key] as string, answer[key] as string);
      }
    } finally {
      await fresh.close();
    }
  });
});
