// A sandbox lock left by an apply that is gone must not cost the next one two minutes, and a person must
// be able to see who holds a lock and release it (issue 22): the lease names its holder (run, host, pid,
// Actions run, since when, until when); an apply on the same host takes a dead process's lock at once;
// the wait for a live holder is one line rewritten on a terminal and a line every few seconds in a log;
// `aep-gitops unlock` releases a stale lock and refuses one that is still renewed.
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AepHttp } from "../../src/aep/http.js";
import { HttpFlowService } from "../../src/aep/flow-service.js";
import { ImsTokenSource } from "../../src/aep/ims.js";
import { settingsFromEnv } from "../../src/aep/settings.js";
import { acquireLock, type HeldLock } from "../../src/reconcile/lock.js";
import { leaseDescription, readLease } from "../../src/reconcile/lock-object.js";
import { kinesisAccount, kinesisDestination, startLab, type Lab } from "../support/lab.js";
import { onPty, PTY_AVAILABLE } from "../support/pty.js";

const BIN = path.resolve(import.meta.dirname, "../../bin/aep-gitops.js");
const ELSEWHERE = { host: "build-agent-7", pid: 4242, url: "https://github.com/acme/destinations/actions/runs/99" };
const WAITING = /^Waiting for another apply to release the lock of sandbox 'prod'/gm;

let lab: Lab;
let held: HeldLock | undefined;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
  lab.write("destinations/promo.yaml", kinesisDestination("promo"));
});
afterEach(async () => {
  await held?.release();
  held = undefined;
  await lab.close();
});

/** The lock of sandbox prod, held by a live process elsewhere (this test, renewing it every second). */
async function holdElsewhere(): Promise<HeldLock> {
  const settings = settingsFromEnv(lab.env);
  const port = new HttpFlowService(new AepHttp(settings, new ImsTokenSource(settings)), "prod");
  held = await acquireLock(port, { ttlMs: 3_000, waitMs: 10_000, holder: ELSEWHERE });
  return held;
}

async function lockObject(): Promise<{ id: string; etag: string; description: string }> {
  const answer = await lab.ui("GET", "/connections?property=name==aep-gitops%20Profile%20connection");
  return answer.body.items[0];
}

describe("a crashed apply's lock", () => {
  it("is taken at once by the next apply on the same host: its process is gone", async () => {
    const LONG_LEASE = { AEP_GITOPS_LOCK_TTL_SECONDS: "60", AEP_GITOPS_LOCK_WAIT_SECONDS: "5" };
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    lab.write("destinations/other.yaml", kinesisDestination("other"));
    // The new destination's first write lands and its answer never comes: the apply is killed there.
    await lab.faults({
      scripted: [{ method: "POST", route: "/targetConnections", nth: 1, action: { type: "commit-then-hang" } }],
    });
    const crashed = lab.cli(["apply", "--yes"], { env: LONG_LEASE });
    const deadline = Date.now() + 30_000;
    while ((await lab.metrics()).hung < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    crashed.kill();
    expect((await crashed).signal).toBe("SIGKILL");
    await lab.faults({});
    const lease = readLease((await lockObject()).description);
    expect(lease?.until).toBeGreaterThan(Date.now() + 30_000);
    expect(lease?.holder?.pid).toBeGreaterThan(1);

    const started = Date.now();
    const next = await lab.cli(["apply", "--yes"], { env: LONG_LEASE });
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).not.toMatch(WAITING);
    expect(next.stderr).toContain(`the apply that held its lock is gone (run ${lease!.run} on host`);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
    expect(readLease((await lockObject()).description)).toBeUndefined();
  }, 60_000);
});

describe("waiting for a live holder's lock", () => {
  it("names the holder, its host, pid, Actions run, since when and until when; off a terminal a line every few seconds", async () => {
    const lock = await holdElsewhere();
    const run = await lab.cli(["apply", "--yes"], {
      env: { AEP_GITOPS_LOCK_WAIT_SECONDS: "7", AEP_GITOPS_PROGRESS_SECONDS: "3" },
    });
    await lock.release();
    expect(run.code).toBe(1);
    const lines = run.stderr.split("\n").filter((l) => l.startsWith("Waiting for another apply"));
    // At 0, 3 and 6 s: not one every poll (the lock is polled every half second here).
    expect(lines.length, run.stderr).toBeGreaterThanOrEqual(2);
    expect(lines.length, run.stderr).toBeLessThanOrEqual(3);
    for (const line of lines) {
      expect(line).toMatch(
        /: run [0-9a-f-]{36} on host build-agent-7 \(pid 4242, https:\/\/github\.com\/acme\/destinations\/actions\/runs\/99\)/,
      );
      expect(line).toMatch(
        /took the lock at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, lease until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/,
      );
      expect(line).toMatch(/aep-gitops unlock --sandbox prod --run [0-9a-f-]{36}$/);
    }
    expect(run.stderr).not.toContain("\r");
    expect(run.stderr).toMatch(
      /Sandbox 'prod' is locked by another aep-gitops apply: run [0-9a-f-]{36} on host build-agent-7/,
    );
  }, 30_000);

  it.skipIf(!PTY_AVAILABLE)(
    "at a terminal: the holder said once, then one status line rewritten in place",
    async () => {
      const lock = await holdElsewhere();
      const run = await onPty([process.execPath, BIN, "apply", "--yes"], {
        cwd: lab.dir,
        env: { ...lab.env, AEP_GITOPS_LOCK_WAIT_SECONDS: "4", AEP_GITOPS_PROGRESS_SECONDS: "1" },
      });
      await lock.release();
      expect(run.code).toBe(1);
      expect(run.output.match(WAITING) ?? [], run.output).toHaveLength(1);
      // eslint-disable-next-line no-control-regex -- the terminal control sequence is the point
      const rewrites = run.output.match(/\r\u001b\[KWaiting for the sandbox lock: 'prod' \d+ s so far…/g) ?? [];
      expect(rewrites.length, run.output).toBeGreaterThanOrEqual(3);
    },
    30_000,
  );
});

describe("aep-gitops unlock", () => {
  it("refuses the lock of an apply that still renews it, and releases it nowhere", async () => {
    const lock = await holdElsewhere();
    const run = await lab.cli(["unlock", "--sandbox", "prod", "--yes"]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/Sandbox 'prod' is locked by run [0-9a-f-]{36} on host build-agent-7 \(pid 4242/);
    expect(run.stderr).toMatch(/still renews its lease .*its apply is running; nothing was released/);
    expect(lock.lost()).toBe(false);
    expect(readLease((await lockObject()).description)?.holder?.host).toBe("build-agent-7");
  }, 30_000);

  it("releases a stale lock after reading it twice a renewal apart, and the next apply does not wait", async () => {
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    // A runner elsewhere took the lock and vanished: its lease (3 s, renewed every second) is left.
    const object = await lockObject();
    const stale = {
      run: "5d0c4c7e-0e0b-4a8e-9a51-6f0d1c9e2b7a",
      until: Date.now() + 60_000,
      holder: { host: "gone-runner", pid: 777, started: Date.now() - 5_000, ttl: 3 },
    };
    const put = await lab.ui("PATCH", `/connections/${object.id}`, {
      body: [{ op: "replace", path: "/description", value: leaseDescription(stale) }],
      ifMatch: object.etag,
    });
    expect(put.status).toBe(200);

    const wrong = await lab.cli(["unlock", "--sandbox", "prod", "--yes", "--run", "not-that-run"]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`is locked by run ${stale.run}, not by run not-that-run; nothing was released`);

    const run = await lab.cli(["unlock", "--sandbox", "prod", "--yes", "--run", stale.run]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`locked by run ${stale.run} on host gone-runner (pid 777)`);
    expect(run.stdout).toContain("Nobody renewed it");
    expect(run.stdout).toContain(`Released the lock of sandbox 'prod' (run ${stale.run}).`);
    expect(readLease((await lockObject()).description)).toBeUndefined();

    lab.write("destinations/other.yaml", kinesisDestination("other"));
    const apply = await lab.cli(["apply", "--yes"]);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stderr).not.toMatch(WAITING);
    expect((await lab.cli(["unlock", "--sandbox", "prod", "--yes"])).stdout).toContain("is not locked");
  }, 30_000);

  it("off a terminal, refuses without --yes before it reads anything", async () => {
    const run = await lab.cli(["unlock", "--sandbox", "prod"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("cannot ask before it releases a lock; nothing was read or changed");
    expect(await lab.requests()).toEqual([]);
  });
});
