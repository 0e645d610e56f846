// The heap of a long apply. Every request leaves short-lived objects behind (the HTTP client's, the
// JSON's), enough that many survive a young collection; V8 then lets the heap grow to up to four times
// what is live before it collects the old generation, so a long apply peaks at several times its live
// data. Growing by 30 % at a time costs a few more collections (no measurable time against the network's
// minutes) and keeps the peak near what is live (bench/results.md, "Targets": peak RSS). Only for a
// long apply, and put back before the process exits: V8's code cache is keyed by its flags, and a cache
// written with this one set would be refused at the next start, which runs without it
// (bin/code-cache.js writes its cache from an exit listener; this one runs before it).
import { createRequire } from "node:module";
import type { Plan } from "../domain/plan/plan.js";
import { callCount } from "../report/plan/summary.js";

/** About a minute of writes at Adobe's documented rate limits: below this, garbage never piles up. */
export const LONG_APPLY_CALLS = 500;

export function keepHeapNearLive(plan: Plan): void {
  if (callCount(plan) < LONG_APPLY_CALLS) return;
  // Required, not imported: no import() in the CLI bundle (scripts/build.mjs says why),
  // and node:v8 is loaded only by the commands that use it (every start pays for what it loads: bench/results.md,
  // "Start-up, paired").
  const v8 = createRequire(import.meta.url)("node:v8") as typeof import("node:v8");
  v8.setFlagsFromString("--heap-growing-percent=30");
  process.prependListener("exit", () => v8.setFlagsFromString("--heap-growing-percent=0"));
}
