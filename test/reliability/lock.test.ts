// The sandbox lock (a lease on the Profile connection, renewed while an apply works) must hold for as
// long as its apply writes: a lease that runs out mid-apply lets a second apply in, and two applies
// both create the destinations neither has seen yet (creates are the one write Adobe does not guard).
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { AepHttp } from "../../src/aep/http.js";
import { HttpFlowService } from "../../src/aep/flow-service.js";
import { ImsTokenSource } from "../../src/aep/ims.js";
import { settingsFromEnv } from "../../src/aep/settings.js";
import { AppError } from "../../src/errors.js";
import { acquireLock } from "../../src/reconcile/lock.js";
import { startLab, type Lab } from "../support/lab.js";
import { duplicates, ownerOf, sandboxOf } from "./support/invariants.js";
import { build, modelFiles, type Model } from "./support/model.js";
import { Recorder } from "./support/recorder.js";
import { rng } from "./support/rng.js";
import { applyInProcess, cli, writeFolder } from "./support/runs.js";
import { SEED } from "./support/scale.js";

const rec = new Recorder("lock");
const SECOND = {
  AEP_CLIENT_ID: "ci-runner-2",
  AEP_CLIENT_SECRET: "second-runner-secret-5521",
  AEP_GITOPS_FINGERPRINT_KEY: "shared-fingerprint-key-3310",
};
rec.addSecret(SECOND.AEP_CLIENT_SECRET);
rec.addSecret(SECOND.AEP_GITOPS_FINGERPRINT_KEY);
afterAll(() => rec.save());

let lab: Lab;
beforeEach(async () => {
  lab = await startLab({
    config: {
      clients: [
        { clientId: "demo-client", clientSecret: "demo-secret" },
        { clientId: SECOND.AEP_CLIENT_ID, clientSecret: SECOND.AEP_CLIENT_SECRET },
        { clientId: "ui-editor", clientSecret: "ui-secret", ui: true },
      ],
    },
  });
  lab.env.AEP_GITOPS_FINGERPRINT_KEY = SECOND.AEP_GITOPS_FINGERPRINT_KEY;
});
afterEach(async () => {
  await rec.scanLog(lab, "lock");
  await lab.close();
});

/** The lease's end as written in the lock object, or undefined when no lease is held. */
async function leaseUntil(): Promise<number | undefined> {
  const lock = sandboxOf(await lab.state(), "prod").connections.find((c) => ownerOf(c) === "profile/connection");
  const until = /\[aep-gitops lease: run=[A-Za-z0-9-]+ until=(\d+)\]/.exec(lock?.description ?? "")?.[1];
  return until === undefined ? undefined : Number(until);
}

describe("the sandbox lock's lease", () => {
  it("keeps being renewed after the answer to a renewal is lost (the renewal landed; its new etag never arrived)", async () => {
    const settings = settingsFromEnv(lab.env);
    const port = new HttpFlowService(new AepHttp(settings, new ImsTokenSource(settings)), "prod");
    // The first renewal lands in Adobe and the connection resets before its answer arrives.
    await lab.faults({
      scripted: [
        {
          method: "PATCH",
          route: "/connections/{id}",
          client: "demo-client",
          nth: 1,
          action: { type: "commit-then-reset" },
        },
      ],
    });
    const lock = await acquireLock(port, { ttlMs: 1_500, waitMs: 10_000 });
    let lapsed = 0;
    const watchUntil = Date.now() + 4_500;
    while (Date.now() < watchUntil) {
      await new Promise((r) => setTimeout(r, 100));
      const until = await leaseUntil();
      if (until === undefined || until < Date.now()) lapsed++;
    }
    await lock.release();
    const renewals = (await lab.requests())
      .filter((e) => e.method === "PATCH" && e.client === "demo-client")
      .map((e) => e.status);
    rec.set("lostRenewalAnswer", { lapsedObservations: lapsed, renewalStatuses: renewals });
    expect(lapsed, `renewals answered ${renewals.join(", ")}`).toBe(0);
    expect(await leaseUntil()).toBeUndefined();
  });

  it("stops waiting for another run's lease when told to (an interrupt), with nothing changed", async () => {
    const settings = settingsFromEnv(lab.env);
    const port = () => new HttpFlowService(new AepHttp(settings, new ImsTokenSource(settings)), "prod");
    const first = await acquireLock(port(), { ttlMs: 3_000, waitMs: 20_000 });
    let interrupted = false;
    setTimeout(() => (interrupted = true), 500);
    const started = Date.now();
    const error = await acquireLock(port(), { ttlMs: 3_000, waitMs: 20_000, stop: () => interrupted }).catch(
      (e: unknown) => e,
    );
    const waitedMs = Date.now() - started;
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe("refused");
    expect((error as AppError).message).toBe("interrupted while waiting for the sandbox lock; nothing was changed");
    expect(waitedMs).toBeLessThan(2_500);
    expect(first.lost()).toBe(false);
    await first.release();
    expect(await leaseUntil()).toBeUndefined();
  });

  // BUG found here, fixed: lease renewals went through the same queue as the apply's own calls, so
  // under a slow or throttled Adobe they waited behind every create the executor had started and the
  // lease ran out mid-apply; a second apply then took the lock and created the same destinations
  // again. Renewals are now "urgent" requests (src/aep/http.ts): no concurrency queue, no pacing.
  // Scaled down here (TTL 3 s, 300 ms per request, 30 new destinations: the apply outlasts the lease
  // several times). With the lab's 2 s, one renewal late by a second on a busy test machine already
  // looked like a lapse, and the executor rightly stopped writing.
  it("never runs out while its apply still writes under a slow Adobe, so a second apply cannot create duplicates", async () => {
    lab.env.AEP_GITOPS_LOCK_TTL_SECONDS = "3";
    const account = build.kinesis("acct-kinesis-a");
    const pre: Model = { sandbox: "prod", accounts: [account], destinations: [build.destination("existing", account)] };
    writeFolder(lab, modelFiles(pre, rng(SEED)));
    await applyInProcess(lab, "destinations");
    const desired: Model = {
      ...pre,
      destinations: [
        ...pre.destinations,
        ...Array.from({ length: 30 }, (_, i) => build.destination(`new-${i}`, account)),
      ],
    };
    writeFolder(lab, modelFiles(desired, rng(SEED)));
    await lab.faults({ latencyMs: 300 });
    const first = cli(lab, rec, ["apply", "--yes"]);
    let finished = false;
    void first.then(() => (finished = true));
    // Watch the lease while the first apply works; should it run out, a second runner starts at once.
    let lapsedWhileWorking = false;
    while (!finished && !lapsedWhileWorking) {
      await new Promise((r) => setTimeout(r, 100));
      const until = await leaseUntil();
      lapsedWhileWorking = until !== undefined && until < Date.now() && !finished;
    }
    const second = lapsedWhileWorking ? await cli(lab, rec, ["apply", "--yes"], { env: SECOND }) : undefined;
    const a = await first;
    const twins = duplicates(sandboxOf(await lab.state(), "prod"));
    rec.set("slowAdobe", {
      leaseLapsedWhileWorking: lapsedWhileWorking,
      duplicatesCreated: twins.length,
      secondApplyExit: second?.code ?? null,
    });
    expect(a.code, a.stderr).toBe(0);
    expect(lapsedWhileWorking, "the lease ran out while its apply was still writing").toBe(false);
    expect(twins).toEqual([]);
  }, 90_000);
});
