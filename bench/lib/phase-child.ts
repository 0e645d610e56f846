// One measured phase, in a process of its own (as one CLI run would be): load the YAML with loadDesired,
// build the clients exactly as src/app/workspace.ts does, then plan (planAll) and, for an apply, execute
// (applyAll); or, for the refresh baseline, list and GET every object one by one. Writes a JSON result
// to argv[3]: the client's call counts, wall time, CPU (loading, read + plan, the pure planner) and the
// process's peak RSS.
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { AepHttp } from "../../src/aep/http.js";
import { HttpFlowService } from "../../src/aep/flow-service.js";
import type { Collection } from "../../src/domain/plan/plan.js";
import { ImsTokenSource } from "../../src/aep/ims.js";
import { RequestPacer } from "../../src/aep/pacer.js";
import { HttpAudiences } from "../../src/aep/audiences.js";
import { HttpConnectionSpecs } from "../../src/aep/connection-specs.js";
import { HttpSchemaRegistry } from "../../src/aep/schema-registry.js";
import { settingsFromEnv } from "../../src/aep/settings.js";
import { hasErrors, loadDesired } from "../../src/config/load.js";
import { DESTINATION_CONNECTION_SPEC_IDS } from "../../src/domain/destination-types/index.js";
import { assemblePlan, hasChanges, planSandbox } from "../../src/domain/plan/planner.js";
import { fingerprints } from "../../src/reconcile/credentials.js";
import { applyAll, planAll, type ReconcileOptions, type SandboxInputs } from "../../src/reconcile/reconcile.js";
import { MARKETING_ACTIONS } from "./scenario.js";

export interface PhaseInput {
  kind: "plan" | "apply" | "refresh";
  sandboxes: { sandbox: string; dir: string }[];
  prune: boolean;
  env: Record<string, string>;
  /** false: the client without request pacing (for the side-by-side). */
  pacing?: boolean;
}

export interface PhaseOutput {
  ok: boolean;
  error?: string;
  /** From the first API call to the last answer (loading the YAML excluded). */
  wallMs: number;
  loadMs: number;
  loadCpuMs: number;
  /** Process CPU while planAll ran: list pages parsed and mapped, audiences, specs and the union schema read, the planner's first run. */
  readPlanCpuMs: number;
  /** The pure planner (planSandbox for every sandbox + assemblePlan), run again on the same inputs. */
  plannerCpuMs: number;
  /** Process CPU of the whole phase, loading included. */
  processCpuMs: number;
  /** Process CPU while the API part ran (the wall-time window): JSON, mapping, planning, the HTTP client. */
  phaseCpuMs: number;
  maxRssMb: number;
  client: {
    calls: number;
    retries: number;
    throttled: number;
    tokensFetched: number;
    pacedRate?: number;
    pacerCuts?: number;
  };
  plan?: {
    add: number;
    change: number;
    destroy: number;
    orphaned: number;
    callsPlanned: number;
    checksum: string;
    problems: number;
    refusals: string[];
  };
  items?: { done: number; failed: number; skipped: number; firstFailures: string[] };
  refresh?: { listed: number; fetched: number };
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

async function main(): Promise<void> {
  const input = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as PhaseInput;
  const outFile = process.argv[3]!;
  const processStart = process.cpuUsage();

  const loadStart = performance.now();
  const loadCpu = process.cpuUsage();
  const loaded = await Promise.all(input.sandboxes.map((s) => loadDesired(s.sandbox, [s.dir])));
  const loadCpuMs = cpuMs(loadCpu);
  const loadMs = performance.now() - loadStart;
  const problems = loaded.flatMap((l) => l.problems);
  if (hasErrors(problems))
    throw new Error(
      `the generated YAML is invalid: ${problems
        .filter((p) => p.severity === "error")
        .slice(0, 3)
        .map((p) => `${p.file}:${p.line} ${p.message}`)
        .join("; ")}`,
    );

  // As src/app/workspace.ts builds them.
  const env = { ...input.env };
  const settings = settingsFromEnv(env);
  const tokens = new ImsTokenSource(settings);
  const http =
    input.pacing === false
      ? new AepHttp(settings, tokens, undefined, undefined, new RequestPacer({ enabled: false }))
      : new AepHttp(settings, tokens);
  // One connection-spec cache for the run, shared by every sandbox (src/app/adobe.ts).
  const specs = new HttpConnectionSpecs(http, loaded[0]?.desired.sandbox ?? "prod");
  const targets: SandboxInputs[] = loaded.map((l) => ({
    desired: l.desired,
    port: new HttpFlowService(http, l.desired.sandbox),
    audiences: new HttpAudiences(http, l.desired.sandbox),
    specs,
    schemas: new HttpSchemaRegistry(http, l.desired.sandbox),
  }));
  // As src/app/use-cases.ts makes them, with the tool config's defaults.
  const options: ReconcileOptions = {
    prune: input.prune,
    force: false,
    allowEmpty: false,
    maxChangePercent: 30,
    minResourcesForThreshold: 10,
    strict: false,
    clientId: settings.clientId,
    env,
    // The bench's tool config (scenario.ts writeToolConfig): the imported destinations declare none.
    marketingActions: {
      all: MARKETING_ACTIONS.map((ref) => ({ ref, source: { file: "aep-gitops.config.yaml", line: 1, column: 1 } })),
    },
  };

  const output: PhaseOutput = {
    ok: true,
    wallMs: 0,
    loadMs,
    loadCpuMs,
    readPlanCpuMs: 0,
    plannerCpuMs: 0,
    processCpuMs: 0,
    phaseCpuMs: 0,
    maxRssMb: 0,
    client: { calls: 0, retries: 0, throttled: 0, tokensFetched: 0 },
  };
  const wallStart = performance.now();
  const phaseCpu = process.cpuUsage();
  try {
    if (input.kind === "refresh") {
      output.refresh = await refresh(targets);
    } else {
      const planCpu = process.cpuUsage();
      const run = await planAll(targets, options);
      output.readPlanCpuMs = cpuMs(planCpu);
      const refusals = run.plan.sandboxes.flatMap((s) => s.refusals.map((r) => `[${s.sandbox}] ${r.message}`));
      output.plan = {
        ...run.plan.summary,
        callsPlanned: run.plan.sandboxes.flatMap((s) => s.changes).reduce((sum, c) => sum + c.calls.length, 0),
        checksum: run.plan.checksum,
        problems: run.problems.length,
        refusals,
      };
      if (hasErrors(run.problems)) throw new Error(`audience references did not resolve: ${run.problems[0]?.message}`);
      if (refusals.length > 0) throw new Error(`the plan was refused: ${refusals[0]}`);
      if (input.kind === "apply" && hasChanges(run.plan)) {
        const applied = await applyAll(targets, run, options);
        const items = applied.results.flatMap((r) => r.items);
        const bad = items.filter((i) => i.status !== "done");
        output.items = {
          done: items.length - bad.length,
          failed: items.filter((i) => i.status === "failed").length,
          skipped: items.filter((i) => i.status === "skipped").length,
          firstFailures: bad.slice(0, 5).map((i) => `${i.ref}: ${i.message ?? i.status}`),
        };
        if (bad.length > 0) output.ok = false;
      }
      output.wallMs = performance.now() - wallStart;
      output.phaseCpuMs = cpuMs(phaseCpu);
      // The pure planner again, on exactly the inputs planAll used (the first run happened inside planAll).
      const planOptions = run.resolved.map((desired) => {
        const { env: _env, ...rest } = options;
        return { ...rest, fingerprints: fingerprints(desired.accounts, env) };
      });
      const pureCpu = process.cpuUsage();
      assemblePlan(run.resolved.map((desired, i) => planSandbox(desired, run.lives[i]!, planOptions[i]!)));
      output.plannerCpuMs = cpuMs(pureCpu);
    }
  } catch (error) {
    output.ok = false;
    output.error = (error as Error).message;
  }
  if (output.wallMs === 0) {
    output.wallMs = performance.now() - wallStart;
    output.phaseCpuMs = cpuMs(phaseCpu);
  }
  output.client = {
    ...http.stats,
    tokensFetched: tokens.fetched,
    ...(http.pacer.rate !== undefined ? { pacedRate: http.pacer.rate } : {}),
    pacerCuts: http.pacer.cuts,
  };
  output.processCpuMs = cpuMs(processStart);
  output.maxRssMb = process.resourceUsage().maxRSS / 1024;
  writeFileSync(outFile, JSON.stringify(output));
}

const DESTINATION_SPECS = DESTINATION_CONNECTION_SPEC_IDS.join(",");

/** Terraform-style refresh: the same three lists, then one GET per flow, target connection and account. */
async function refresh(targets: SandboxInputs[]): Promise<{ listed: number; fetched: number }> {
  let listed = 0;
  let fetched = 0;
  await Promise.all(
    targets.map(async ({ port }) => {
      const [flows, connections, targetConnections] = await Promise.all([
        port.list("flows", ["inheritedAttributes.properties.isDestinationFlow==true"]),
        port.list("connections", [`connectionSpec.id==${DESTINATION_SPECS}`]),
        port.list("targetConnections", [`connectionSpec.id==${DESTINATION_SPECS}`]),
      ]);
      listed += flows.length + connections.length + targetConnections.length;
      const gets: [Collection, unknown][] = [
        ...flows.map((f) => ["flows", f.id] as [Collection, unknown]),
        ...targetConnections.map((t) => ["targetConnections", t.id] as [Collection, unknown]),
        ...connections.map((c) => ["connections", c.id] as [Collection, unknown]),
      ];
      await Promise.all(
        gets.map(async ([collection, id]) => {
          if ((await port.get(collection, String(id))) !== undefined) fetched++;
        }),
      );
    }),
  );
  return { listed, fetched };
}

await main();
