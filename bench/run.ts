// `npm run bench`: plan/apply cost of aep-gitops against the emulator with Adobe-like latency and a rate
// limit, for three scenarios (S, M, L): the real CLI as whole processes (validate, first apply, no-op
// plan) next to the network bound, a paired start-up figure, and the in-process phases next to the
// minimum possible calls, Adobe's tutorial path and a per-resource-GET refresh. Not a test: it writes
// bench/results.md and bench/results.json. Options: `npm run bench -- --help`.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { format } from "prettier";
import { bundleChildren } from "./lib/children.js";
import { removeCli, snapshotCli, type Cli } from "./lib/cli.js";
import { readConfig } from "./lib/config.js";
import { goals } from "./lib/goals.js";
import { headCommit, machine } from "./lib/machine.js";
import { runScenario } from "./lib/measure.js";
import { estimateSeconds, renderMarkdown } from "./lib/report.js";
import type { Report, ScenarioResult, StartupResult } from "./lib/results.js";
import { SCENARIOS } from "./lib/scenario.js";
import { runStartupPairs } from "./lib/startup.js";
import { judge, processTargets } from "./lib/targets.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** results.md as prettier would write it, so `npm run format` leaves the committed results alone. */
async function write(dir: string, report: Report): Promise<void> {
  writeFileSync(path.join(dir, "results.json"), `${JSON.stringify(report, null, 2)}\n`);
  const md = await format(renderMarkdown(report), { parser: "markdown", printWidth: 120 });
  writeFileSync(path.join(dir, "results.md"), md);
}

async function main(): Promise<number> {
  // `--render results.json`: write results.md again from a recorded run (after editing the report).
  const render = process.argv.indexOf("--render");
  if (render >= 0) {
    const file = path.resolve(process.argv[render + 1] ?? path.join(ROOT, "bench/results.json"));
    const recorded = JSON.parse(readFileSync(file, "utf8")) as Report;
    for (const scenario of recorded.scenarios) {
      judge(scenario, recorded.config);
      for (const p of scenario.process ?? []) p.targets = processTargets(scenario.spec, p);
    }
    await write(path.dirname(file), recorded);
    return 0;
  }
  const config = readConfig(process.argv.slice(2), process.env);
  if (config === "help") return 0;
  const specs = config.only.map((id) => SCENARIOS[id]);
  const estimate = estimateSeconds(specs, config);
  console.log(
    `aep-gitops bench: ${specs.map((s) => s.id).join(", ")} at ${config.latencyMs} ± ${config.jitterMs} ms, ${config.rate} req/s (burst ${config.burst}); ` +
      `time at the rate-limit bound ≈ ${Math.round(estimate)} s, expect a little more.`,
  );
  const started = performance.now();
  const atStart = machine();
  const needCli = config.startupPairs > 0 || config.process.some((id) => config.only.includes(id));
  const cli: Cli | undefined = needCli ? snapshotCli() : undefined;
  const bundles = await bundleChildren();
  const results: ScenarioResult[] = [];
  let startup: StartupResult | undefined;
  try {
    if (cli && config.startupPairs > 0) startup = await runStartupPairs(cli, config.startupPairs, console.log);
    for (const spec of specs) {
      console.log(`${spec.id}: ${spec.title}`);
      results.push(await runScenario(spec, config, bundles, cli, (line) => console.log(line)));
    }
  } finally {
    rmSync(bundles.dir, { recursive: true, force: true });
    if (cli) removeCli(cli);
  }
  const totalSeconds = (performance.now() - started) / 1000;
  const end = headCommit();
  const report: Report = {
    version: 2,
    generatedBy: "npm run bench (bench/run.ts)",
    machine: {
      ...atStart,
      ...(end && end !== atStart.commit ? { commitEnd: end } : {}),
      loadAverageEnd: machine().loadAverage,
    },
    config,
    estimateSeconds: estimate,
    totalSeconds,
    ...(cli ? { cli: { meter: cli.meter, buildMs: cli.buildMs } } : {}),
    ...(startup ? { startup } : {}),
    scenarios: results,
  };
  if (config.out !== "-") {
    const dir = path.resolve(ROOT, config.out);
    await write(dir, report);
    console.log(
      `wrote ${path.relative(process.cwd(), path.join(dir, "results.md"))} and results.json (${totalSeconds.toFixed(0)} s)`,
    );
  } else {
    console.log(renderMarkdown(report));
  }
  for (const g of goals(report))
    console.log(`${g.measured ? (g.pass ? "met   " : "MISSED") : "–     "} ${g.name}: ${g.detail}`);
  const failed = results.some(
    (r) =>
      r.phases.some((p) => !p.ok) ||
      (r.process ?? []).some((p) => !p.ok) ||
      r.converged === false ||
      (r.tutorial?.failed ?? 0) > 0,
  );
  return failed ? 1 : 0;
}

process.exitCode = await main();
