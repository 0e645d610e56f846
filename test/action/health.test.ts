// The Action as the morning report: the drift issue carries each destination's health, opens on a failing
// or silent destination alone, says when one recovered and closes when all is well; `health: fail` fails
// the job, `ignore` reads no runs; and a plan comment shows the health of the destinations it changes.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DRIFT_LABEL } from "../../src/action/labels.js";
import { kinesisAccount, kinesisDestination } from "../support/lab.js";
import { pullRequestEvent, scheduleEvent, sha } from "./events.js";
import { startActionLab, type ActionLab } from "./harness.js";

let t: ActionLab;
let orders: string;
beforeEach(async () => {
  t = await startActionLab();
  t.lab.write("destinations/account.yaml", kinesisAccount());
  t.lab.write("destinations/orders.yaml", kinesisDestination("orders"));
  expect((await t.lab.cli(["apply", "--yes"])).code).toBe(0);
  orders = (await t.lab.ui("GET", "/flows?property=name==orders")).body.items[0].id;
});
afterEach(() => t.close());

const drift = (inputs: Record<string, string> = {}) =>
  t.run({ command: "drift", eventName: "schedule", payload: scheduleEvent(), sha: sha("d"), inputs });

const failing = () =>
  t.lab.scriptRuns({
    flowId: orders,
    windows: [
      { hoursAgo: 2 },
      {
        hoursAgo: 1,
        completedAfterMinutes: 0,
        status: "failed",
        received: 500,
        failed: 500,
        errors: [{ code: "KINESIS-3001-500", message: "Stream throughput exceeded", count: 500 }],
      },
    ],
  });

describe("the drift job's health", () => {
  it("opens the issue on a failing destination alone, then says it recovered and closes it", async () => {
    await failing();
    const first = await drift();
    expect(first.code).toBe(0);
    expect(first.outputs).toMatchObject({ "drift-count": "0", "health-attention": "1" });
    expect(first.stdout).toMatch(
      /^::warning title=aep-gitops%3A health::1 destination\(s\) failing or silent: prod\/orders/m,
    );
    const [issue] = t.github.issues(DRIFT_LABEL);
    expect(issue!.title).toBe("aep-gitops: 1 destination failing or silent");
    expect(issue!.body).toContain("| 🔴 | `prod/orders` | failing: the latest window failed (500 identities failed)");
    expect(issue!.body).toContain("`KINESIS-3001-500` ×500 Stream throughput exceeded");

    await t.lab.scriptRuns({
      flowId: orders,
      windows: [
        { hoursAgo: 2, status: "failed" },
        { hoursAgo: 1, completedAfterMinutes: 0 },
      ],
    });
    const second = await drift();
    expect(second.outputs["health-attention"]).toBe("0");
    expect(t.github.issues(DRIFT_LABEL)[0]!.state).toBe("closed");
    const closing = t.github.comments(issue!.number).at(-1)!.body;
    expect(closing).toContain("no destination is failing or silent");
    expect(closing).toMatch(
      /Recovered: `prod\/orders` \(healthy: the latest window completed without failures; recovered at/,
    );
  });

  it("keeps the issue open for drift while saying which destination recovered since the last check", async () => {
    await failing();
    await drift();
    await t.lab.uiPatchFlow(orders, [{ op: "remove", path: "/transformations/0/params/profileSelectors/selectors/0" }]);
    await t.lab.scriptRuns({ flowId: orders, windows: [{ hoursAgo: 1, completedAfterMinutes: 0 }] });
    const run = await drift();
    expect(run.outputs).toMatchObject({ "drift-count": "1", "health-attention": "0" });
    const [issue] = t.github.issues(DRIFT_LABEL);
    expect(issue!.title).toBe("aep-gitops: drift (1 object)");
    expect(issue!.body).toContain("### Recovered since the last check");
    expect(issue!.body).toContain("- `prod/orders` recovered: healthy");
    expect(issue!.body).toMatch(/`ui-editor@example\.com` Profile Remove/);
  });

  it("health: fail fails the job; health: ignore reads no runs", async () => {
    await failing();
    expect((await drift({ health: "fail" })).code).toBe(1);
    const before = (await t.lab.requests()).length;
    const ignored = await drift({ health: "ignore" });
    expect(ignored.code).toBe(0);
    expect(ignored.outputs["health-attention"]).toBe("0");
    const runsRead = (await t.lab.requests()).slice(before).filter((r) => r.path.includes("/runs"));
    expect(runsRead).toEqual([]);
  });

  it("refused runs and audit events are one notice each, and drift is still reported", async () => {
    await t.close();
    t = await startActionLab({ lab: { config: { runsApi: 403, auditApi: 404 } } });
    t.lab.write("destinations/account.yaml", kinesisAccount());
    t.lab.write("destinations/orders.yaml", kinesisDestination("orders"));
    expect((await t.lab.cli(["apply", "--yes"])).code).toBe(0);
    orders = (await t.lab.ui("GET", "/flows?property=name==orders")).body.items[0].id;
    await t.lab.uiPatchFlow(orders, [{ op: "remove", path: "/transformations/0/params/profileSelectors/selectors/0" }]);
    const run = await drift();
    expect(run.code).toBe(0);
    expect(run.outputs["drift-count"]).toBe("1");
    expect(run.stdout.match(/^::notice title=aep-gitops%3A not read::/gm)).toHaveLength(2);
  });
});

describe("the plan comment's health", () => {
  it("shows the health of each destination the plan changes, so a reviewer does not widen a failing flow", async () => {
    await failing();
    t.lab.write("destinations/orders.yaml", kinesisDestination("orders", { attributes: ["person.lastName"] }));
    t.lab.write("destinations/winter.yaml", kinesisDestination("winter"));
    const pr = t.github.openPullRequest("narrow orders, add winter", sha("e"));
    const run = await t.run({
      command: "plan",
      eventName: "pull_request",
      payload: pullRequestEvent(pr, sha("e")),
      sha: sha("e"),
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const body = t.github.comments(pr)[0]!.body;
    expect(body).toContain("**Health of the destinations this changes**");
    expect(body).toContain("- 🔴 `orders` is **failing**: the latest window failed (500 identities failed)");
    expect(body).toContain("`KINESIS-3001-500`");
    // winter is created by the plan: no runs to show.
    expect(body).not.toMatch(/`winter` is \*\*/);
  });
});
