// The benchmark's settings: flags win over environment variables, which win over the defaults.
//   npm run bench -- --only S,M --latency 80 --jitter 20 --rate 20
//   BENCH_ONLY=S BENCH_RATE=50 npm run bench
import { parseArgs } from "node:util";
import type { ScenarioId } from "./scenario.js";

export interface BenchConfig {
  latencyMs: number;
  jitterMs: number;
  /** The emulator's rate limit, requests per second per org (token bucket). */
  rate: number;
  /** The bucket's size; Adobe publishes no number, the emulator's default is one second's worth. */
  burst: number;
  only: ScenarioId[];
  /** Scenarios whose first apply is also replayed as Adobe's tutorial path. */
  tutorial: ScenarioId[];
  /** Scenarios whose per-resource-GET refresh baseline is also run (after the first apply). */
  refresh: ScenarioId[];
  /** Scenarios whose first apply is also run with request pacing off (the client before src/aep/pacer.ts). */
  unpaced: ScenarioId[];
  /** Scenarios whose real CLI also runs as whole processes (validate, first apply, no-op plan) on an emptied org. */
  process: ScenarioId[];
  /** How often the CLI's validate and no-op plan run per scenario (the median is reported). */
  processRepeats: number;
  /** Pairs of `aep-gitops validate examples/destinations` and `node -e 0` (0: not run). */
  startupPairs: number;
  /** Destinations the tutorial replay runs at once (the product's HTTP client allows 4 calls in flight). */
  tutorialConcurrency: number;
  /** Where results go; `-` for none (a trial run). */
  out: string;
  seed: number;
}

const IDS: ScenarioId[] = ["S", "M", "L"];

const USAGE = `usage: npm run bench -- [--only S,M,L] [--latency MS] [--jitter MS] [--rate N] [--burst N]
                       [--tutorial S,M,L|none] [--refresh S,M,L|none] [--unpaced S,M,L|none]
                       [--process S,M,L|none] [--process-repeats N] [--startup-pairs N]
                       [--tutorial-concurrency N] [--out DIR|-]
       npm run bench -- --render [bench/results.json]    (write results.md again from a recorded run)

Environment: BENCH_ONLY, BENCH_LATENCY_MS, BENCH_JITTER_MS, BENCH_RATE, BENCH_BURST, BENCH_TUTORIAL,
BENCH_REFRESH, BENCH_UNPACED, BENCH_PROCESS, BENCH_STARTUP_PAIRS, BENCH_OUT. Defaults: all scenarios,
80 ms ± 20 ms, 20 req/s (burst 20), tutorial path for all, refresh run for M, first apply also without
request pacing for M and L, the CLI as whole processes for all (validate and no-op plan 5 times each),
20 start-up pairs, results in bench/.`;

function ids(value: string, what: string): ScenarioId[] {
  if (value.trim().toLowerCase() === "none" || value.trim() === "") return [];
  const list = value.split(",").map((s) => s.trim().toUpperCase());
  for (const id of list)
    if (!IDS.includes(id as ScenarioId)) throw new Error(`${what}: unknown scenario '${id}' (use S, M, L)\n\n${USAGE}`);
  return IDS.filter((id) => list.includes(id));
}

function positive(value: string, what: string, allowZero = false): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0))
    throw new Error(`${what} must be a ${allowZero ? "non-negative" : "positive"} number, got '${value}'\n\n${USAGE}`);
  return n;
}

export function readConfig(argv: string[], env: Record<string, string | undefined>): BenchConfig | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: "string" },
      latency: { type: "string" },
      jitter: { type: "string" },
      rate: { type: "string" },
      burst: { type: "string" },
      tutorial: { type: "string" },
      refresh: { type: "string" },
      unpaced: { type: "string" },
      process: { type: "string" },
      "process-repeats": { type: "string" },
      "startup-pairs": { type: "string" },
      "tutorial-concurrency": { type: "string" },
      out: { type: "string" },
      seed: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return "help";
  }
  const rate = positive(values.rate ?? env.BENCH_RATE ?? "20", "--rate");
  return {
    latencyMs: positive(values.latency ?? env.BENCH_LATENCY_MS ?? "80", "--latency", true),
    jitterMs: positive(values.jitter ?? env.BENCH_JITTER_MS ?? "20", "--jitter", true),
    rate,
    burst: positive(values.burst ?? env.BENCH_BURST ?? String(rate), "--burst"),
    only: ids(values.only ?? env.BENCH_ONLY ?? "S,M,L", "--only"),
    tutorial: ids(values.tutorial ?? env.BENCH_TUTORIAL ?? "S,M,L", "--tutorial"),
    refresh: ids(values.refresh ?? env.BENCH_REFRESH ?? "M", "--refresh"),
    unpaced: ids(values.unpaced ?? env.BENCH_UNPACED ?? "M,L", "--unpaced"),
    process: ids(values.process ?? env.BENCH_PROCESS ?? "S,M,L", "--process"),
    processRepeats: Math.round(positive(values["process-repeats"] ?? "5", "--process-repeats")),
    startupPairs: Math.round(
      positive(values["startup-pairs"] ?? env.BENCH_STARTUP_PAIRS ?? "20", "--startup-pairs", true),
    ),
    tutorialConcurrency: positive(values["tutorial-concurrency"] ?? "4", "--tutorial-concurrency"),
    out: values.out ?? env.BENCH_OUT ?? "bench",
    seed: positive(values.seed ?? "1", "--seed", true),
  };
}
