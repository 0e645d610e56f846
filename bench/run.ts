// `npm run bench`: plan/apply cost of aep-gitops against the emulator with Adobe-like latency and a rate
// limit, for three scenarios (S, M, L), next to the minimum possible calls, Adobe's tutorial path and a
// per-resource-GET refresh. Not a test: it writes bench/results.md and bench/results.json.
// Options: `npm run bench -- --help`.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { bundleChildren } from "./lib/children.js";
import { readConfig } from "./lib/config.js";
import { judge, runScenario, type ScenarioResult } from "./lib/measure.js";
import { estimateSeconds, machine, renderMarkdown, type Report } from "./lib/report.js";
import { SCENARIOS } from "./lib/scenario.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function main(): Promise<number> {
  // `--render results.json`: write results.md again from a recorded run (after editing the report).
  const render = process.argv.indexOf("--render");
  if (render >= 0) {
    const file = path.resolve(process.argv[render + 1] ?? path.join(ROOT, "bench/results.json"));
    const recorded = JSON.parse(readFileSync(file, "utf8")) as Report;
    for (const scenario of recorded.scenarios) judge(scenario, recorded.config);
    writeFileSync(file, `${JSON.stringify(recorded, null, 2)}\n`);
    writeFileSync(path.join(path.dirname(file), "results.md"), renderMarkdown(recorded));
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
  const bundles = await bundleChildren();
  const results: ScenarioResult[] = [];
  try {
    for (const spec of specs) {
      console.log(`${spec.id}: ${spec.title}`);
      results.push(await runScenario(spec, config, bundles, (line) => console.log(line)));
    }
  } finally {
    rmSync(bundles.dir, { recursive: true, force: true });
  }
  const totalSeconds = (performance.now() - started) / 1000;
  const report: Report = {
    version: 1,
    generatedBy: "npm run bench (bench/run.ts)",
    machine: { ...atStart, loadAverageEnd: machine().loadAverage },
    config,
    estimateSeconds: estimate,
    totalSeconds,
    scenarios: results,
  };
  if (config.out !== "-") {
    const dir = path.resolve(ROOT, config.out);
    writeFileSync(path.join(dir, "results.json"), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(path.join(dir, "results.md"), renderMarkdown(report));
    console.log(
      `wrote ${path.relative(process.cwd(), path.join(dir, "results.md"))} and results.json (${totalSeconds.toFixed(0)} s)`,
    );
  } else {
    console.log(renderMarkdown(report));
  }
  const failed = results.some(
    (r) => r.phases.some((p) => !p.ok) || r.converged === false || (r.tutorial?.failed ?? 0) > 0,
  );
  return failed ? 1 : 0;
}

process.exitCode = await main();
