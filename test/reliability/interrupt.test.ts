// Interrupt after every write: a first apply is sent SIGINT (Ctrl-C) while its k-th write has landed in
// Adobe and is still in flight (the emulator commits it and answers late), for every k. The run must
// stop cleanly (130, the summary, the lock released) and the next plain `apply --yes` must converge:
// no --force (the change guard does not count finishing this tool's own creates), no wait for a lock.
import { afterAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../support/lab.js";
import { converged, sandboxOf } from "./support/invariants.js";
import { build, modelFiles, type Model } from "./support/model.js";
import { Recorder } from "./support/recorder.js";
import { rng } from "./support/rng.js";
import { cli, planIsEmpty, pool, unhandled, waitFor, writeFolder } from "./support/runs.js";
import { FULL, SEED, SIZES, TIMEOUT_MS } from "./support/scale.js";

const rec = new Recorder("interrupt");
afterAll(() => rec.save());

const A = build.kinesis("acct-kinesis-a", "Marketing & Sales");
const H = build.hubs("acct-hubs-a");
const COUNT = FULL ? 16 : 4;
/** A first apply: two accounts, destinations on both, some disabled (created, disabled, then given selectors). */
const DESIRED: Model = {
  sandbox: "prod",
  accounts: [A, H],
  destinations: Array.from({ length: COUNT }, (_, i) =>
    build.destination(`dest-${i}`, i % 2 ? H : A, { state: i % 4 === 3 ? "disabled" : "enabled" }),
  ),
};
const LOCK_TTL = { AEP_GITOPS_LOCK_TTL_SECONDS: "3" };

async function prepare(lab: Lab) {
  await lab.reset();
  lab.remove("aep-gitops.config.yaml");
  writeFolder(lab, modelFiles(DESIRED, rng(SEED)));
  return Math.max(0, ...(await lab.requests()).map((e) => e.seq));
}

async function interruptAt(lab: Lab, k: number) {
  const problems: string[] = [];
  await prepare(lab);
  // The k-th write lands in Adobe and its answer takes a while: the interrupt arrives meanwhile.
  await lab.faults({ scripted: [{ writes: true, nth: k, action: { type: "commit-then-delay", ms: 600 } }] });
  const run = lab.cli(["apply", "--yes"], { env: LOCK_TTL });
  const reached = await Promise.race([
    waitFor(async () => (await lab.metrics()).delayed >= 1, 60_000).then(() => true),
    run.then(() => false),
  ]);
  run.signal("SIGINT");
  const stopped = await run;
  rec.scan(`interrupt k=${k}`, stopped.stdout + stopped.stderr);
  if (!reached)
    return { k, interrupted: false, rerunMs: 0, problems: stopped.code === 0 ? [] : [`exit ${stopped.code}`] };
  if (stopped.code !== 130) problems.push(`interrupted run exit ${stopped.code}: ${stopped.stderr.slice(-400)}`);
  if (
    !/Interrupted \(SIGINT\): \d+ of \d+ changes done/.test(stopped.stderr) &&
    !/before anything was changed/.test(stopped.stderr)
  )
    problems.push(`no summary: ${stopped.stderr.slice(-400)}`);
  if (/internal error/.test(stopped.stderr)) problems.push("internal error");
  await lab.faults({});
  const rerun = await cli(lab, rec, ["apply", "--yes"], { env: LOCK_TTL });
  if (rerun.code !== 0 || unhandled(rerun)) problems.push(`re-run exit ${rerun.code}: ${rerun.stderr.slice(-500)}`);
  if (rerun.stderr.includes("--force")) problems.push("re-run asked for --force");
  if (rerun.stderr.includes("Waiting for another apply")) problems.push("re-run waited for the lock");
  problems.push(...converged(sandboxOf(await lab.state(), "prod"), DESIRED, { prune: false }));
  if (!(await planIsEmpty(lab, "destinations"))) problems.push("a fresh plan still has changes");
  await rec.scanLog(lab, `interrupt k=${k}`);
  return { k, interrupted: true, rerunMs: rerun.ms, problems };
}

describe("an interrupt after every write of a first apply", () => {
  it(
    "stops cleanly, and the next apply converges without --force and without waiting, whichever write came last",
    async () => {
      const started = Date.now();
      const labs = await Promise.all(Array.from({ length: SIZES.chaosParallel }, () => startLab()));
      try {
        const mark = await prepare(labs[0]!);
        const clean = await cli(labs[0]!, rec, ["apply", "--yes"], { env: LOCK_TTL });
        expect(clean.code, clean.stderr).toBe(0);
        const writes = (await labs[0]!.writes()).filter((w) => w.seq > mark).length;
        const results: Awaited<ReturnType<typeof interruptAt>>[] = [];
        while (results.length === 0 || results.every((r) => r.interrupted)) {
          const base = results.length;
          results.push(...(await pool(labs.length, labs.length, (i, slot) => interruptAt(labs[slot]!, base + i + 1))));
        }
        const points = results.filter((r) => r.interrupted);
        const failures = results.filter((r) => r.problems.length > 0);
        rec.set(
          "scenario",
          `first apply of ${COUNT} destinations on 2 accounts (Kinesis and Event Hubs; every fourth disabled), SIGINT while its k-th write is in flight`,
        );
        rec.set("writesPerApply", writes);
        rec.set("interruptPoints", points.length);
        rec.set("converged", points.filter((r) => r.problems.length === 0).length);
        rec.set("rerunMs", {
          max: Math.max(...points.map((r) => r.rerunMs)),
          mean: Math.round(points.reduce((a, r) => a + r.rerunMs, 0) / Math.max(1, points.length)),
        });
        rec.set("failures", failures);
        rec.set("wallMs", Date.now() - started);
        rec.check(
          "the next apply converges after an interrupt at every k, without --force",
          failures.length === 0 && points.length >= writes - 1,
        );
        rec.check("no secret in any output", rec.scanned.leaks.length === 0);
        expect(failures, `seed ${SEED}: ${JSON.stringify(failures, null, 2)}`).toEqual([]);
        expect(points.length).toBeGreaterThanOrEqual(writes - 1);
      } finally {
        await Promise.all(labs.map((l) => l.close()));
      }
    },
    TIMEOUT_MS,
  );
});
