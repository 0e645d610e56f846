// The real CLI end to end, one process per command (start-up, tool config and YAML loading included),
// against the scenario's emulator emptied again: `validate` of the whole tree, a first `apply --yes` and
// a no-op `plan --detailed-exitcode` (which must exit 0). Each run's calls come from the emulator's log.
import { loadavg } from "node:os";
import { depth, expectedKinds, minimum, timeoutMs, type Minimum } from "./accounting.js";
import { bound, countCalls, rateLimited, requestsSince, type CallCounts } from "./calls.js";
import type { EmulatorProcess } from "./children.js";
import { cleanEnv, metered, type Cli } from "./cli.js";
import type { BenchConfig } from "./config.js";
import type { ProcessPhaseName, ProcessPhaseResult, ProcessRun } from "./results.js";
import { writeScenario, writeToolConfig, type ScenarioSpec } from "./scenario.js";
import { median } from "./startup.js";
import { processTargets } from "./targets.js";

export interface ProcessContext {
  emulator: EmulatorProcess;
  cli: Cli;
  /** The scenario's folder: the tool config and one folder per sandbox. */
  root: string;
  /** AEP_* (the emulator) and the secrets the YAML names. */
  env: Record<string, string>;
  log: (line: string) => void;
}

const ARGS: Record<ProcessPhaseName, string[]> = {
  validate: ["validate"],
  // As a pre-commit hook runs it, the tree unchanged since the last run: one unmeasured run first fills
  // the cache (in the bench's own TMPDIR, under a name of this scenario's folder).
  "validate-cached": ["validate", "--cache"],
  "first-apply": ["apply", "--yes"],
  "no-op-plan": ["plan", "--detailed-exitcode"],
  // The morning report on the freshly applied org: every flow is `starting`, so both exit 0.
  status: ["status"],
  drift: ["drift"],
};

/** Back to an empty org: reset, the faults again, and a second for the rate limit's bucket to fill up. */
export async function emptyOrg(emulator: EmulatorProcess, faults: unknown): Promise<void> {
  await emulator.admin("reset", {});
  await emulator.admin("faults", faults);
  await new Promise((resolve) => setTimeout(resolve, 1500));
}

export async function runProcessPhases(
  spec: ScenarioSpec,
  config: BenchConfig,
  context: ProcessContext,
  faults: unknown,
): Promise<ProcessPhaseResult[]> {
  await emptyOrg(context.emulator, faults);
  writeToolConfig(context.root, writeScenario(spec, context.root)); // the tree before the churn
  const results: ProcessPhaseResult[] = [];
  for (const phase of ["validate", "validate-cached", "first-apply", "no-op-plan", "status", "drift"] as const) {
    const repeats = phase === "first-apply" ? 1 : config.processRepeats;
    const result = await measurePhase(spec, phase, repeats, config, context);
    results.push(result);
    const b = result.bound;
    context.log(
      `  ${spec.id} CLI ${ARGS[phase].join(" ")}: ${result.ok ? "" : `FAILED (${result.error}); `}${(result.wallMs / 1000).toFixed(2)} s wall${repeats > 1 ? ` (median of ${repeats})` : ""}, ${result.cpuMs.toFixed(0)} ms CPU, ${result.maxRssMb.toFixed(0)} MB${b ? `; ${result.calls.flowService} Flow Service calls, ${result.calls.throttled} × 429, bound ${(b.ms / 1000).toFixed(2)} s, ×${result.ratioToBound!.toFixed(2)}` : ""}`,
    );
    if (phase === "first-apply" && !result.ok) break; // the no-op plan would measure a half-applied org
  }
  return results;
}

async function measurePhase(
  spec: ScenarioSpec,
  phase: ProcessPhaseName,
  repeats: number,
  config: BenchConfig,
  context: ProcessContext,
): Promise<ProcessPhaseResult> {
  const { emulator, cli, root, env } = context;
  const args = ARGS[phase];
  const runs: ProcessRun[] = [];
  let error: string | undefined;
  const offline = phase === "validate" || phase === "validate-cached";
  // Reports: counted and timed, with no minimum client to compare with.
  const report = phase === "status" || phase === "drift";
  if (phase === "validate-cached")
    await metered([process.execPath, cli.bin, ...args], { cwd: root, env: cleanEnv(env), timeoutMs: 120_000 });
  for (let i = 0; i < repeats && !error; i++) {
    const before = (await emulator.admin<{ total: number }>("metrics")).total;
    const load = loadavg()[0]!;
    const timeout = offline
      ? 120_000
      : timeoutMs(spec, report ? "no-op-plan" : (phase as "first-apply" | "no-op-plan"), config.rate) *
        (report ? 2 : 1);
    const r = await metered([process.execPath, cli.bin, ...args], {
      cwd: root,
      env: cleanEnv(env),
      timeoutMs: timeout,
    }).catch((e: unknown) => ({ error: (e as Error).message }));
    const calls = countCalls(await requestsSince(emulator, before));
    if ("error" in r) {
      error = r.error;
      break;
    }
    runs.push({
      wallMs: r.wallMs,
      userMs: r.userMs,
      sysMs: r.sysMs,
      maxRssMb: r.maxRssMb,
      exitCode: r.exitCode,
      calls,
      load,
    });
    // plan --detailed-exitcode: 0 = no changes, 2 = changes (a no-op plan that is not one), 1 = error.
    if (r.exitCode !== 0) error = `exit ${r.exitCode}: ${r.tail.split("\n").slice(-4).join(" | ")}`;
  }
  const first = runs[0]?.calls ?? countCalls([]);
  const api = offline || report ? undefined : (phase as "first-apply" | "no-op-plan");
  const m: Minimum | undefined = api ? minimum(spec, api) : undefined;
  const expected = api ? expectedKinds(spec, api) : {};
  const excess = [...new Set([...Object.keys(expected), ...Object.keys(first.byKind)])]
    .sort()
    .map((kind) => ({ kind, actual: first.byKind[kind] ?? 0, expected: expected[kind] ?? 0 }))
    .filter((k) => k.actual !== k.expected);
  const wallMs = median(runs.map((r) => r.wallMs));
  const d = api ? depth(spec, api) : undefined;
  const b = d ? bound(rateLimited(first), d.depth, config, d.explain) : undefined;
  const result: ProcessPhaseResult = {
    phase,
    args,
    ok: !error && runs.length === repeats,
    ...(error ? { error } : {}),
    runs,
    wallMs,
    cpuMs: median(runs.map((r) => r.userMs + r.sysMs)),
    maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)),
    calls: first,
    callsStable: runs.every((r) => sameCalls(r.calls, first)),
    ...(m ? { minimum: m } : {}),
    ...(b ? { bound: b, ratioToBound: wallMs / b.ms } : {}),
    excess,
    targets: [],
  };
  if (offline && rateLimited(first) + first.ims > 0) {
    result.ok = false;
    result.error = `validate is offline, yet it made ${rateLimited(first) + first.ims} calls`;
  }
  result.targets = processTargets(spec, result);
  return result;
}

function sameCalls(a: CallCounts, b: CallCounts): boolean {
  const kinds = new Set([...Object.keys(a.byKind), ...Object.keys(b.byKind)]);
  return (
    [...kinds].every((k) => a.byKind[k] === b.byKind[k]) &&
    a.audiencePages === b.audiencePages &&
    a.audienceLookups === b.audienceLookups
  );
}
