// A first apply of 60 destinations whose selector PATCHes Adobe refuses part of the time: the flows it
// created are left without selectors. With the fault gone, the next plain `apply --yes` finishes them:
// finishing this tool's own creates is not a change the change guard counts, so no --force is needed.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, startLab, type Lab } from "../support/lab.js";

const DESTINATIONS = 60;
let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
  for (let i = 0; i < DESTINATIONS; i++)
    lab.write(
      `destinations/dest-${i}.yaml`,
      kinesisDestination(`dest-${i}`, { description: `Campaign "${i}" – EMEA` }),
    );
});
afterEach(() => lab.close());

describe("a first apply whose selector PATCHes Adobe refused", () => {
  it("converges on the next apply without --force", async () => {
    // From the 20th flow PATCH on, Adobe refuses every one (a 400, as a bad request would be).
    await lab.faults({
      scripted: [
        {
          method: "PATCH",
          route: "/flows/{id}",
          nth: 20,
          from: true,
          action: { type: "status", status: 400, body: { code: "FLOW-1451-400", message: "refused" } },
        },
      ],
    });
    const partial = await lab.cli(["apply", "--yes"]);
    expect(partial.code).toBe(1);
    expect(partial.stderr).toMatch(/\d+ item\(s\) did not complete; the others were applied/);
    const failed = Number(/(\d+) item\(s\) did not complete/.exec(partial.stderr)![1]);
    expect(failed).toBeGreaterThan(DESTINATIONS * 0.3);

    await lab.faults({});
    const again = await lab.cli(["apply", "--yes"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain("Too many changes");
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  });

  it("still refuses more than maxChangePercent of real changes without --force", async () => {
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    for (let i = 0; i < 30; i++)
      lab.write(`destinations/dest-${i}.yaml`, kinesisDestination(`dest-${i}`, { description: "edited" }));
    const refused = await lab.cli(["apply", "--yes"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Too many changes: 49\.18% of the destinations and accounts .* \(30\/61\)/);
  });
});
