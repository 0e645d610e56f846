// `apply --format jsonl`, as Terraform's -json UI: one JSON document per line as the apply goes (each
// request to Adobe sent and answered, each change started and its item done) and the summary last, the
// same document `--format json` prints. Every line is checked against its schema; nothing else is on
// stdout, and an apply that fails in part or is interrupted still ends with the summary line.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outputValidator } from "../support/json-output.js";
import { kinesisAccount, kinesisDestination, SECRETS, startLab, type Lab } from "../support/lab.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed documents

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
  for (const name of ["summer", "winter", "spring"]) lab.write(`destinations/${name}.yaml`, kinesisDestination(name));
});
afterEach(() => lab.close());

/** Every line of stdout as a document, each valid against the schema its `format` names. */
function lines(stdout: string): Json[] {
  expect(stdout.endsWith("\n")).toBe(true);
  return stdout
    .slice(0, -1)
    .split("\n")
    .map((line) => {
      const doc = JSON.parse(line) as Json;
      const kind = /^aep-gitops\.(.*)\/v1$/.exec(doc.format)![1]!;
      const validate = outputValidator(kind)!;
      expect(validate(doc), `${line}\n${JSON.stringify(validate.errors)}`).toBe(true);
      return doc;
    });
}

/**
 * The events in the order they came, checked for pairing: a call finishes after it started, an item is
 * done after it started. Only an item that sends nothing of its own has no start: one skipped, or the
 * Profile connection the sandbox lock created earlier in the run.
 */
function checkOrder(events: Json[]): void {
  const calls = new Map<number, number>();
  const items = new Map<string, number>();
  events.forEach((e, i) => {
    if (e.type === "call-started") calls.set(e.call, i);
    if (e.type === "call-finished") expect(calls.get(e.call) ?? i, `call ${e.call} finished first`).toBeLessThan(i);
    if (e.type === "item-started") items.set(`${e.sandbox}:${e.ref}`, i);
    if (e.type !== "item-done") return;
    const started = items.get(`${e.sandbox}:${e.ref}`);
    if (started === undefined) expect(e.status === "skipped" || e.ref === "profile-connection", e.ref).toBe(true);
    else expect(started, `${e.ref} done before it started`).toBeLessThan(i);
  });
}

describe("apply --format jsonl", () => {
  it("streams each request and each item, then the summary on one line, and nothing else on stdout", async () => {
    const run = await lab.cli(["apply", "--yes", "--format", "jsonl"]);
    expect(run.code, run.stderr).toBe(0);
    const docs = lines(run.stdout);
    const summary = docs.at(-1)!;
    const events = docs.slice(0, -1);
    expect(summary.format).toBe("aep-gitops.apply/v1");
    expect(events.every((e) => e.format === "aep-gitops.apply-event/v1")).toBe(true);
    checkOrder(events);

    // Every request: the reads of the plan, the lock, the writes; each path a template, never a query.
    const started = events.filter((e) => e.type === "call-started");
    const finished = events.filter((e) => e.type === "call-finished");
    expect(finished.map((e) => e.call).sort()).toEqual(started.map((e) => e.call).sort());
    expect(started.some((e) => e.method === "GET" && e.path === "/data/foundation/flowservice/flows")).toBe(true);
    expect(started.some((e) => e.method === "PATCH" && e.path === "/data/foundation/flowservice/flows/{id}")).toBe(
      true,
    );
    for (const e of started) expect(e.path).not.toMatch(/\?|[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(finished.every((e) => typeof e.status === "number" && e.ms >= 0)).toBe(true);
    for (const secret of Object.values(SECRETS)) expect(run.stdout).not.toContain(secret);
    expect(run.stdout).not.toContain("demo-secret");

    // One item event per item of the summary, with the same content.
    const done = events.filter((e) => e.type === "item-done");
    const items = summary.results.flatMap((r: Json) => r.items.map((i: Json) => ({ sandbox: r.sandbox, ...i })));
    expect(done.map(({ format: _f, type: _t, at: _a, ...item }) => item)).toEqual(expect.arrayContaining(items));
    expect(done).toHaveLength(items.length);
    expect(summary.summary).toEqual({ done: items.length, failed: 0, skipped: 0 });
    // All but the Profile connection, which the sandbox lock created before the items ran.
    expect(events.filter((e) => e.type === "item-started")).toHaveLength(items.length - 1);
    // Writes are announced after the plan's reads, and the last request is answered before the summary.
    expect(started.findIndex((e) => e.method !== "GET")).toBeGreaterThan(0);

    // With nothing to do, the stream is the plan's reads and the summary.
    const again = lines((await lab.cli(["apply", "--yes", "--format", "jsonl"])).stdout);
    expect(again.at(-1)).toMatchObject({ format: "aep-gitops.apply/v1", results: [] });
    expect(again.slice(0, -1).every((e) => e.type.startsWith("call-") && e.method === "GET")).toBe(true);
  });

  it("ends with the summary when items fail, and with the error document (one line) when the run is refused", async () => {
    await lab.faults({
      scripted: [
        {
          method: "POST",
          route: "/flows",
          nth: 2,
          action: { type: "status", status: 400, body: { code: "FLOW-1451-400", message: "refused" } },
        },
      ],
    });
    const partial = await lab.cli(["apply", "--yes", "--format", "jsonl"]);
    expect(partial.code).toBe(1);
    const docs = lines(partial.stdout);
    const summary = docs.at(-1)!;
    expect(summary.format).toBe("aep-gitops.apply/v1");
    expect(summary.summary.failed).toBeGreaterThan(0);
    const failed = docs.filter((e) => e.type === "item-done" && e.status === "failed");
    expect(failed).toHaveLength(summary.summary.failed);
    expect(docs.some((e) => e.type === "call-finished" && e.status === 400)).toBe(true);
    checkOrder(docs.slice(0, -1));

    await lab.faults({});
    const refused = await lab.cli(["apply", "--yes", "--format", "jsonl", "--expect-checksum", "0".repeat(64)]);
    expect(refused.code).toBe(1);
    const last = lines(refused.stdout).at(-1)!;
    expect(last).toMatchObject({ format: "aep-gitops.error/v1", command: "apply", error: { kind: "refused" } });
  });

  /** Starts a 60-destination apply and interrupts it once its first flow create was answered. */
  async function interrupt() {
    for (let i = 0; i < 60; i++) lab.write(`destinations/dest-${i}.yaml`, kinesisDestination(`dest-${i}`));
    await lab.faults({ latencyMs: 20 });
    const run = lab.cli(["apply", "--yes", "--format", "jsonl"]);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !(await lab.writes()).some((r) => r.method === "POST" && /\/flows$/.test(r.path)))
      await new Promise((r) => setTimeout(r, 10));
    run.signal("SIGINT");
    return run;
  }

  it("ends with the summary of what was done when interrupted", async () => {
    const interrupted = await interrupt();
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toMatch(/Interrupt received \(SIGINT\)/);
    const docs = lines(interrupted.stdout);
    const summary = docs.at(-1)!;
    expect(summary.format).toBe("aep-gitops.apply/v1");
    const done = docs.filter((e) => e.type === "item-done");
    expect(summary.results.flatMap((r: Json) => r.items)).toHaveLength(done.length);
    // People read what was done on stderr; the summary line counts the same.
    const said = /Interrupted \(SIGINT\): (\d+) of (\d+) changes done, (\d+) failed/.exec(interrupted.stderr)!;
    expect(said, interrupted.stderr).not.toBeNull();
    expect([summary.summary.done, done.length, summary.summary.failed]).toEqual(said.slice(1).map(Number));
    checkOrder(docs.slice(0, -1));
  });

  it("ends with a summary line even when stopped at once (calls in flight outlasting the grace period)", async () => {
    // Every selector PATCH hangs: after Ctrl-C the calls in flight never finish, and the run stops at once.
    await lab.faults({ scripted: [{ method: "PATCH", route: "/flows/{id}", from: true, action: { type: "hang" } }] });
    const run = lab.cli(["apply", "--yes", "--format", "jsonl"], {
      env: { AEP_GITOPS_INTERRUPT_GRACE_SECONDS: "0.5" },
    });
    const deadline = Date.now() + 20_000;
    while (
      Date.now() < deadline &&
      !(await lab.requests()).some((r) => r.method === "PATCH" && r.path.includes("/flows/"))
    )
      await new Promise((r) => setTimeout(r, 10));
    run.signal("SIGINT");
    const stopped = await run;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain("Stopping now (grace period over)");
    const docs = lines(stopped.stdout);
    const summary = docs.at(-1)!;
    expect(summary.format).toBe("aep-gitops.apply/v1");
    const done = docs.filter((e) => e.type === "item-done");
    expect(done.length).toBeGreaterThan(0);
    expect(summary.results.flatMap((r: Json) => r.items)).toEqual(
      done.map(({ format: _f, type: _t, at: _a, sandbox: _s, ...item }) => item),
    );
    expect(docs.filter((e) => e.format === "aep-gitops.apply/v1")).toHaveLength(1);
  });
});
