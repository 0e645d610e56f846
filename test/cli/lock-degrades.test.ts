// Where Adobe refuses the sandbox lock's write (FLOW-1445-400 "PATCH Connection Feature not enabled"),
// apply goes on without the lock and says so once, or, with `lock: required`, refuses without a write.
// No lease is ever left there that nobody could release (issue 22): the lock object is created without
// one and taken by a PATCH, and an account that would need a PATCH (adopting it) is refused at plan.
import { afterEach, describe, expect, it } from "vitest";
import { leaseDescription, readLease } from "../../src/reconcile/lock-object.js";
import { kinesisAccount, kinesisDestination, SECRETS, startLab, type Lab } from "../support/lab.js";

let lab: Lab;
afterEach(() => lab.close());

async function lockObject(): Promise<{ id: string; etag: string; description: string }> {
  const answer = await lab.ui("GET", "/connections?property=name==aep-gitops%20Profile%20connection");
  return answer.body.items[0];
}
const lockId = async () => (await lockObject()).id;

const REFUSE_PATCH_CONNECTIONS = {
  scripted: [
    {
      method: "PATCH",
      route: "/connections/{id}",
      from: true,
      action: {
        type: "status",
        status: 400,
        body: {
          type: "https://ns.adobe.com/aep/errors/FLOW-1445-400",
          title: "Invalid request",
          status: 400,
          errorMessage: "PATCH Connection Feature not enabled.",
        },
      },
    },
  ],
};

describe("a sandbox where Adobe refuses PATCH of connections", () => {
  it("applies without the lock, warns once, and converges", async () => {
    lab = await startLab({ config: { patchConnections: "feature-disabled" } });
    lab.write("destinations/account.yaml", kinesisAccount());
    lab.write("destinations/promo.yaml", kinesisDestination("promo"));
    // The first apply creates the lock object without a lease (a POST, which Adobe takes) and is refused
    // the PATCH that would take it: nothing is left that nobody could release.
    const first = await lab.cli(["apply", "--yes"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr.match(/applying without the lock/g)).toHaveLength(1);
    expect(readLease((await lockObject()).description)).toBeUndefined();
    // So the next apply, at once, does not wait for anything: one refused PATCH, one warning.
    lab.write("destinations/other.yaml", kinesisDestination("other"));
    const mark = Math.max(...(await lab.requests()).map((r) => r.seq));
    const second = await lab.cli(["apply", "--yes"]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).not.toContain("Waiting for");
    expect(second.stderr.match(/applying without the lock/g)).toHaveLength(1);
    const id = await lockId();
    const lockCalls = (await lab.requests()).filter((r) => r.seq > mark && r.path.includes(id));
    expect(lockCalls.map((r) => `${r.method} ${r.status}`)).toEqual(["PATCH 400"]);
    expect(second.stderr).toContain("set lock: required in the tool config");
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
    expect((await lab.ui("GET", "/flows")).body.items).toHaveLength(2);
  });

  it("refuses with zero writes when the tool config says lock: required", async () => {
    lab = await startLab();
    lab.write("destinations/account.yaml", kinesisAccount());
    lab.write("destinations/promo.yaml", kinesisDestination("promo"));
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    lab.write("aep-gitops.config.yaml", "lock: required\n");
    lab.write("destinations/other.yaml", kinesisDestination("other"));
    await lab.faults(REFUSE_PATCH_CONNECTIONS);
    const mark = Math.max(...(await lab.requests()).map((r) => r.seq));
    const apply = await lab.cli(["apply", "--yes"]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain("lock: required");
    const landed = (await lab.writes()).filter((w) => w.seq > mark && w.status < 400);
    expect(landed).toEqual([]);
  });

  it("ignores, with the one warning, a lease an older version left there in the POST that created the lock", async () => {
    lab = await startLab({ config: { patchConnections: "feature-disabled" } });
    lab.write("destinations/account.yaml", kinesisAccount());
    lab.write("destinations/promo.yaml", kinesisDestination("promo"));
    // What aep-gitops before issue 22 did: the lease in the create itself, which nobody can ever release.
    const stuck = { run: "0b7d4a52-1c55-4a43-9a7e-3d9b2f1e8c61", until: Date.now() + 60_000 };
    await lab.uiCreate("/connections", {
      name: "aep-gitops Profile connection",
      description: leaseDescription(stuck),
      connectionSpec: { id: "8a9c3494-9708-43d7-ae3f-cda01e5030e1", version: "1.0" },
    });
    const started = Date.now();
    const apply = await lab.cli(["apply", "--yes"], { env: { AEP_GITOPS_LOCK_WAIT_SECONDS: "20" } });
    expect(apply.code, apply.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(apply.stderr).not.toContain("Waiting for");
    expect(apply.stderr.match(/applying without the lock/g)).toHaveLength(1);
    expect(apply.stderr).toContain(`the lease of run ${stuck.run} (no holder recorded`);
    expect((await lab.ui("GET", "/flows")).body.items).toHaveLength(1);
  }, 30_000);

  it("decides an account's adoption at plan: refused with the reason and what to do, never a failure mid-apply", async () => {
    lab = await startLab({ config: { patchConnections: "feature-disabled" } });
    const id = await lab.uiKinesisAccount("Marketing AWS", SECRETS.KINESIS_SECRET_KEY);
    lab.write("destinations/account.yaml", `${kinesisAccount()}adoptId: ${id}\n`);
    lab.write("destinations/promo.yaml", kinesisDestination("promo"));
    const plan = await lab.cli(["plan"]);
    expect(plan.code, plan.stderr).toBe(1);
    const said = plan.stdout + plan.stderr;
    expect(said).toContain(
      "Cannot adopt account 'kinesis-marketing' in sandbox 'prod': Adobe refuses PATCH of connections there (400 FLOW-1445-400)",
    );
    expect(said).toContain("remove adoptId from account 'kinesis-marketing' and give it another name");
    // Asking changed nothing: one PATCH whose If-Match names no version, refused before it is read.
    expect((await lab.writes()).map((w) => `${w.method} ${w.route} ${w.status}`)).toEqual([
      "POST /connections 201",
      "PATCH /connections/{id} 400",
    ]);

    const mark = Math.max(...(await lab.requests()).map((r) => r.seq));
    const apply = await lab.cli(["apply", "--yes"]);
    expect(apply.code).toBe(1);
    expect(apply.stdout + apply.stderr).toContain("Cannot adopt account 'kinesis-marketing'");
    expect(apply.stdout + apply.stderr).not.toContain("did not complete");
    const landed = (await lab.writes()).filter((w) => w.seq > mark && w.status < 400);
    expect(landed).toEqual([]);
  });
});
