// Races, throttling and crashes: the run either converges or says exactly what it could not do.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, PROD_AUDIENCES, startLab, type Lab } from "../support/lab.js";

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
  for (const name of ["one", "two", "three"]) lab.write(`destinations/${name}.yaml`, kinesisDestination(name));
});
afterEach(() => lab.close());

describe("a concurrent edit in Adobe's UI between read and write (412)", () => {
  it("re-reads and re-plans that flow, converges, and reports what it found", async () => {
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    // The first apply PATCHes each flow it creates (its selectors); only the second apply's count here.
    const mark = Math.max(...(await lab.requests()).map((r) => r.seq));
    const flow = (await lab.ui("GET", "/flows?property=name==two")).body.items[0];
    lab.write(
      "destinations/two.yaml",
      kinesisDestination("two", { audiences: [PROD_AUDIENCES[0]!, PROD_AUDIENCES[2]!] }),
    );
    // Right after the tool lists the flows under its lock (its second read: the first is the plan it
    // shows), a person removes the first audience and adds another.
    await lab.faults({
      scripted: [
        {
          method: "GET",
          route: "/flows",
          client: "demo-client",
          nth: 2,
          action: {
            type: "after",
            request: {
              client: "ui-editor",
              method: "PATCH",
              path: `/data/foundation/flowservice/flows/${flow.id}`,
              body: [
                { op: "remove", path: "/transformations/0/params/segmentSelectors/selectors/0" },
                {
                  op: "add",
                  path: "/transformations/0/params/segmentSelectors/selectors/-",
                  value: { type: "PLATFORM_SEGMENT", value: { id: PROD_AUDIENCES[4] } },
                },
              ],
            },
          },
        },
      ],
    });
    const apply = await lab.cli(["apply", "--yes"]);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toMatch(/changed concurrently by ui-editor@AdobeID/);
    const statuses = (await lab.requests())
      .filter((r) => r.seq > mark && r.method === "PATCH" && r.route === "/flows/{id}" && r.client === "demo-client")
      .map((r) => r.status);
    expect(statuses).toEqual([412, 202]); // a flow PATCH answers 202 without a body (streaming tutorial)
    const live = (await lab.ui("GET", `/flows/${flow.id}`)).body.items[0];
    const ids = live.transformations[0].params.segmentSelectors.selectors
      .map((s: { value: { id: string } }) => s.value.id)
      .sort();
    expect(ids).toEqual([PROD_AUDIENCES[0], PROD_AUDIENCES[2]].sort());
    await lab.faults({});
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  });
});

describe("throttling", () => {
  it("waits out a Retry-After before sending anything else", async () => {
    // The first write (taking the sandbox lock) is the only request in flight when it is throttled.
    await lab.faults({
      scripted: [
        {
          writes: true,
          nth: 1,
          action: {
            type: "status",
            status: 429,
            headers: { "retry-after": "2" },
            body: { error_code: "429050", message: "Too many requests" },
          },
        },
      ],
    });
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    const log = await lab.requests();
    const hit = log.find((r) => r.status === 429)!;
    const next = log.find((r) => r.seq > hit.seq)!;
    expect(next.at - (hit.at + (hit.durationMs ?? 0))).toBeGreaterThanOrEqual(2000);
  });

  it("honours an HTTP-date Retry-After too", async () => {
    await lab.faults({ seed: 3, rates: { "429": 0.15 }, retryAfter: "http-date", retryAfterSeconds: 1 });
    expect((await lab.cli(["apply", "--yes"], { env: { AEP_GITOPS_LOCK_TTL_SECONDS: "30" } })).code).toBe(0);
    await lab.faults({});
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  }, 60_000);

  it("converges through a 429 storm, retrying each throttled call only after Retry-After", async () => {
    await lab.faults({ seed: 7, rates: { "429": 0.3 }, retryAfter: "seconds", retryAfterSeconds: 1 });
    // A lease of a realistic length: under a storm of 1 s Retry-Afters, a 2 s lease may run out, and an
    // apply whose lease ran out stops writing (by design).
    const apply = await lab.cli(["apply", "--yes"], { env: { AEP_GITOPS_LOCK_TTL_SECONDS: "30" } });
    expect(apply.code).toBe(0);
    const log = await lab.requests();
    const throttled = log.filter((r) => r.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    for (const hit of throttled) {
      const answered = hit.at + (hit.durationMs ?? 0);
      // Requests already on the wire may still land; the throttled call itself comes back a second later.
      const retried = log.find(
        (r) => r.seq > hit.seq && r.method === hit.method && r.path === hit.path && r.at >= answered + 1000,
      );
      expect(retried, `retry of ${hit.method} ${hit.path} (seq ${hit.seq})`).toBeDefined();
    }
    await lab.faults({});
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  }, 60_000);
});

describe("a partial failure", () => {
  it("finishes the independent work, reports each item, exits 1, and a re-run converges", async () => {
    // Adobe refuses the first flow create outright (a 400 is not retried): only that destination fails.
    await lab.faults({
      scripted: [
        {
          method: "POST",
          route: "/flows",
          nth: 1,
          action: {
            type: "status",
            status: 400,
            body: {
              type: "https://ns.adobe.com/aep/errors/FLOW-1451-400",
              title: "Bad request",
              status: 400,
              report: { "detailed-message": "transformations are not valid" },
            },
          },
        },
      ],
    });
    const first = await lab.cli(["apply", "--yes"]);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(
      /✗ failed to create flow \w+: POST \/data\/foundation\/flowservice\/flows → 400 FLOW-1451-400: transformations are not valid/,
    );
    expect(first.stdout).toContain("Apply complete: 8 succeeded, 1 failed, 0 skipped.");
    expect(first.stderr).toContain("run apply again");
    expect((await lab.ui("GET", "/flows?limit=100")).body.items).toHaveLength(2);
    await lab.faults({});
    const second = await lab.cli(["apply", "--yes"]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("Apply complete: 1 succeeded, 0 failed, 0 skipped.");
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  });
});

describe("two applies at once", () => {
  it("serialize on the sandbox lock: one creates, the other finds nothing left to do, no duplicates", async () => {
    const [a, b] = await Promise.all([lab.cli(["apply", "--yes"]), lab.cli(["apply", "--yes"])]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    expect((await lab.ui("GET", "/flows?limit=100")).body.items).toHaveLength(3);
    expect((await lab.ui("GET", "/targetConnections?limit=100")).body.items).toHaveLength(3);
    expect((await lab.ui("GET", "/sourceConnections?limit=100")).body.items).toHaveLength(1);
    expect((await lab.ui("GET", "/connections?limit=100")).body.items).toHaveLength(2);
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  });
});

describe("a crash after any write", () => {
  it("converges with no duplicates when the process is killed after its k-th write, for every k", async () => {
    const total = 2 + 1 + 2 * 3; // Profile pair, account, target + flow per destination
    for (let k = 1; k <= total; k++) {
      await lab.reset();
      // The k-th write lands in Adobe, and then the answer never comes back: the process is killed.
      await lab.faults({ scripted: [{ writes: true, nth: k, action: { type: "commit-then-hang" } }] });
      const crashed = lab.cli(["apply", "--yes"]);
      await waitFor(async () => (await lab.metrics()).hung >= 1);
      crashed.kill();
      await crashed;
      await lab.faults({});
      const rerun = await lab.cli(["apply", "--yes"]);
      expect(rerun.code, `k=${k}: ${rerun.stderr}`).toBe(0);
      const state = (await lab.ui("GET", "/flows?limit=100")).body.items;
      expect(state.map((f: { name: string }) => f.name).sort(), `k=${k}`).toEqual(["one", "three", "two"]);
      const targets = (await lab.ui("GET", "/targetConnections?limit=100")).body.items;
      expect(targets, `k=${k}`).toHaveLength(3);
      const accounts = (await lab.ui("GET", "/connections?limit=100")).body.items;
      expect(accounts, `k=${k}`).toHaveLength(2); // the Kinesis account and the Profile connection
      expect((await lab.ui("GET", "/sourceConnections?limit=100")).body.items, `k=${k}`).toHaveLength(1);
      expect((await lab.cli(["plan", "--detailed-exitcode"])).code, `k=${k}`).toBe(0);
    }
  }, 120_000);
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("timed out waiting");
}
