// Where Adobe refuses the sandbox lock's write (FLOW-1445-400 "PATCH Connection Feature not enabled"),
// apply goes on without the lock and says so once, or, with `lock: required`, refuses without a write.
import { afterEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, startLab, type Lab } from "../support/lab.js";

let lab: Lab;
afterEach(() => lab.close());

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
    // The first apply creates the lock object with its lease (a POST, which Adobe takes); its release,
    // a PATCH, is refused, so the lease runs out by itself (here 2 s).
    const first = await lab.cli(["apply", "--yes"]);
    expect(first.code, first.stderr).toBe(0);
    lab.write("destinations/other.yaml", kinesisDestination("other"));
    const second = await lab.cli(["apply", "--yes"]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr.match(/applying without the lock/g)).toHaveLength(1);
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
});
