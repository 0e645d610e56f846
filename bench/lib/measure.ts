// Runs one scenario end to end against a fresh emulator: the in-process phases (first apply, no-op plan,
// optional refresh baseline, churn apply, a convergence check), then the real CLI as whole processes on
// the emptied emulator, then Adobe's tutorial path against another fresh one; and turns what happened
// into numbers: calls by kind from the emulator's request log, wall time and resources from the phase
// child, the minimum and the time lower bound from the scenario (accounting.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { depth, expectedKinds, minimum, productChain, timeoutMs, type Depth } from "./accounting.js";
import { emulatorConfig, IDENTITY, runTutorial } from "./baselines.js";
import { bound, countCalls, rateLimited, requestsSince, type CallCounts } from "./calls.js";
import { runPhaseChild, startEmulatorChild, type Bundles } from "./children.js";
import type { Cli } from "./cli.js";
import type { BenchConfig } from "./config.js";
import type { PhaseInput, PhaseOutput } from "./phase-child.js";
import { emptyOrg, runProcessPhases } from "./process-phases.js";
import type { PhaseResult, ScenarioResult } from "./results.js";
import { churnOf, writeChurn, writeScenario, type PhaseName, type ScenarioSpec } from "./scenario.js";
import { judge } from "./targets.js";

const FAILED_OUTPUT = (error: unknown): PhaseOutput => ({
  ok: false,
  error: (error as Error).message,
  wallMs: NaN,
  loadMs: NaN,
  loadCpuMs: NaN,
  readPlanCpuMs: NaN,
  plannerCpuMs: NaN,
  processCpuMs: NaN,
  phaseCpuMs: NaN,
  maxRssMb: NaN,
  client: { calls: 0, retries: 0, throttled: 0, tokensFetched: 0 },
});

export async function runScenario(
  spec: ScenarioSpec,
  config: BenchConfig,
  bundles: Bundles,
  cli: Cli | undefined,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const root = mkdtempSync(path.join(tmpdir(), `aep-gitops-bench-${spec.id}-`));
  const churn = churnOf(spec);
  const result: ScenarioResult = {
    id: spec.id,
    spec,
    churn: {
      changed: churn.changed.length * spec.sandboxes.length,
      added: churn.added.length * spec.sandboxes.length,
      removed: churn.removed.length * spec.sandboxes.length,
    },
    phases: [],
    refreshCount: minimum(spec, "no-op-plan").refresh,
  };
  const folders = writeScenario(spec, root);
  const faults = emulatorConfig(spec, config).faults;
  const emulator = await startEmulatorChild(bundles, emulatorConfig(spec, config));
  const env = {
    AEP_CLIENT_ID: IDENTITY.clientId,
    AEP_CLIENT_SECRET: IDENTITY.clientSecret,
    AEP_ORG_ID: IDENTITY.orgId,
    AEP_PLATFORM_URL: emulator.url,
    AEP_IMS_URL: emulator.url,
    KINESIS_SECRET_KEY: "bench-secret-key",
  };
  try {
    const phase = async (
      name: PhaseName | "refresh",
      input: Omit<PhaseInput, "sandboxes" | "env">,
    ): Promise<PhaseResult> => {
      const label = `${name}${input.pacing === false ? " (no pacing)" : ""}`;
      log(`  ${spec.id} ${label} …`);
      const before = (await emulator.admin<{ total: number }>("metrics")).total;
      const loadBefore = loadavg()[0]!;
      const output = await runPhaseChild<PhaseInput, PhaseOutput>(
        bundles,
        { ...input, sandboxes: folders, env },
        timeoutMs(spec, name, config.rate),
      ).catch(FAILED_OUTPUT);
      const calls = countCalls(await requestsSince(emulator, before));
      const r = toPhaseResult(spec, name, output, calls, config, [loadBefore, loadavg()[0]!], input.pacing === false);
      log(
        `  ${spec.id} ${label}: ${r.calls.flowService} Flow Service calls (minimum ${r.minimum.total}${name === "refresh" ? `, refresh count ${r.minimum.refresh}` : ""}) + ${r.calls.specReads} spec + ${r.calls.audiencePages} audience pages, ${r.calls.throttled} × 429, ${(r.wallMs / 1000).toFixed(2)} s (bound ${(r.bound.ms / 1000).toFixed(2)} s, ×${r.ratioToBound.toFixed(2)})${output.ok ? "" : ` FAILED: ${output.error ?? output.items?.firstFailures.join("; ")}`}`,
      );
      result.phases.push(r);
      return r;
    };
    if (config.unpaced.includes(spec.id)) {
      // The same first apply with the client as it was before pacing, then back to an empty org.
      await phase("first-apply", { kind: "apply", prune: false, pacing: false });
      await emptyOrg(emulator, faults);
    }
    await phase("first-apply", { kind: "apply", prune: false });
    await phase("no-op-plan", { kind: "plan", prune: false });
    if (config.refresh.includes(spec.id)) await phase("refresh", { kind: "refresh", prune: false });
    writeChurn(spec, root);
    await phase("churn-apply", { kind: "apply", prune: true });
    // Not measured: after the churn a plan must be empty again.
    const check = await runPhaseChild<PhaseInput, PhaseOutput>(
      bundles,
      { kind: "plan", prune: true, sandboxes: folders, env },
      timeoutMs(spec, "no-op-plan", config.rate),
    ).catch(() => undefined);
    result.converged = Boolean(
      check?.ok && check.plan && check.plan.add + check.plan.change + check.plan.destroy === 0,
    );
    log(`  ${spec.id} converged after churn: ${result.converged ? "yes" : "NO"}`);
    if (cli && config.process.includes(spec.id)) {
      log(`  ${spec.id} the CLI as whole processes, on an emptied emulator …`);
      result.process = await runProcessPhases(spec, config, { emulator, cli, root, env, log }, faults);
    }
  } finally {
    await emulator.stop();
    rmSync(root, { recursive: true, force: true });
  }
  if (config.tutorial.includes(spec.id)) result.tutorial = await runTutorial(spec, config, bundles, log);
  judge(result, config);
  return result;
}

function toPhaseResult(
  spec: ScenarioSpec,
  phase: PhaseName | "refresh",
  output: PhaseOutput,
  calls: CallCounts,
  config: BenchConfig,
  load: [number, number],
  unpaced: boolean,
): PhaseResult {
  const m = minimum(spec, phase === "refresh" ? "no-op-plan" : phase);
  const expected = phase === "refresh" ? {} : expectedKinds(spec, phase);
  const excess = [...new Set([...Object.keys(expected), ...Object.keys(calls.byKind)])]
    .sort()
    .map((kind) => ({ kind, actual: calls.byKind[kind] ?? 0, expected: expected[kind] ?? 0 }))
    .filter((k) => k.actual !== k.expected);
  const refreshChain = { depth: 3, steps: "token → list page → GET" };
  const d: Depth = phase === "refresh" ? { depth: 3, explain: refreshChain.steps } : depth(spec, phase);
  const b = bound(rateLimited(calls), d.depth, config, d.explain);
  return {
    phase,
    ...(unpaced ? { unpaced } : {}),
    ok: output.ok,
    ...(output.error ? { error: output.error } : {}),
    calls,
    minimum: m,
    ratio: calls.flowService / m.total,
    wallMs: output.wallMs,
    loadMs: output.loadMs,
    bound: b,
    ratioToBound: output.wallMs / b.ms,
    plannerCpuMs: output.plannerCpuMs,
    readPlanCpuMs: output.readPlanCpuMs,
    loadCpuMs: output.loadCpuMs,
    processCpuMs: output.processCpuMs,
    phaseCpuMs: output.phaseCpuMs,
    maxRssMb: output.maxRssMb,
    load,
    excess: phase === "refresh" ? [] : excess,
    productChain: phase === "refresh" ? refreshChain : productChain(spec, phase),
    client: output.client,
    ...(output.plan ? { plan: output.plan } : {}),
    ...(output.items ? { items: output.items } : {}),
    targets: [],
  };
}
