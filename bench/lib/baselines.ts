// The baselines next to the product: Adobe's tutorial path replayed for every destination of a scenario,
// on a fresh emulator with the same latency and rate limit (bench/tutorial-path.ts does the replay).
import { runTutorialPath } from "../tutorial-path.js";
import { bound } from "./calls.js";
import { startEmulatorChild, type Bundles } from "./children.js";
import type { BenchConfig } from "./config.js";
import type { TutorialRun } from "./results.js";
import { audiencePool, audiencesOf, destinationName, unionSchemaFor, type ScenarioSpec } from "./scenario.js";
import type { EmulatorConfig } from "../../src/emulator/index.js";

export const IDENTITY = {
  clientId: "demo-client",
  clientSecret: "demo-secret",
  orgId: "DEMOORG0000000000000000@AdobeOrg",
};

export function emulatorConfig(spec: ScenarioSpec, config: BenchConfig): Partial<EmulatorConfig> {
  return {
    sandboxes: spec.sandboxes,
    audiences: Object.fromEntries(spec.sandboxes.map((s) => [s, audiencePool(spec, s)])),
    unionSchema: Object.fromEntries(spec.sandboxes.map((s) => [s, unionSchemaFor()])),
    faults: {
      seed: config.seed,
      latencyMs: config.latencyMs,
      jitterMs: config.jitterMs,
      rateLimit: { perSecond: config.rate, burst: config.burst },
    },
  };
}

export async function runTutorial(
  spec: ScenarioSpec,
  config: BenchConfig,
  bundles: Bundles,
  log: (line: string) => void,
): Promise<TutorialRun> {
  log(`  ${spec.id} tutorial path (${spec.sandboxes.length * spec.destinationsPerSandbox} destinations × 8 calls) …`);
  const fresh = await startEmulatorChild(bundles, emulatorConfig(spec, config));
  try {
    const destinations = spec.sandboxes.flatMap((sandbox) => {
      const pool = audiencePool(spec, sandbox);
      return Array.from({ length: spec.destinationsPerSandbox }, (_, i) => ({
        sandbox,
        name: destinationName(i),
        audiences: audiencesOf(spec, pool, i, false),
        attributes: Array.from(
          { length: spec.attributesPerDestination },
          (_, k) => `_acme.bench.attribute${String((i % 10) + k).padStart(2, "0")}`,
        ),
      }));
    });
    const run = await runTutorialPath(destinations, {
      url: fresh.url,
      ...IDENTITY,
      concurrency: config.tutorialConcurrency,
    });
    const n = destinations.length;
    const b = bound(
      run.calls,
      1 + 8,
      config,
      `token → 8 sequential calls per destination; ${n} × 8 calls at ${config.rate}/s`,
    );
    log(
      `  ${spec.id} tutorial: ${run.calls} calls, ${run.throttled} × 429, ${(run.wallMs / 1000).toFixed(1)} s (bound ${(b.ms / 1000).toFixed(1)} s)${run.failed ? `, ${run.failed} FAILED: ${run.firstError}` : ""}`,
    );
    return { ...run, bound: b, ratioToBound: run.wallMs / b.ms };
  } finally {
    await fresh.stop();
  }
}
