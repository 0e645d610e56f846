// Ctrl-C (SIGINT) or a cancelled CI job (SIGTERM) during a 60-destination apply, as Terraform handles
// it: the run says so at once, starts no new write, lets the calls in flight finish, releases the
// sandbox lock, prints what was done and what was not, and exits 130 or 143. The next apply then
// converges at once: no waiting for a dead run's lock, and no --force for finishing its creates.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, startLab, type Lab, type RequestLogEntry } from "../support/lab.js";

const DESTINATIONS = 60;
let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
  for (let i = 0; i < DESTINATIONS; i++)
    lab.write(
      `destinations/dest-${i}.yaml`,
      kinesisDestination(`dest-${i}`, { description: `Sales & Marketing #${i}` }),
    );
  // Each answer takes a little while, as Adobe's do, so an interrupt lands in the middle of the apply.
  await lab.faults({ latencyMs: 15 });
});
afterEach(() => lab.close());

/** Starts apply and sends `signal` once a write matching `when` has been answered. */
async function interruptWhen(signal: NodeJS.Signals, when: (r: RequestLogEntry) => boolean) {
  const run = lab.cli(["apply", "--yes"]);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if ((await lab.writes()).some(when)) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  run.signal(signal);
  // Wrapped: an async function returning the run itself would hand back its result, not the process.
  return { run };
}

const POINTS: [string, NodeJS.Signals, (r: RequestLogEntry) => boolean][] = [
  ["during the connection creates", "SIGINT", (r) => r.method === "POST" && r.path.includes("/targetConnections")],
  ["between a flow's create and its selectors", "SIGINT", (r) => r.method === "POST" && /\/flows$/.test(r.path)],
  ["during the selector PATCHes", "SIGINT", (r) => r.method === "PATCH" && r.path.includes("/flows/")],
  ["from a cancelled job (SIGTERM)", "SIGTERM", (r) => r.method === "POST" && /\/flows$/.test(r.path)],
];

describe("an apply interrupted", () => {
  it.each(POINTS)("%s stops cleanly, and the next apply converges without --force", async (_, signal, when) => {
    const interrupted = await (await interruptWhen(signal, when)).run;
    expect(interrupted.code).toBe(signal === "SIGINT" ? 130 : 143);
    expect(interrupted.stderr).toMatch(
      new RegExp(`Interrupt received \\(${signal}\\): finishing \\d+ changes? in flight, starting no new ones`),
    );
    expect(interrupted.stderr).toMatch(
      new RegExp(`Interrupted \\(${signal}\\): \\d+ of \\d+ changes done, \\d+ failed, \\d+ not started`),
    );
    expect(interrupted.stderr).not.toContain("internal error");
    // The item lines say what was done before the interrupt.
    expect(interrupted.stdout).toMatch(/created account kinesis-marketing/);

    // The lock was released: no lease left on the Profile connection.
    const lock = (await lab.ui("GET", "/connections?property=name==aep-gitops%20Profile%20connection")).body.items;
    expect(lock.map((c: { description?: string }) => c.description ?? "").join("\n")).not.toContain(
      "aep-gitops lease:",
    );

    const again = await lab.cli(["apply", "--yes"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain("Waiting for another apply");
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  });

  it("stops at once on a second signal, and the next apply still converges", async () => {
    const { run } = await interruptWhen("SIGINT", (r) => r.method === "POST" && /\/flows$/.test(r.path));
    run.signal("SIGINT");
    const interrupted = await run;
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toMatch(/Stopping now \((second signal|grace period over)\)|Interrupted \(SIGINT\)/);
    const again = await lab.cli(["apply", "--yes"]);
    expect(again.code, again.stderr).toBe(0);
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  });
});

describe("a saved plan's apply, interrupted", () => {
  it("stops cleanly too, and a fresh plan and apply finish the rest without --force", async () => {
    expect((await lab.cli(["plan", "--out", "plan.json"])).code).toBe(0);
    const run = lab.cli(["apply", "plan.json", "--yes"]);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !(await lab.writes()).some((r) => r.method === "POST" && /\/flows$/.test(r.path)))
      await new Promise((r) => setTimeout(r, 10));
    run.signal("SIGINT");
    const interrupted = await run;
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toMatch(/Interrupt received \(SIGINT\): finishing \d+ changes? in flight/);
    expect(interrupted.stderr).toMatch(/Interrupted \(SIGINT\): \d+ of \d+ changes done/);
    const again = await lab.cli(["apply", "--yes"]);
    expect(again.code, again.stderr).toBe(0);
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  });
});

describe("an apply on the embedded emulator, interrupted", () => {
  it("keeps every object it reported as created, and the next apply finishes the rest", async () => {
    for (let i = DESTINATIONS; i < 200; i++) lab.write(`destinations/dest-${i}.yaml`, kinesisDestination(`dest-${i}`));
    const run = lab.cli(["apply", "--yes", "--emulator"]);
    // Interrupt once the embedded emulator's state file holds some flows: mid-apply, whatever the speed.
    const state = path.join(lab.dir, ".aep-gitops", "emulator-state.json");
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const text = existsSync(state) ? readFileSync(state, "utf8") : "";
      if ((text.match(/"flowSpec"/g) ?? []).length >= 20) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    run.signal("SIGINT");
    const interrupted = await run;
    expect(interrupted.code).toBe(130);
    const reported = [...interrupted.stdout.matchAll(/✓ created flow (dest-\d+)/g)].map((m) => m[1]!);
    expect(reported.length).toBeGreaterThan(0);
    const next = JSON.parse((await lab.cli(["plan", "--emulator", "--format", "json"])).stdout);
    const creates = next.sandboxes[0].changes
      .filter((c: { action: string; resource: string }) => c.action === "create" && c.resource === "flow")
      .map((c: { name: string }) => c.name);
    // Not one object that was reported created is created again: the state file kept it.
    expect(creates.filter((name: string) => reported.includes(name))).toEqual([]);
    const again = await lab.cli(["apply", "--yes", "--emulator"]);
    expect(again.code, again.stderr).toBe(0);
    expect((await lab.cli(["plan", "--emulator", "--detailed-exitcode"])).code).toBe(0);
  }, 120_000);
});
