// Running the tool: the real CLI bundle (outputs recorded and scanned for secrets), or in-process
// through the same orchestrator and HTTP client the CLI builds (src/app/workspace.ts), for fast setup.
import { rmSync } from "node:fs";
import path from "node:path";
import { AepHttp } from "../../../src/aep/http.js";
import { HttpFlowService } from "../../../src/aep/flow-service.js";
import { ImsTokenSource } from "../../../src/aep/ims.js";
import { HttpAudiences } from "../../../src/aep/audiences.js";
import { settingsFromEnv } from "../../../src/aep/settings.js";
import { hasErrors, loadDesired } from "../../../src/config/load.js";
import { applyAll, planAll, type ReconcileOptions } from "../../../src/reconcile/reconcile.js";
import type { CliRun, Lab } from "../../support/lab.js";
import type { Recorder } from "./recorder.js";

export interface TimedRun extends CliRun {
  args: string[];
  ms: number;
}

export async function cli(
  lab: Lab,
  rec: Recorder,
  args: string[],
  opts: { env?: Record<string, string | undefined> } = {},
): Promise<TimedRun> {
  const started = Date.now();
  const run = await lab.cli(args, opts);
  rec.scan(`aep-gitops ${args.join(" ")}`, `${run.stdout}\n${run.stderr}`);
  return { ...run, args, ms: Date.now() - started };
}

/** Why an output is not a clean, handled outcome (a bug report or a stack trace), or undefined. */
export function unhandled(run: CliRun): string | undefined {
  const text = `${run.stdout}\n${run.stderr}`;
  if (run.code === null) return `ended by ${run.signal}`;
  if (/internal error/i.test(text)) return "internal error";
  if (/^\s+at .+(:\d+:\d+\)?|\(node:.+\))$/m.test(text)) return "stack trace";
  if (run.code !== 0 && run.code !== 1 && run.code !== 2) return `exit code ${run.code}`;
  return undefined;
}

/** Replaces the lab's destination folder with these files. */
export function writeFolder(lab: Lab, files: Record<string, string>, folder = "destinations"): void {
  rmSync(path.join(lab.dir, folder), { recursive: true, force: true });
  for (const [name, content] of Object.entries(files)) lab.write(`${folder}/${name}`, content);
}

/** The orchestrator in-process, as the CLI builds it: plan, and apply --yes --force (and --prune). */
async function inProcess(lab: Lab, folder: string, opts: { prune?: boolean; sandbox?: string }) {
  const sandbox = opts.sandbox ?? "prod";
  const loaded = await loadDesired(sandbox, [path.join(lab.dir, folder)]);
  if (hasErrors(loaded.problems)) throw new Error(`setup YAML is invalid: ${JSON.stringify(loaded.problems)}`);
  const settings = settingsFromEnv(lab.env);
  const http = new AepHttp(settings, new ImsTokenSource(settings));
  const targets = [
    { desired: loaded.desired, port: new HttpFlowService(http, sandbox), audiences: new HttpAudiences(http, sandbox) },
  ];
  const options: ReconcileOptions = {
    prune: Boolean(opts.prune),
    force: true,
    allowEmpty: false,
    maxChangePercent: 100,
    minResourcesForThreshold: 10,
    clientId: settings.clientId,
    env: lab.env,
  };
  return { targets, options, run: await planAll(targets, options) };
}

/** True when a fresh plan has nothing left to do (what `plan` exiting 0 means). */
export async function planIsEmpty(
  lab: Lab,
  folder: string,
  opts: { prune?: boolean; sandbox?: string } = {},
): Promise<boolean> {
  const { run } = await inProcess(lab, folder, opts);
  return (
    run.problems.length === 0 &&
    run.plan.sandboxes.every((s) => s.refusals.length === 0 && s.changes.every((c) => c.calls.length === 0))
  );
}

/** apply --yes --force (and --prune), in-process: the setup step of a case, not what is measured. */
export async function applyInProcess(lab: Lab, folder: string, opts: { prune?: boolean; sandbox?: string } = {}) {
  const { targets, options, run } = await inProcess(lab, folder, opts);
  const applied = await applyAll(targets, run, { ...options, lock: { ttlMs: 2_000, waitMs: 30_000 } });
  const failed = applied.results.flatMap((r) => r.items).filter((i) => i.status !== "done");
  if (failed.length > 0) throw new Error(`setup apply failed: ${JSON.stringify(failed)}`);
  return applied;
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("timed out waiting");
}

/** Runs tasks with at most `limit` at once, in order of index; `worker` says which slot runs it. */
export async function pool<T>(
  count: number,
  limit: number,
  task: (index: number, worker: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async (_: unknown, slot: number) => {
    for (let i = next++; i < count; i = next++) results[i] = await task(i, slot);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}
