// Concurrency: applies started at the same moment against one sandbox (two CI runners), and an apply
// racing a person in Adobe's UI. "No lost update" means, here:
//   - two applies are serialized: every non-lock write of the sandbox comes from one of them, and the
//     result is exactly one YAML's desired state (never a mix of both);
//   - a UI change the YAML agrees with is kept (not reverted, not doubled);
//   - a UI change to a field the YAML sets converges to the YAML, and the apply says whose change it
//     overwrote (a 412, a re-read, a re-plan: never silently);
//   - a UI change to an object the apply does not touch survives it and is reported as drift;
//   - no write is based on a stale etag: after a 412 on an object, its next write follows a re-read.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../support/lab.js";
import { converged, duplicates, ownerOf, sandboxOf } from "./support/invariants.js";
import { AUDIENCE_IDS, build, modelFiles, randomModel, type Model } from "./support/model.js";
import { Recorder } from "./support/recorder.js";
import { caseSeed, rng } from "./support/rng.js";
import { applyInProcess, cli, writeFolder } from "./support/runs.js";
import { SEED, SIZES, TIMEOUT_MS } from "./support/scale.js";
import { raceAfter } from "./support/ui.js";

const rec = new Recorder("concurrency");
const SECOND = { AEP_CLIENT_ID: "ci-runner-2", AEP_CLIENT_SECRET: "second-runner-secret-5521" };
// Runners with different IMS clients share the fingerprint key (else each one's fingerprints differ
// and every apply rewrites the credentials the other wrote: see docs/design.md, "Credentials").
const FINGERPRINT_KEY = "shared-fingerprint-key-3310";
rec.addSecret(SECOND.AEP_CLIENT_SECRET);
rec.addSecret(FINGERPRINT_KEY);
afterAll(() => rec.save());

let lab: Lab;
beforeEach(async () => {
  lab = await startLab({
    config: {
      clients: [
        { clientId: "demo-client", clientSecret: "demo-secret" },
        { clientId: SECOND.AEP_CLIENT_ID, clientSecret: SECOND.AEP_CLIENT_SECRET },
        { clientId: "ui-editor", clientSecret: "ui-secret", ui: true },
      ],
    },
  });
  lab.env.AEP_GITOPS_FINGERPRINT_KEY = FINGERPRINT_KEY;
  lab.write("aep-gitops.config.yaml", "maxChangePercent: 100\n");
});
afterEach(async () => {
  await rec.scanLog(lab, "concurrency");
  await lab.close();
});

const TOOLS = new Set(["demo-client", SECOND.AEP_CLIENT_ID]);
const profileId = async () =>
  sandboxOf(await lab.state(), "prod").connections.find((c) => ownerOf(c) === "profile/connection")?.id;

/** The tools' writes other than taking, renewing and releasing the lock, in arrival order. */
async function objectWrites() {
  const lock = await profileId();
  return (await lab.writes()).filter(
    (w) => TOOLS.has(w.client ?? "") && !(w.method === "PATCH" && lock && w.path.endsWith(lock)),
  );
}

/** Applies two YAML folders at the same moment, as two CI runners with their own credentials. */
async function twoAtOnce(folders: [string, string], prune: boolean) {
  const args = (folder: string) => ["apply", folder, "--yes", ...(prune ? ["--prune"] : [])];
  const [a, b] = await Promise.all([cli(lab, rec, args(folders[0])), cli(lab, rec, args(folders[1]), { env: SECOND })]);
  return { a, b, waited: [a, b].filter((r) => r.stderr.includes("Waiting for another apply")).length };
}

describe("two applies started at once against one sandbox", () => {
  it(
    `of the same YAML: both succeed, one does the work, no duplicate, no stale write (${SIZES.concurrencyRounds} random rounds, seed ${SEED})`,
    async () => {
      const rounds = [];
      for (let round = 0; round < SIZES.concurrencyRounds; round++) {
        const r = rng(caseSeed(SEED, 1000 + round));
        await lab.reset();
        const pre = randomModel(r);
        const desired = randomModel(r);
        writeFolder(lab, modelFiles(pre, r));
        await applyInProcess(lab, "destinations");
        writeFolder(lab, modelFiles(desired, r));
        const mark = Math.max(0, ...(await lab.requests()).map((e) => e.seq));
        const { a, b, waited } = await twoAtOnce(["destinations", "destinations"], false);
        expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
        const writes = (await objectWrites()).filter((w) => w.seq > mark);
        const writers = new Set(writes.map((w) => w.client));
        const stale = writes.filter((w) => w.status === 412);
        expect(
          writers.size,
          `non-lock writes from both runners:\n${writes.map((w) => `${w.seq} ${w.client} ${w.method} ${w.path} ${w.status}`).join("\n")}\n${a.stdout}\n${a.stderr}\n${b.stdout}\n${b.stderr}`,
        ).toBeLessThanOrEqual(1);
        expect(stale).toEqual([]);
        expect(
          converged(sandboxOf(await lab.state(), "prod"), desired, {
            prune: false,
            before: new Set(
              pre.destinations.map((d) => `destination/${d.name}`).concat(pre.accounts.map((x) => `account/${x.name}`)),
            ),
          }),
        ).toEqual([]);
        rounds.push({ writes: writes.length, waited });
      }
      rec.set("sameYamlRounds", rounds.length);
      rec.set(
        "sameYamlWrites",
        rounds.reduce((n, x) => n + x.writes, 0),
      );
      rec.set(
        "sameYamlWaitedForLock",
        rounds.reduce((n, x) => n + x.waited, 0),
      );
    },
    TIMEOUT_MS,
  );

  it(
    "of different YAMLs (two branches merged at once): the sandbox ends as exactly one of them, never a mix",
    async () => {
      const rounds = [];
      for (let round = 0; round < SIZES.concurrencyRounds; round++) {
        const r = rng(caseSeed(SEED, 2000 + round));
        await lab.reset();
        const [pre, one, two]: Model[] = [randomModel(r), randomModel(r), randomModel(r)];
        writeFolder(lab, modelFiles(pre!, r));
        await applyInProcess(lab, "destinations");
        writeFolder(lab, modelFiles(one!, r), "branch-one");
        writeFolder(lab, modelFiles(two!, r), "branch-two");
        const mark = Math.max(0, ...(await lab.requests()).map((e) => e.seq));
        const { a, b } = await twoAtOnce(["branch-one", "branch-two"], true);
        expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
        const state = sandboxOf(await lab.state(), "prod");
        const asOne = converged(state, one!, { prune: true });
        const asTwo = converged(state, two!, { prune: true });
        expect(duplicates(state)).toEqual([]);
        expect(
          asOne.length === 0 || asTwo.length === 0,
          `neither YAML: ${asOne.join("; ")} | ${asTwo.join("; ")}`,
        ).toBe(true);
        // Serialized: once the second runner writes, the first never writes again.
        const writes = (await objectWrites()).filter((w) => w.seq > mark);
        const switches = writes.filter((w, i) => i > 0 && w.client !== writes[i - 1]!.client).length;
        expect(switches, writes.map((w) => `${w.client} ${w.method} ${w.route}`).join("\n")).toBeLessThanOrEqual(1);
        rounds.push({ winner: asTwo.length === 0 ? "second" : "first" });
      }
      rec.set("differentYamlRounds", rounds.length);
    },
    TIMEOUT_MS,
  );

  it("three applies from an empty sandbox: one Profile connection (the lock) and no duplicate", async () => {
    const desired = randomModel(rng(SEED));
    writeFolder(lab, modelFiles(desired, rng(SEED)));
    const runs = await Promise.all([
      cli(lab, rec, ["apply", "--yes"]),
      cli(lab, rec, ["apply", "--yes"], { env: SECOND }),
      cli(lab, rec, ["apply", "--yes"]),
    ]);
    expect(
      runs.map((x) => x.code),
      runs.map((x) => x.stderr).join("\n"),
    ).toEqual([0, 0, 0]);
    expect(converged(sandboxOf(await lab.state(), "prod"), desired, { prune: true })).toEqual([]);
  });
});

/** A sandbox with two managed destinations; `one` is what the YAML changes, `two` stays as it is. */
async function twoDestinations(change: Partial<Parameters<typeof build.destination>[2]>) {
  const account = build.kinesis("acct-kinesis-a");
  const pre: Model = {
    sandbox: "prod",
    accounts: [account],
    destinations: [build.destination("one", account), build.destination("two", account)],
  };
  writeFolder(lab, modelFiles(pre, rng(SEED)));
  await applyInProcess(lab, "destinations");
  const desired: Model = {
    ...pre,
    destinations: [build.destination("one", account, change), build.destination("two", account)],
  };
  writeFolder(lab, modelFiles(desired, rng(SEED)));
  const flows = sandboxOf(await lab.state(), "prod").flows;
  const id = (name: string) => flows.find((f) => f.name === name)!.id;
  return { desired, one: id("one"), two: id("two") };
}

/** The emulator's last request so far: what an apply sends comes after it (the setup's writes do not). */
const lastSeq = async () => Math.max(0, ...(await lab.requests()).map((e) => e.seq));

const flowPath = (id: string) => `/data/foundation/flowservice/flows/${id}`;
const addAudience = (id: string) => [
  {
    op: "add",
    path: "/transformations/0/params/segmentSelectors/selectors/-",
    value: { type: "PLATFORM_SEGMENT", value: { id } },
  },
];
/** Right after the tool's read under the lock (its second list of flows). */
const UNDER_LOCK = { method: "GET", route: "/flows", nth: 2 };

async function liveAudiences(id: string): Promise<string[]> {
  const flow = (await lab.ui("GET", `/flows/${id}`)).body.items[0];
  return flow.transformations[0].params.segmentSelectors.selectors.map((s: { value: { id: string } }) => s.value.id);
}

/** After a 412 on an object, the tool's next write to it must follow a fresh read of it. */
async function noStaleWrites(): Promise<void> {
  const log = (await lab.requests()).filter((e) => e.client === "demo-client");
  log.forEach((e, i) => {
    if (e.status !== 412) return;
    const next = log.findIndex((x, j) => j > i && x.method === e.method && x.path === e.path);
    if (next < 0) return;
    const reread = log
      .slice(i + 1, next)
      .some((x) => x.method === "GET" && (x.path.split("?")[0] === e.path || x.route === e.route.replace("/{id}", "")));
    expect(reread, `write after the 412 at seq ${e.seq} without re-reading`).toBe(true);
  });
}

describe("an apply racing an edit in Adobe's UI", () => {
  it("keeps a UI change the YAML agrees with: the audience both add is there once, not reverted or doubled", async () => {
    const { desired, one } = await twoDestinations({ audiences: [{ id: AUDIENCE_IDS[0] }, { id: AUDIENCE_IDS[1] }] });
    await lab.faults({
      scripted: [
        raceAfter({ method: "PATCH", path: flowPath(one), body: addAudience(AUDIENCE_IDS[1]!), what: "" }, UNDER_LOCK),
      ],
    });
    const apply = await cli(lab, rec, ["apply", "--yes"]);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toMatch(/changed concurrently by ui-editor@AdobeID.*already matches/);
    expect((await liveAudiences(one)).sort()).toEqual([AUDIENCE_IDS[0], AUDIENCE_IDS[1]].sort());
    expect(converged(sandboxOf(await lab.state(), "prod"), desired, { prune: true })).toEqual([]);
    await noStaleWrites();
  });

  it("brings a field the YAML sets back to the YAML, and says whose concurrent change it overwrote", async () => {
    const { desired, one } = await twoDestinations({ description: "New text from Git" });
    await lab.faults({
      scripted: [
        raceAfter({ method: "PATCH", path: flowPath(one), body: addAudience(AUDIENCE_IDS[3]!), what: "" }, UNDER_LOCK),
      ],
    });
    const since = await lastSeq();
    const apply = await cli(lab, rec, ["apply", "--yes"]);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toMatch(/flow\/one was changed concurrently by ui-editor@AdobeID .*re-planned/);
    const statuses = (await lab.requests())
      .filter((e) => e.seq > since && e.client === "demo-client" && e.method === "PATCH" && e.path.endsWith(one))
      .map((e) => e.status);
    expect(statuses).toEqual([412, 202]); // a flow PATCH answers 202 without a body (streaming tutorial)
    expect(converged(sandboxOf(await lab.state(), "prod"), desired, { prune: true })).toEqual([]);
    await noStaleWrites();
  });

  it("leaves a UI change to a destination it does not touch for drift to report, never overwriting it from a stale read", async () => {
    const { two } = await twoDestinations({ description: "Only one changes" });
    await lab.faults({
      scripted: [
        raceAfter({ method: "PATCH", path: flowPath(two), body: addAudience(AUDIENCE_IDS[2]!), what: "" }, UNDER_LOCK),
      ],
    });
    const since = await lastSeq();
    const apply = await cli(lab, rec, ["apply", "--yes"]);
    expect(apply.code, apply.stderr).toBe(0);
    expect(await liveAudiences(two)).toContain(AUDIENCE_IDS[2]);
    expect(
      (await lab.writes()).filter((w) => w.seq > since && w.client === "demo-client" && w.path.endsWith(two)),
    ).toEqual([]);
    await lab.faults({});
    const drift = await cli(lab, rec, ["drift"]);
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain("ui-editor");
  });

  it("refuses, with a reviewed checksum, to overwrite a UI change made between the plan and the lock", async () => {
    const { one } = await twoDestinations({ description: "Reviewed change" });
    const plan = await cli(lab, rec, ["plan", "--detailed-exitcode"]);
    const checksum = /Checksum: ([0-9a-f]{64})/.exec(plan.stdout)![1]!;
    await lab.faults({
      scripted: [
        raceAfter(
          { method: "PATCH", path: flowPath(one), body: addAudience(AUDIENCE_IDS[2]!), what: "" },
          { method: "GET", route: "/flows", nth: 1 },
        ),
      ],
    });
    const mark = Math.max(0, ...(await lab.requests()).map((e) => e.seq));
    const apply = await cli(lab, rec, ["apply", "--yes", "--expect-checksum", checksum]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toMatch(/changed|checksum/);
    expect((await objectWrites()).filter((w) => w.seq > mark)).toEqual([]);
    expect(await liveAudiences(one)).toContain(AUDIENCE_IDS[2]);
  });
});
