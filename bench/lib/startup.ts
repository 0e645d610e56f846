// The paired start-up figure: `aep-gitops validate examples/destinations` (A) against `node -e 0` (B), run
// alternately A B A B so a busy moment of the shared machine hits both sides of a pair; medians of each
// side and the median of the per-pair ratios, for CPU (user + sys of the child) and wall. After each pair
// `aep-gitops --version` (C) runs too: C − B is loading the CLI itself, A − C what validate adds to it.
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cleanEnv, metered, type Cli } from "./cli.js";
import type { Sample, StartupResult } from "./results.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const STARTUP_A = ["validate", "examples/destinations"];
export const STARTUP_B = ["-e", "0"];
export const STARTUP_C = ["--version"];
const WARM_UP = 2;
const UNCACHED_RUNS = 7;

export const median = (values: number[]): number => {
  const sorted = values.filter(Number.isFinite).sort((x, y) => x - y);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function sample(argv: string[], env: Record<string, string> = {}): Promise<Sample> {
  const r = await metered(argv, { cwd: ROOT, env: cleanEnv(env), timeoutMs: 60_000 });
  if (r.exitCode !== 0) throw new Error(`${argv.slice(1).join(" ")} exited with ${r.exitCode}: ${r.tail}`);
  return { wallMs: r.wallMs, cpuMs: r.userMs + r.sysMs, maxRssMb: r.maxRssMb };
}

export async function runStartupPairs(cli: Cli, pairs: number, log: (line: string) => void): Promise<StartupResult> {
  const a = [process.execPath, cli.bin, ...STARTUP_A];
  const b = [process.execPath, ...STARTUP_B];
  const c = [process.execPath, cli.bin, ...STARTUP_C];
  log(`start-up: ${pairs} pairs of 'aep-gitops ${STARTUP_A.join(" ")}' and 'node ${STARTUP_B.join(" ")}' …`);
  // Not measured: the page cache and the CPU's frequency settle.
  for (let i = 0; i < WARM_UP; i++) {
    await sample(a);
    await sample(b);
  }
  const loadBefore = loadavg()[0]!;
  const measured: { a: Sample; b: Sample }[] = [];
  const versions: Sample[] = [];
  for (let i = 0; i < pairs; i++) {
    measured.push({ a: await sample(a), b: await sample(b) });
    versions.push(await sample(c));
  }
  // A as its first start after an install or upgrade runs it: without V8's code cache (which the
  // warm-up wrote, and which this neither reads nor touches).
  const uncached: Sample[] = [];
  for (let i = 0; i < UNCACHED_RUNS; i++) uncached.push(await sample(a, { NODE_DISABLE_COMPILE_CACHE: "1" }));
  const side = (pick: (p: { a: Sample; b: Sample }) => Sample) => ({
    wallMs: median(measured.map((p) => pick(p).wallMs)),
    cpuMs: median(measured.map((p) => pick(p).cpuMs)),
    maxRssMb: median(measured.map((p) => pick(p).maxRssMb)),
  });
  const result: StartupResult = {
    pairs: measured,
    a: { args: ["bin/aep-gitops.js", ...STARTUP_A], ...side((p) => p.a) },
    b: { args: STARTUP_B, ...side((p) => p.b) },
    c: {
      args: ["bin/aep-gitops.js", ...STARTUP_C],
      wallMs: median(versions.map((v) => v.wallMs)),
      cpuMs: median(versions.map((v) => v.cpuMs)),
      maxRssMb: median(versions.map((v) => v.maxRssMb)),
    },
    versions,
    uncached: {
      args: ["bin/aep-gitops.js", ...STARTUP_A],
      wallMs: median(uncached.map((v) => v.wallMs)),
      cpuMs: median(uncached.map((v) => v.cpuMs)),
      maxRssMb: median(uncached.map((v) => v.maxRssMb)),
    },
    cpuRatio: median(measured.map((p) => p.a.cpuMs / p.b.cpuMs)),
    wallRatio: median(measured.map((p) => p.a.wallMs / p.b.wallMs)),
    meter: cli.meter,
    load: [loadBefore, loadavg()[0]!],
  };
  log(
    `start-up: validate ${result.a.cpuMs.toFixed(0)} ms CPU / ${result.a.wallMs.toFixed(0)} ms wall, node -e 0 ${result.b.cpuMs.toFixed(0)} ms CPU / ${result.b.wallMs.toFixed(0)} ms wall; per-pair CPU ratio ${result.cpuRatio.toFixed(2)}×, wall ${result.wallRatio.toFixed(2)}×`,
  );
  return result;
}
