// Sizes, seed and results directory of the reliability suite. `npm run reliability` sets
// RELIABILITY_SCALE=full (the sizes); anything else is the reduced, seeded CI size.
import { tmpdir } from "node:os";
import path from "node:path";

export const FULL = process.env.RELIABILITY_SCALE === "full";
export const SCALE = FULL ? "full" : "reduced";

const seedText = process.env.RELIABILITY_SEED;
/** The suite's seed: fixed by default so CI is reproducible, overridable to explore. */
export const SEED = seedText && /^\d+$/.test(seedText) ? Number(seedText) : 20_250_611;

export const SIZES = FULL
  ? { chaosRuns: 200, chaosParallel: 3, fuzzFiles: 1_000, fuzzBatch: 100, fuzzSingles: 120, concurrencyRounds: 10 }
  : { chaosRuns: 24, chaosParallel: 3, fuzzFiles: 200, fuzzBatch: 100, fuzzSingles: 12, concurrencyRounds: 2 };

/** Where each area writes its figures (JSON), for scripts/reliability.mjs to turn into docs/reliability.md. */
export const RESULTS_DIR = process.env.RELIABILITY_RESULTS_DIR ?? path.join(tmpdir(), "aep-gitops-reliability");

/** Per-test timeout: generous in the full run, bounded in CI. */
export const TIMEOUT_MS = FULL ? 3_600_000 : 170_000;
