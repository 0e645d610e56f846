// Auth: an apply that outlives several IMS tokens refreshes them and finishes; bad credentials fail at
// once with a clear message, without a storm of retries against IMS or Adobe, and are never printed.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../support/lab.js";
import { converged, sandboxOf } from "./support/invariants.js";
import { build, modelFiles, type Model } from "./support/model.js";
import { Recorder } from "./support/recorder.js";
import { rng } from "./support/rng.js";
import { cli, unhandled, writeFolder, type TimedRun } from "./support/runs.js";
import { FULL, SEED } from "./support/scale.js";

const rec = new Recorder("auth");
const WRONG = { secret: "wrong-client-secret-9hQ2", client: "no-such-client-7731" };
rec.addSecret(WRONG.secret);
afterAll(() => rec.save());

let lab: Lab;
afterEach(async () => {
  await rec.scanLog(lab, "auth");
  await lab.close();
});

const account = build.kinesis("acct-kinesis-a");
const many: Model = {
  sandbox: "prod",
  accounts: [account],
  destinations: Array.from({ length: 10 }, (_, i) => build.destination(`dest-${i}`, account)),
};

describe("an apply that outlives its IMS token", () => {
  beforeEach(async () => {
    lab = await startLab({ config: { tokenTtlSeconds: 2 } });
  });

  it("refreshes the token mid-run (before expiry, and once more on a 401) and finishes converged", async () => {
    writeFolder(lab, modelFiles(many, rng(SEED)));
    // Slow enough that the apply spans several 2-second token lifetimes.
    await lab.faults({ latencyMs: 250, jitterMs: 150, seed: SEED });
    const apply = await cli(lab, rec, ["apply", "--yes"]);
    await lab.faults({});
    const log = await lab.requests();
    const tokens = log.filter((e) => e.route === "/ims/token/v3" && e.client === "demo-client");
    const rejected = log.filter((e) => e.status === 401 && !e.path.startsWith("/ims/"));
    const retriedAfter401 = rejected.every((r) =>
      log.some((e) => e.seq > r.seq && e.method === r.method && e.path === r.path && e.status < 300),
    );
    rec.set("tokenTtlSeconds", 2);
    rec.set("applyMs", apply.ms);
    rec.set("tokensIssued", tokens.length);
    rec.set("gatewayRejections401", rejected.length);
    rec.set("flowServiceRequests", log.filter((e) => e.path.startsWith("/data/")).length);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.ms).toBeGreaterThan(4_000);
    expect(tokens.length).toBeGreaterThanOrEqual(Math.floor(apply.ms / 2_000));
    expect(retriedAfter401).toBe(true);
    expect(converged(sandboxOf(await lab.state(), "prod"), many, { prune: true })).toEqual([]);
    rec.check("expired tokens are refreshed mid-run and the apply converges", true);
  }, 60_000);
});

/** A run with bad credentials: exit 1, fast, a message naming what to check, few requests, nothing printed twice. */
async function failsFast(env: Record<string, string>, args = ["apply", "--yes"]) {
  const since = Math.max(0, ...(await lab.requests()).map((e) => e.seq));
  const run = await cli(lab, rec, args, { env });
  const log = (await lab.requests()).filter((e) => e.seq > since);
  return {
    run,
    ims: log.filter((e) => e.path.startsWith("/ims/")).length,
    adobe: log.filter((e) => !e.path.startsWith("/ims/")).length,
    adobePaths: log.filter((e) => !e.path.startsWith("/ims/")).map((e) => e.path),
  };
}

function expectClear(run: TimedRun, pattern: RegExp): void {
  expect(run.code).toBe(1);
  expect(unhandled(run)).toBeUndefined();
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).toMatch(/^hint: /m);
  expect(run.ms).toBeLessThan(5_000);
}

describe("bad credentials", () => {
  beforeEach(async () => {
    lab = await startLab();
    writeFolder(lab, modelFiles(many, rng(SEED)));
  });

  it("a wrong client secret fails in under 5 s, says IMS refused it, asks IMS at most twice and Adobe never", async () => {
    const results = [];
    for (const args of [["plan", "--detailed-exitcode"], ["apply", "--yes"], ["drift"]]) {
      const { run, ims, adobe } = await failsFast({ AEP_CLIENT_SECRET: WRONG.secret }, args);
      expectClear(run, /Adobe IMS refused the client credentials \(401 invalid_client/);
      expect(run.stderr).toMatch(/AEP_CLIENT_SECRET/);
      expect(ims).toBeLessThanOrEqual(2);
      expect(adobe).toBe(0);
      results.push({ command: args[0], ms: run.ms, ims });
    }
    rec.set("wrongSecret", results);
    rec.check("a wrong client secret fails fast (< 5 s), clearly, with ≤ 2 IMS requests and no retry storm", true);
  });

  it("an unknown client id fails the same way", async () => {
    const { run, ims, adobe } = await failsFast({ AEP_CLIENT_ID: WRONG.client });
    expectClear(run, /Adobe IMS refused the client credentials/);
    expect(ims).toBeLessThanOrEqual(2);
    expect(adobe).toBe(0);
    rec.set("unknownClient", { ms: run.ms, ims });
  });

  // BUG found here, fixed: errors of the Adobe edge (AepApiError, NetworkError, AmbiguousWriteError)
  // were not AppErrors, so a read refused by the gateway (or failing after every retry) reached the
  // CLI's and the Action's boundary as "internal error (a bug, please report it)" with a stack trace.
  it("a wrong organization is refused by the gateway: no retries, a clear message", async () => {
    const { run, ims, adobe, adobePaths } = await failsFast({ AEP_ORG_ID: "0000000000000000000000AA@AdobeOrg" });
    expectClear(run, /403/);
    expect(ims).toBeLessThanOrEqual(1);
    // One pass of the live read, sent together (flows, accounts, targets, audiences, and the connection
    // spec of each destination type in use), each refused once and never retried.
    expect(adobe).toBeLessThanOrEqual(7);
    expect(new Set(adobePaths).size).toBe(adobePaths.length);
    rec.set("wrongOrg", { ms: run.ms, ims, adobe });
  });

  it("missing credentials are named before anything is sent", async () => {
    const { run, ims, adobe } = await failsFast({ AEP_CLIENT_SECRET: "" });
    expectClear(run, /AEP_CLIENT_SECRET is not set/);
    expect(ims + adobe).toBe(0);
  });

  it("a throttled or failing IMS is retried (bounded) and the run goes on", async () => {
    await lab.faults({
      scripted: [
        { route: "/ims/token/v3", nth: 1, action: { type: "status", status: 503 } },
        { route: "/ims/token/v3", nth: 2, action: { type: "status", status: 429, headers: { "retry-after": "1" } } },
      ],
    });
    const { run, ims } = await failsFast({}, ["plan", "--detailed-exitcode"]);
    expect(run.code, run.stderr).toBe(2);
    expect(ims).toBe(3);
    rec.set("imsTransientFailures", { ms: run.ms, ims });
  });

  it("an unreachable Flow Service or IMS fails with a clear message after bounded retries, never a stack trace", async () => {
    // The Flow Service's retries take 12–25 s (6 attempts, backoff up to 8 s): CI checks IMS only.
    const [platform, ims] = await Promise.all([
      FULL ? failsFast({ AEP_PLATFORM_URL: "http://127.0.0.1:9" }, ["plan", "--detailed-exitcode"]) : undefined,
      failsFast({ AEP_IMS_URL: "http://127.0.0.1:9" }, ["plan", "--detailed-exitcode"]),
    ]);
    expect(ims.run.stderr).toMatch(/IMS did not issue a token: could not reach/);
    rec.set("imsUnreachableMs", ims.run.ms);
    if (!platform) return;
    for (const { run } of [platform, ims]) {
      expect(run.code).toBe(1);
      expect(unhandled(run)).toBeUndefined();
      expect(run.ms).toBeLessThan(60_000);
    }
    // Whichever of the concurrent reads (flows, accounts, targets, audiences) gave up first.
    expect(platform.run.stderr).toMatch(/^error: GET \/data\/\S+: /m);
    expect(platform.run.stderr).toMatch(/^hint: .*AEP_PLATFORM_URL/m);
    rec.set("flowServiceUnreachableMs", platform.run.ms);
  }, 70_000);
});
