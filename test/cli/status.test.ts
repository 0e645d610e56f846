// `aep-gitops status`: is data flowing? Verdicts from Adobe's dataflow runs (hourly windows), read for a
// whole sandbox in one list, through the real CLI against the emulator with scripted windows.
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, startLab, type Lab } from "../support/lab.js";

let lab: Lab;
const statusSchema = JSON.parse(readFileSync("schemas/output/status.schema.json", "utf8"));

async function setUp(options: Parameters<typeof startLab>[0] = {}) {
  lab = await startLab(options);
  lab.write("destinations/account.yaml", kinesisAccount());
  lab.write("destinations/orders.yaml", kinesisDestination("orders"));
  lab.write("destinations/loyalty.yaml", kinesisDestination("loyalty"));
  lab.write("destinations/paused.yaml", kinesisDestination("paused", { state: "disabled" }));
  const apply = await lab.cli(["apply", "--yes"]);
  expect(apply.code, apply.stderr).toBe(0);
}

async function flowId(name: string): Promise<string> {
  return (await lab.ui("GET", `/flows?property=name==${name}`)).body.items[0].id;
}

afterEach(() => lab?.close());

describe("status", () => {
  beforeEach(() => setUp());

  it("names a failing destination with its failed count and Adobe's error code, and exits 2", async () => {
    await lab.scriptRuns({
      flowId: await flowId("orders"),
      windows: [
        { hoursAgo: 3, received: 2000, excluded: 10 },
        {
          hoursAgo: 2,
          received: 1500,
          failed: 120,
          errors: [{ code: "KINESIS-3001-500", message: "Stream throughput exceeded", count: 120 }],
        },
        {
          hoursAgo: 1,
          completedAfterMinutes: 0,
          status: "failed",
          received: 900,
          failed: 900,
          errors: [{ code: "KINESIS-3001-500", message: "Stream throughput exceeded", count: 900 }],
        },
      ],
    });
    await lab.scriptRuns({
      flowId: await flowId("loyalty"),
      windows: [{ hoursAgo: 1, completedAfterMinutes: 0, received: 300, excluded: 3 }],
    });

    const text = await lab.cli(["status"]);
    expect(text.code, text.stderr).toBe(2);
    const lines = text.stdout.split("\n");
    // Worst first: the failing destination leads.
    expect(lines[1]).toContain("✗ prod/orders: failing: the latest window failed (900 identities failed)");
    expect(text.stdout).toContain("KINESIS-3001-500 ×1,020: Stream throughput exceeded");
    expect(text.stdout).toMatch(
      /4,400 profiles received, identities ≈3,370 activated \/ ≈10 excluded \/ ≈1,020 failed, in 3 windows \(2 with failures\)/,
    );
    expect(text.stdout).toContain("✓ prod/loyalty: healthy");
    expect(text.stdout).toContain("- prod/paused: not running: the dataflow is disabled");
    expect(text.stdout).toContain("Adobe estimates the identity figures");
    expect(text.stdout).toContain("3 destinations: 1 failing, 1 not running, 1 healthy.");

    const json = JSON.parse((await lab.cli(["status", "--format", "json"])).stdout);
    const ajv = new Ajv({ strict: false });
    expect(ajv.validate(statusSchema, json), JSON.stringify(ajv.errors)).toBe(true);
    expect(json.destinations[0]).toMatchObject({
      destination: "orders",
      verdict: "failing",
      estimated: true,
      last24h: { windows: 3, failedWindows: 2, failed: 1020 },
      topErrors: [{ code: "KINESIS-3001-500", message: "Stream throughput exceeded", count: 1020 }],
    });

    const markdown = (await lab.cli(["status", "--format", "markdown"])).stdout;
    expect(markdown).toContain("| 🔴 | `prod/orders` | failing: the latest window failed (900 identities failed) |");
  });

  it("says when a failing destination recovered", async () => {
    await lab.scriptRuns({
      flowId: await flowId("orders"),
      windows: [
        {
          hoursAgo: 3,
          status: "failed",
          errors: [{ code: "KINESIS-3001-500", message: "Stream throughput exceeded" }],
        },
        { hoursAgo: 2 },
        { hoursAgo: 1, completedAfterMinutes: 0 },
      ],
    });
    const json = JSON.parse((await lab.cli(["status", "--format", "json"])).stdout);
    const orders = json.destinations.find((d: { destination: string }) => d.destination === "orders");
    expect(orders.verdict).toBe("healthy");
    expect(orders.recoveredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:00:00\.000Z$/);
  });

  it("flags an enabled destination with no window for hours as silent, and a just-changed one as starting", async () => {
    // Both flows were created a moment ago: their first window is not due yet.
    const fresh = await lab.cli(["status"]);
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toContain("… prod/orders: starting: changed less than 150 minutes ago");
    // Three hours on, orders has produced nothing since a window six hours ago; loyalty ran every hour.
    await lab.advanceClock(3 * 3600);
    await lab.scriptRuns({ flowId: await flowId("orders"), generate: false, windows: [{ hoursAgo: 6 }] });
    const later = await lab.cli(["status"]);
    expect(later.code).toBe(2);
    expect(later.stdout).toMatch(/! prod\/orders: silent: no window has completed for [45] h/);
    expect(later.stdout).toContain("✓ prod/loyalty: healthy");
  });

  it("reads the runs of the whole sandbox in one list, and one more for the flows quiet all day", async () => {
    await lab.scriptRuns({ flowId: await flowId("orders"), windows: [{ hoursAgo: 1, completedAfterMinutes: 0 }] });
    const calls = async (args: string[]) => {
      const before = ((await lab.metrics()).byRoute ?? {}) as Record<string, number>;
      const run = await lab.cli(args);
      const after = (await lab.metrics()).byRoute as Record<string, number>;
      const delta = Object.fromEntries(
        Object.entries(after)
          .map(([k, v]) => [k, v - (before[k] ?? 0)])
          .filter(([, v]) => (v as number) > 0),
      );
      return { code: run.code, delta };
    };
    // loyalty was created a moment ago: not due yet, so nothing older is looked for.
    expect(await calls(["status"])).toEqual({
      code: 0,
      delta: { "POST /ims/token/v3": 1, "GET /flows": 1, "GET /runs": 1 },
    });
    // Hours later, loyalty and a third flow have still sent nothing: one more list finds their latest windows.
    await lab.advanceClock(3 * 3600);
    await lab.scriptRuns({ flowId: await flowId("orders"), windows: [{ hoursAgo: 1, completedAfterMinutes: 0 }] });
    await lab.scriptRuns({ flowId: await flowId("loyalty"), generate: false, windows: [{ hoursAgo: 30 }] });
    const later = await calls(["status", "--format", "json"]);
    expect(later.delta).toEqual({ "POST /ims/token/v3": 1, "GET /flows": 1, "GET /runs": 2 });
  });
});

describe("status where Adobe caps or refuses the runs", () => {
  it("reads every window where a list stops at Adobe's 100 runs without a next link", async () => {
    await setUp({ config: { runsListCap: 100 } });
    const names = ["orders", "loyalty", "north", "south", "west"];
    for (const name of names.slice(2)) lab.write(`destinations/${name}.yaml`, kinesisDestination(name));
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    // 23 completed windows each: 115 in the day, more than one list answers.
    const windows = Array.from({ length: 23 }, (_, i) => ({ hoursAgo: i + 1, completedAfterMinutes: 0, received: 10 }));
    for (const name of names) await lab.scriptRuns({ flowId: await flowId(name), windows });
    const before = ((await lab.metrics()).byRoute ?? {}) as Record<string, number>;
    const json = JSON.parse((await lab.cli(["status", "--format", "json"])).stdout);
    for (const d of json.destinations.filter((d: { destination: string }) => names.includes(d.destination)))
      expect(d.last24h, d.destination).toMatchObject({ windows: 23, received: 230 });
    const after = (await lab.metrics()).byRoute as Record<string, number>;
    // One list cut at 100, then its two halves (3 and 2 flows: 69 and 46 runs).
    expect(after["GET /runs"]! - (before["GET /runs"] ?? 0)).toBe(3);
  });

  it("degrades to one note when the runs are refused, and still exits 0", async () => {
    await setUp({ config: { runsApi: 403 } });
    const run = await lab.cli(["status"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /Note: Could not read the dataflow runs of sandbox prod \(.*403.*\): the health of its destinations is not shown/,
    );
    expect(run.stdout).toContain("? prod/orders: unknown: its dataflow runs could not be read");
    expect(run.stdout.match(/Could not read/g)).toHaveLength(1);
  });
});

describe("status of some destinations", () => {
  beforeEach(() => setUp());

  it("reports only the destinations --destination names (globs too), and refuses one that matches none", async () => {
    const some = await lab.cli(["status", "--destination", "ord*", "--format", "json"]);
    expect(some.code, some.stderr + some.stdout).toBe(0);
    expect(JSON.parse(some.stdout).destinations.map((d: { destination: string }) => d.destination)).toEqual(["orders"]);
    const none = await lab.cli(["status", "--destination", "oders"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("No destination named 'oders'");
  });
});
