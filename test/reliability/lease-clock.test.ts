// The sandbox lock's lease is written and judged by Adobe's clock (the Date header of its answers), so two
// runners whose clocks disagree still agree on who holds it; and an apply whose lease ran out (its
// renewals failed) stops writing and says what it did not do.
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, startLab, type Lab } from "../support/lab.js";
import { duplicates, sandboxOf } from "./support/invariants.js";

const SKEWED = path.resolve(import.meta.dirname, "../support/skewed-clock.mjs");
/** A runner whose clock is an hour behind: alone, it would write leases that expired long ago. */
const HOUR_BEHIND = { NODE_OPTIONS: `--import ${SKEWED}`, AEP_TEST_CLOCK_OFFSET_MS: String(-3_600_000) };
/** Long enough that a loaded machine renews it in time: here the lease must hold, not run out. */
const LEASE = { AEP_GITOPS_LOCK_TTL_SECONDS: "10" };

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
  for (let i = 0; i < 6; i++) lab.write(`destinations/d${i}.yaml`, kinesisDestination(`dest-${i}`));
});
afterEach(() => lab.close());

/** Resolves once some apply holds the lock: its lease line is in the Profile connection's description. */
async function leaseTaken(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const connections = sandboxOf(await lab.state(), "prod").connections;
    if (connections.some((c) => /\[aep-gitops lease: run=/.test(c.description ?? ""))) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("no apply took the lock within 5 s");
}

describe("the lease", () => {
  it("is judged by Adobe's clock: a runner an hour behind still holds it against a correct one", async () => {
    // Slow answers, so the first apply is still writing when the second one starts.
    await lab.faults({ latencyMs: 120 });
    const behind = lab.cli(["apply", "--yes"], { env: { ...HOUR_BEHIND, ...LEASE } });
    await leaseTaken();
    const correct = await lab.cli(["apply", "--yes"], { env: LEASE });
    const first = await behind;
    expect(first.code, first.stderr).toBe(0);
    expect(correct.code, correct.stderr).toBe(0);
    expect(correct.stderr).toContain("Waiting for another apply");
    const state = await lab.state();
    expect(duplicates(sandboxOf(state, "prod"))).toEqual([]);
    expect(sandboxOf(state, "prod").flows).toHaveLength(6);
  });

  it("stops the writes once it is lost, reports what was not done, and a re-run converges", async () => {
    // The take (the first PATCH of the lock object, created without a lease) lands; every renewal after
    // it fails, so the 2 s lease runs out while the apply works.
    await lab.faults({
      latencyMs: 500,
      scripted: [
        { method: "PATCH", route: "/connections/{id}", nth: 2, from: true, action: { type: "status", status: 503 } },
      ],
    });
    const apply = await lab.cli(["apply", "--yes"]);
    expect(apply.code).toBe(1);
    expect(apply.stdout).toContain("not done: the sandbox lock's lease ran out");
    const made = sandboxOf(await lab.state(), "prod").flows.length;
    expect(made).toBeLessThan(6);
    await lab.faults({});
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    const state = await lab.state();
    expect(duplicates(sandboxOf(state, "prod"))).toEqual([]);
    expect(sandboxOf(state, "prod").flows).toHaveLength(6);
  });
});
