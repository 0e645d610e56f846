// Isolation: with a tool config that maps prod and dev, a run for dev never reads or writes prod: every
// request carries x-sandbox-name: dev (the emulator runs in strict mode, so a missing header is an
// error rather than a silent prod), and prod is byte-for-byte what it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../support/lab.js";
import { COLLECTIONS, converged, sandboxOf, type SandboxState } from "./support/invariants.js";
import { build, modelFiles, type Model } from "./support/model.js";
import { Recorder } from "./support/recorder.js";
import { rng } from "./support/rng.js";
import { cli, writeFolder, type TimedRun } from "./support/runs.js";
import { SEED } from "./support/scale.js";
import { createForeign, FOREIGN_SECRET } from "./support/ui.js";

const rec = new Recorder("isolation");
rec.addSecret(FOREIGN_SECRET);
const account = build.kinesis("acct-kinesis-a");
const hubs = build.hubs("acct-hubs-a");
/** The same names in both sandboxes, as promotion from dev to prod keeps them. */
const PROD: Model = {
  sandbox: "prod",
  accounts: [account, hubs],
  destinations: [build.destination("summer", account), build.destination("winter", hubs)],
};
const DEV: Model = {
  sandbox: "dev",
  accounts: [account],
  // "Men over 50" by name: dev's own audience of that name (ids differ per sandbox).
  destinations: [
    build.destination("summer", account, { audiences: [{ name: "Men over 50" }], description: "Dev copy" }),
    build.destination("dev-only", account, { audiences: [] }),
  ],
};

let lab: Lab;
let prodBefore: SandboxState;
let mark = 0;
const devRuns: TimedRun[] = [];
beforeAll(async () => {
  lab = await startLab({ config: { strictSandboxHeader: true } });
  lab.write("aep-gitops.config.yaml", "sandboxes:\n  prod: destinations/prod\n  dev: destinations/dev\n");
  writeFolder(lab, modelFiles(PROD, rng(SEED)), "destinations/prod");
  writeFolder(lab, modelFiles(DEV, rng(SEED)), "destinations/dev");
  const prod = await cli(lab, rec, ["apply", "--sandbox", "prod", "--yes"]);
  expect(prod.code, prod.stderr).toBe(0);
  await createForeign(lab, "ui-made", "prod");
  prodBefore = sandboxOf(await lab.state(), "prod");
  mark = Math.max(0, ...(await lab.requests()).map((e) => e.seq));
});
afterAll(async () => {
  await rec.scanLog(lab, "isolation");
  await lab.close();
  rec.save();
});

const versions = (s: SandboxState) => COLLECTIONS.flatMap((c) => s[c].map((o) => `${c}/${o.id}@${o.etag}`)).sort();

describe("a run for sandbox dev, with prod and dev in the tool config", () => {
  it("validates, plans, applies with prune, reports drift and imports dev only", async () => {
    for (const args of [
      ["validate", "--sandbox", "dev"],
      ["plan", "--detailed-exitcode", "--sandbox", "dev"],
      ["plan", "--detailed-exitcode", "--sandbox", "dev", "--format", "json"],
      ["apply", "--sandbox", "dev", "--yes", "--prune"],
      ["drift", "--sandbox", "dev"],
      ["plan", "--detailed-exitcode", "destinations/dev", "--sandbox", "dev", "--format", "markdown"],
      ["import", "--sandbox", "dev", "--out", "imported-dev"],
    ]) {
      const run = await cli(lab, rec, args);
      devRuns.push(run);
      expect(run.code, `${args.join(" ")}: ${run.stderr}`).toBeLessThanOrEqual(2);
      expect(run.code).not.toBe(1);
    }
    const dev = sandboxOf(await lab.state(), "dev");
    expect(converged(dev, DEV, { prune: true })).toEqual([]);
  });

  it("retries and re-plans inside dev too: under injected faults and a UI edit in dev", async () => {
    const flow = sandboxOf(await lab.state(), "dev").flows.find((f) => f.name === "summer")!;
    writeFolder(
      lab,
      modelFiles(
        { ...DEV, destinations: DEV.destinations.map((d) => ({ ...d, description: "Changed under faults" })) },
        rng(SEED),
      ),
      "destinations/dev",
    );
    await lab.faults({
      seed: SEED,
      rates: { "500": 0.08, "503": 0.05, reset: 0.04, "429": 0.03 },
      retryAfterSeconds: 0,
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
              sandbox: "dev",
              body: [
                {
                  op: "add",
                  path: "/transformations/0/params/profileSelectors/selectors/-",
                  value: { type: "JSON_PATH", value: { path: "mobilePhone.number" } },
                },
              ],
            },
          },
        },
      ],
    });
    let run = await cli(lab, rec, ["apply", "--sandbox", "dev", "--yes"]);
    devRuns.push(run);
    if (run.code !== 0) devRuns.push((run = await cli(lab, rec, ["apply", "--sandbox", "dev", "--yes"])));
    await lab.faults({});
    expect(run.code, run.stderr).toBe(0);
  });

  it("with folder paths and AEP_SANDBOX=dev, plans and applies dev as validate and import do, never the first configured sandbox", async () => {
    const since = Math.max(0, ...(await lab.requests()).map((e) => e.seq));
    const env = { env: { AEP_SANDBOX: "dev" } };
    const runs = [
      await cli(lab, rec, ["validate", "destinations/dev"], env),
      await cli(lab, rec, ["plan", "--detailed-exitcode", "destinations/dev"], env),
      await cli(lab, rec, ["apply", "destinations/dev", "--yes"], env),
    ];
    devRuns.push(...runs.map((r) => ({ ...r, args: ["AEP_SANDBOX=dev", ...r.args] })));
    const log = (await lab.requests()).filter((e) => e.seq > since);
    expect(log.filter((e) => e.sandbox === "prod").map((e) => `${e.method} ${e.path}`)).toEqual([]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(versions(sandboxOf(await lab.state(), "prod"))).toEqual(versions(prodBefore));
  });

  it("resolves an audience given by name to dev's own id, not prod's", async () => {
    const summer = sandboxOf(await lab.state(), "dev").flows.find((f) => f.name === "summer")!;
    const ids = JSON.stringify(summer.transformations);
    expect(ids).toContain("b05260be-08ce-47e5-89ae-c7d6ec80326b");
    expect(ids).not.toContain("72ddd79b-6b0a-4e97-a8d2-112ccd81bd02");
  });

  it("never sent a request to prod, and left every prod object as it was", async () => {
    const log = (await lab.requests()).filter((e) => e.seq > mark);
    const outside = log.filter((e) => !(e.sandbox === "dev" || (e.sandbox === null && e.path.startsWith("/ims/"))));
    rec.set("devRuns", devRuns.length);
    rec.set(
      "devCommands",
      devRuns.map((r) => r.args.join(" ")),
    );
    rec.set("requestsChecked", log.length);
    rec.set("requestsToDev", log.filter((e) => e.sandbox === "dev").length);
    rec.set("requestsOutsideDev", outside.length);
    rec.set("faultedDevRequests", log.filter((e) => e.fault).length);
    const prodAfter = sandboxOf(await lab.state(), "prod");
    const changed = versions(prodBefore).filter((v) => !versions(prodAfter).includes(v));
    rec.set("prodObjects", versions(prodBefore).length);
    rec.set("prodObjectsChanged", changed.length);
    rec.check(
      "a run for dev never reads or writes prod (every request carries sandbox dev, IMS aside)",
      outside.length === 0,
    );
    rec.check(
      "prod unchanged (every object's etag)",
      changed.length === 0 && versions(prodAfter).length === versions(prodBefore).length,
    );
    expect(outside.map((e) => `${e.method} ${e.path} sandbox=${e.sandbox}`)).toEqual([]);
    expect(changed).toEqual([]);
    expect(versions(prodAfter)).toEqual(versions(prodBefore));
  });
});
