// Crash at every step: a mixed apply (creates, updates, a disable, deletes with prune, an account
// created and one pruned) is killed right after its k-th write landed in Adobe, for every k. The next
// apply alone must converge: live = desired, no duplicate, the UI's own objects untouched.
import { afterAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../support/lab.js";
import { converged, foreignChanged, foreignSnapshot, managedOwners, sandboxOf } from "./support/invariants.js";
import { AUDIENCE_IDS, build, modelFiles, type Model } from "./support/model.js";
import { Recorder } from "./support/recorder.js";
import { rng } from "./support/rng.js";
import { applyInProcess, cli, planIsEmpty, pool, unhandled, waitFor, writeFolder } from "./support/runs.js";
import { FULL, SEED, SIZES, TIMEOUT_MS } from "./support/scale.js";
import { createForeign, FOREIGN_SECRET } from "./support/ui.js";

const rec = new Recorder("crash");
rec.addSecret(FOREIGN_SECRET);
afterAll(() => rec.save());

const AUD = AUDIENCE_IDS;
const { kinesis, hubs, destination: dest } = build;

const A = kinesis("acct-kinesis-a");
const B = kinesis("acct-kinesis-b");
const C = kinesis("acct-kinesis-c", "New account");
const H = hubs("acct-hubs-a");
/**
 * The full scenario: creates (an account, two destinations, one of them disabled), updates of each
 * kind (audiences and attributes, target params, disable, an account's description), and deletes with
 * prune (two destinations, then the account one of them used). CI runs a smaller mix of the same kinds.
 */
const SCENARIOS = {
  full: {
    pre: {
      sandbox: "prod",
      accounts: [A, B, H],
      destinations: [
        dest("keep", A),
        dest("audiences", A),
        dest("target", H),
        dest("switch-off", A),
        dest("removed", H),
        dest("on-old-account", B),
      ],
    },
    desired: {
      sandbox: "prod",
      accounts: [{ ...A, description: "Renamed team" }, C, H],
      destinations: [
        dest("keep", A),
        dest("audiences", A, {
          audiences: [{ id: AUD[1] }, { id: AUD[2] }],
          attributes: ["personalEmail.address", "person.lastName"],
          description: "More audiences",
        }),
        dest("target", H, { target: { eventHubName: "moved-hub", includeSegmentNames: true } }),
        dest("switch-off", A, { state: "disabled" }),
        dest("new-on-new-account", C, { audiences: [{ id: AUD[3] }] }),
        dest("new-disabled", H, { state: "disabled", audiences: [{ id: AUD[0] }, { id: AUD[1] }] }),
      ],
    },
  },
  reduced: {
    pre: {
      sandbox: "prod",
      accounts: [A, B],
      destinations: [dest("keep", A), dest("audiences", A), dest("switch-off", A), dest("on-old-account", B)],
    },
    desired: {
      sandbox: "prod",
      accounts: [A, C],
      destinations: [
        dest("keep", A),
        dest("audiences", A, { audiences: [{ id: AUD[1] }, { id: AUD[2] }], description: "More audiences" }),
        dest("switch-off", A, { state: "disabled" }),
        dest("new-on-new-account", C),
      ],
    },
  },
} satisfies Record<string, { pre: Model; desired: Model }>;
const { pre: PRE, desired: DESIRED } = SCENARIOS[FULL ? "full" : "reduced"];
// Short, so a killed run's lease runs out quickly; long enough that a loaded machine still renews it in time
// (an apply whose lease ran out stops writing, by design).
const LOCK_TTL = { AEP_GITOPS_LOCK_TTL_SECONDS: "3" };

async function prepare(lab: Lab) {
  await lab.reset();
  lab.write("aep-gitops.config.yaml", "maxChangePercent: 100\n");
  writeFolder(lab, modelFiles(PRE, rng(SEED)));
  await applyInProcess(lab, "destinations");
  await createForeign(lab, "ui-made");
  const before = sandboxOf(await lab.state(), "prod");
  writeFolder(lab, modelFiles(DESIRED, rng(SEED + 1)));
  const mark = Math.max(0, ...(await lab.requests()).map((e) => e.seq));
  return { foreign: foreignSnapshot(before), owners: managedOwners(before), mark };
}

async function crashAt(lab: Lab, k: number) {
  const problems: string[] = [];
  const { foreign, owners, mark } = await prepare(lab);
  // The k-th write lands in Adobe and its answer never comes back; then the process is killed.
  await lab.faults({ scripted: [{ writes: true, nth: k, action: { type: "commit-then-hang" } }] });
  const crashed = lab.cli(["apply", "--yes", "--prune"], { env: LOCK_TTL });
  // Lease renewals are writes too, and their number depends on timing: a run may finish before k.
  const hung = await Promise.race([
    waitFor(async () => (await lab.metrics()).hung >= 1, 60_000).then(() => true),
    crashed.then(() => false),
  ]);
  crashed.kill();
  const killed = await crashed;
  if (!hung)
    return {
      k,
      crashed: false,
      landed: 0,
      rerunMs: 0,
      problems: killed.code === 0 ? [] : [`uninterrupted apply exit ${killed.code}`],
    };
  rec.scan(`crash k=${k}`, killed.stdout + killed.stderr);
  const landed = (await lab.writes()).filter((w) => w.seq > mark).length;
  await lab.faults({});
  const rerun = await cli(lab, rec, ["apply", "--yes", "--prune"], { env: LOCK_TTL });
  if (rerun.code !== 0 || unhandled(rerun)) problems.push(`re-run exit ${rerun.code}: ${rerun.stderr.slice(-500)}`);
  const after = sandboxOf(await lab.state(), "prod");
  // The killed run's lease may still be running out (its TTL) when the re-run had nothing left to lock
  // for. It was written in Adobe's clock as the killed run knew it, from whole-second Date headers: up
  // to half a second ahead of the true time (src/aep/server-clock.ts), a round trip on top.
  const lease = after.connections.find((c) => c.description?.includes("[aep-gitops lease:"));
  const graceMs = lease && !rerun.stdout.includes("✓") ? Number(LOCK_TTL.AEP_GITOPS_LOCK_TTL_SECONDS) * 1000 + 1000 : 0;
  problems.push(
    ...converged(after, DESIRED, { prune: true, before: owners, leaseGraceMs: graceMs }),
    ...foreignChanged(foreign, after),
  );
  if (problems.some((p) => p.includes("lock is still held"))) {
    // What wrote the lock object last, and when: the evidence a held lease needs to be explained.
    const now = Date.now();
    const lockWrites = (await lab.requests())
      .filter((e) => e.seq > mark && e.method !== "GET" && e.path.includes(`/connections/${lease?.id}`))
      .slice(-6)
      .map((e) => `#${e.seq} ${e.method} ${e.status}${e.fault ? ` ${e.fault}` : ""} ${e.at - now} ms`);
    problems.push(`lock writes: ${lockWrites.join(", ")}; re-run: ${rerun.stdout.slice(-300)}`);
  }
  if (!(await planIsEmpty(lab, "destinations", { prune: true }))) problems.push("a fresh plan still has changes");
  await rec.scanLog(lab, `crash k=${k}`);
  return { k, crashed: true, landed, rerunMs: rerun.ms, problems };
}

describe("a crash after every write of a mixed apply with prune", () => {
  it(
    "converges on the next apply with no duplicate, whichever write was the last to land",
    async () => {
      const started = Date.now();
      const labs = await Promise.all(Array.from({ length: SIZES.chaosParallel }, () => startLab()));
      try {
        // The uninterrupted apply, to count its writes: every k from 1 to that count is a crash point.
        const { mark } = await prepare(labs[0]!);
        const clean = await cli(labs[0]!, rec, ["apply", "--yes", "--prune"], { env: LOCK_TTL });
        expect(clean.code, clean.stderr).toBe(0);
        const writes = (await labs[0]!.writes()).filter((w) => w.seq > mark);
        expect(converged(sandboxOf(await labs[0]!.state(), "prod"), DESIRED, { prune: true })).toEqual([]);
        const routes = writes.map((w) => `${w.method} ${w.route}`);
        // Every k, in waves of parallel labs, until an apply finishes before its k-th write.
        const results: Awaited<ReturnType<typeof crashAt>>[] = [];
        while (results.length === 0 || results.every((r) => r.crashed)) {
          const base = results.length;
          results.push(...(await pool(labs.length, labs.length, (i, slot) => crashAt(labs[slot]!, base + i + 1))));
        }
        const crashes = results.filter((r) => r.crashed);
        const failures = results.filter((r) => r.problems.length > 0);
        rec.set(
          "scenario",
          FULL
            ? "6 destinations on 3 accounts → 2 destination creates (one disabled; one on a new account), 3 destination updates (audiences+attributes+description, target params, disable), 1 account update, 2 destination deletes and 1 account delete (prune); a UI-made destination alongside"
            : "4 destinations on 2 accounts → 1 destination create on a new account, 2 updates (audiences+description, disable), 1 destination delete and 1 account delete (prune); a UI-made destination alongside",
        );
        rec.set("writesPerApply", writes.length);
        rec.set("writeSequence", routes);
        rec.set("crashPoints", crashes.length);
        rec.set("converged", crashes.filter((r) => r.problems.length === 0).length);
        rec.set("rerunMs", {
          max: Math.max(...crashes.map((r) => r.rerunMs)),
          mean: Math.round(crashes.reduce((a, r) => a + r.rerunMs, 0) / crashes.length),
        });
        rec.set("failures", failures);
        rec.set("wallMs", Date.now() - started);
        rec.check(
          "the next run converges after a crash at every k",
          failures.length === 0 && crashes.length >= writes.length,
        );
        rec.check(
          "no duplicates after any crash",
          failures.every((f) => !f.problems.some((p) => p.includes("owned by"))),
        );
        rec.check(
          "no foreign resource changed",
          failures.every((f) => !f.problems.some((p) => / (changed|deleted)$/.test(p))),
        );
        rec.check("no secret in any output", rec.scanned.leaks.length === 0);
        expect(failures, `seed ${SEED}: ${JSON.stringify(failures, null, 2)}`).toEqual([]);
        expect(crashes.length).toBeGreaterThanOrEqual(writes.length - 1);
        expect(rec.scanned.leaks).toEqual([]);
      } finally {
        await Promise.all(labs.map((l) => l.close()));
      }
    },
    TIMEOUT_MS,
  );
});
