// The shapes bench/results.json holds: per scenario the in-process phases, the whole-process CLI runs and
// the baselines, and once per run the paired start-up figure. Types only.
import type { TutorialResult } from "../tutorial-path.js";
import type { Minimum } from "./accounting.js";
import type { Bound, CallCounts } from "./calls.js";
import type { BenchConfig } from "./config.js";
import type { Machine } from "./machine.js";
import type { PhaseOutput } from "./phase-child.js";
import type { PhaseName, ScenarioSpec } from "./scenario.js";

export interface Target {
  name: string;
  pass: boolean;
  detail: string;
  why?: string;
  fix?: string;
}

export interface PhaseResult {
  phase: PhaseName | "refresh";
  /** Run with request pacing switched off (the client as it was before src/aep/pacer.ts). */
  unpaced?: boolean;
  ok: boolean;
  error?: string;
  calls: CallCounts;
  minimum: Minimum;
  /** Flow Service state calls ÷ minimum (for refresh: ÷ the no-op minimum). */
  ratio: number;
  wallMs: number;
  loadMs: number;
  bound: Bound;
  ratioToBound: number;
  plannerCpuMs: number;
  readPlanCpuMs: number;
  loadCpuMs: number;
  processCpuMs: number;
  /** Client CPU inside the wall-time window. */
  phaseCpuMs: number;
  maxRssMb: number;
  /** 1-minute load average of the machine before and after the phase (other work shares the CPUs). */
  load: [number, number];
  /** Kinds where the product's calls differ from the minimum client's. */
  excess: { kind: string; actual: number; expected: number }[];
  /** The product's own chain of dependent round trips (the bound uses the needed chain). */
  productChain: { depth: number; steps: string };
  client: PhaseOutput["client"];
  plan?: PhaseOutput["plan"];
  items?: PhaseOutput["items"];
  targets: Target[];
}

/** One run of the CLI as a process of its own, measured from its start to its exit. */
export interface ProcessRun {
  wallMs: number;
  userMs: number;
  sysMs: number;
  maxRssMb: number;
  exitCode: number | null;
  calls: CallCounts;
  /** 1-minute load average before the run. */
  load: number;
}

/** `status` and `drift` read what a morning report reads (runs, audit log) after the first apply. */
export type ProcessPhaseName = "validate" | "validate-cached" | "first-apply" | "no-op-plan" | "status" | "drift";

export interface ProcessPhaseResult {
  phase: ProcessPhaseName;
  /** The command line as a user types it (`node bin/aep-gitops.js` + this). */
  args: string[];
  ok: boolean;
  error?: string;
  runs: ProcessRun[];
  /** Medians over the runs (max for RSS). */
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  /** The calls of the first run (the later ones must make the same: callsStable). */
  calls: CallCounts;
  callsStable: boolean;
  minimum?: Minimum;
  bound?: Bound;
  ratioToBound?: number;
  excess: { kind: string; actual: number; expected: number }[];
  targets: Target[];
}

export interface TutorialRun extends TutorialResult {
  bound: Bound;
  ratioToBound: number;
}

export interface ScenarioResult {
  id: ScenarioSpec["id"];
  spec: ScenarioSpec;
  churn: { changed: number; added: number; removed: number };
  phases: PhaseResult[];
  /** The real CLI, whole process (start-up and YAML loading included), on an emptied emulator. */
  process?: ProcessPhaseResult[];
  converged?: boolean;
  tutorial?: TutorialRun;
  /** The per-resource-GET refresh baseline's count for each phase's state (computed). */
  refreshCount: number;
}

export interface Sample {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
}

/** `aep-gitops validate examples/destinations` against `node -e 0`, alternating A B A B. */
export interface StartupResult {
  pairs: { a: Sample; b: Sample }[];
  a: { args: string[]; wallMs: number; cpuMs: number; maxRssMb: number };
  b: { args: string[]; wallMs: number; cpuMs: number; maxRssMb: number };
  /** `aep-gitops --version` after each pair: loading the CLI without a command's work. */
  c: { args: string[]; wallMs: number; cpuMs: number; maxRssMb: number };
  versions: Sample[];
  /** A with NODE_DISABLE_COMPILE_CACHE=1: a first start, before V8's code cache is written (older reports: absent). */
  uncached?: { args: string[]; wallMs: number; cpuMs: number; maxRssMb: number };
  /** Medians of the per-pair ratios A ÷ B. */
  cpuRatio: number;
  wallRatio: number;
  /** How CPU was read (the child's rusage). */
  meter: string;
  load: [number, number];
}

export interface Report {
  version: number;
  generatedBy: string;
  machine: Machine;
  config: BenchConfig;
  /** What everything the run sends takes at the rate limit (printed before it starts). */
  estimateSeconds?: number;
  totalSeconds: number;
  /** The CLI the process phases ran: built by scripts/build.mjs, how its CPU and RSS were read. */
  cli?: { meter: string; buildMs: number };
  startup?: StartupResult;
  scenarios: ScenarioResult[];
}
