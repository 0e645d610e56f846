// Is data flowing? A destination's dataflow runs (Adobe's hourly windows) read into one verdict an
// on-call operator can act on. Pure: the dataflow runs, the flow and "now" come in; nothing is read here.
// Thresholds follow Adobe's own alerts (help/observability/alerts/rules.md): a run delayed past 150
// minutes is Adobe's "flow run delay"; a failed run or failed identities are "flow run failure".
import type { DesiredSandbox } from "../state/desired.js";
import { destinationType, type DestinationType } from "../destination-types/index.js";
import type { LiveFlow } from "../state/live.js";

/** One dataflow run: for a streaming destination, one hourly window (monitor-destinations.md). */
export interface RunWindow {
  id: string;
  flowId: string;
  /** When the window started (metrics.durationSummary.startedAtUTC), epoch ms. */
  startedAt: number;
  /** When it completed (completedAtUTC, or the spec's stoppedAtUTC); absent while it is processing. */
  completedAt?: number;
  /** Adobe's status, lower-cased (the enum says `Success`, the examples `success`). */
  status: string;
  /** Profiles received (inputRecordCount); absent counters are zero, as Adobe's examples leave them out. */
  received: number;
  /** Identities activated (outputRecordCount). */
  activated: number;
  /** Identities excluded (skippedRecordCount). */
  excluded: number;
  /** Identities failed (failedRecordCount). */
  failed: number;
  /** Adobe's error codes with its messages (statusSummary.errors and recordSummary.failedInfo). */
  errors: RunError[];
}

export interface RunError {
  code: string;
  message: string;
  count: number;
}

/** Worst first: the order health sections list destinations in. `unknown`: its dataflow runs could not be read. */
export const VERDICTS = ["failing", "silent", "starting", "unknown", "not running", "healthy"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Adobe's "flow run delay" alert: a window not completed this long after it should have started. */
export const DELAY_MS = 150 * 60_000;
export const DAY_MS = 24 * 60 * 60_000;

export interface FlowFacts {
  id: string;
  state: string;
  audiences: number;
  /** When the flow last changed (an enable, a new audience): a window is not due before an hour after. */
  updatedAt?: number;
}

export interface HealthInput {
  sandbox: string;
  destination: string;
  type?: DestinationType;
  estimated: boolean;
  /** The live flow; absent when the destination is not created yet. */
  flow?: FlowFacts;
  /** The flow's windows that started in the last 24 hours, in any order. */
  windows: RunWindow[];
  /** The latest completed window before those 24 hours, when none completed within them. */
  earlier?: RunWindow;
}

export interface Totals {
  windows: number;
  failedWindows: number;
  received: number;
  activated: number;
  excluded: number;
  failed: number;
}

export interface DestinationHealth {
  sandbox: string;
  destination: string;
  flowId?: string;
  enabled: boolean;
  verdict: Verdict;
  /** One sentence: why this verdict. */
  reason: string;
  /** The latest completed window (in the 24 hours, or before them). */
  lastWindow?: { startedAt: number; completedAt: number; status: string };
  last24h: Totals;
  /** Adobe estimates the identity figures of this destination type. */
  estimated: boolean;
  /** The most frequent error codes of the 24 hours, most frequent first (at most three). */
  topErrors: RunError[];
  /** Failures in the 24 hours and a clean window since: when the flow recovered. */
  recoveredAt?: number;
}

export function assessHealth(input: HealthInput, now: number): DestinationHealth {
  const windows = [...input.windows].sort((a, b) => b.startedAt - a.startedAt);
  const completed = windows.filter((w) => w.completedAt !== undefined && w.status !== "processing");
  const latest = completed[0] ?? input.earlier;
  const base = {
    sandbox: input.sandbox,
    destination: input.destination,
    flowId: input.flow?.id,
    enabled: input.flow?.state === "enabled",
    last24h: totals(completed),
    estimated: input.estimated,
    topErrors: topErrors(completed),
    ...(latest?.completedAt !== undefined
      ? { lastWindow: { startedAt: latest.startedAt, completedAt: latest.completedAt, status: latest.status } }
      : {}),
  };
  const verdict = judge(input, windows, latest, now);
  const recoveredAt = verdict.verdict === "healthy" ? recovery(completed) : undefined;
  return { ...base, ...verdict, recoveredAt };
}

function judge(
  input: HealthInput,
  windows: RunWindow[],
  latest: RunWindow | undefined,
  now: number,
): { verdict: Verdict; reason: string } {
  const flow = input.flow;
  if (!flow) return { verdict: "not running", reason: "not created in Adobe yet" };
  if (flow.state !== "enabled") return { verdict: "not running", reason: `the dataflow is ${flow.state}` };
  if (flow.audiences === 0) return { verdict: "not running", reason: "the dataflow exports no audience" };
  if (latest && isFailure(latest)) return { verdict: "failing", reason: `the latest window ${failureText(latest)}` };
  const stuck = windows.find((w) => w.completedAt === undefined && now - w.startedAt > DELAY_MS + 60 * 60_000);
  if (stuck) return { verdict: "silent", reason: "a window has been processing for over 150 minutes past its hour" };
  const recent = changedRecently(input, now);
  if (!latest)
    return recent
      ? {
          verdict: "starting",
          reason: "changed less than 150 minutes ago; Adobe's first window is due within the hour",
        }
      : { verdict: "silent", reason: "enabled, but no window has completed in the last 24 hours" };
  const quietFor = now - latest.completedAt!;
  // Re-enabled or edited a moment ago: the next window is not due yet, whatever came before.
  if (quietFor > DELAY_MS && recent)
    return { verdict: "starting", reason: "changed less than 150 minutes ago; no window has completed since" };
  if (quietFor > DELAY_MS) return { verdict: "silent", reason: `no window has completed for ${hours(quietFor)}` };
  return { verdict: "healthy", reason: "the latest window completed without failures" };
}

/** Enabled or edited less than Adobe's delay ago: its next window may not be due yet. */
export function changedRecently(input: Pick<HealthInput, "flow">, now: number): boolean {
  const at = input.flow?.updatedAt;
  return at !== undefined && now - at < DELAY_MS;
}

function isFailure(w: RunWindow): boolean {
  return w.status === "failed" || w.failed > 0;
}

function failureText(w: RunWindow): string {
  if (w.status === "failed") return w.failed > 0 ? `failed (${w.failed} identities failed)` : "failed";
  return `had ${w.failed} failed identities`;
}

/** The first clean window after the latest failure, when the 24 hours hold a failure at all. */
function recovery(newestFirst: RunWindow[]): number | undefined {
  const lastFailure = newestFirst.findIndex(isFailure);
  if (lastFailure <= 0) return undefined;
  return newestFirst[lastFailure - 1]!.startedAt;
}

function totals(windows: RunWindow[]): Totals {
  const sum = (pick: (w: RunWindow) => number) => windows.reduce((n, w) => n + pick(w), 0);
  return {
    windows: windows.length,
    failedWindows: windows.filter(isFailure).length,
    received: sum((w) => w.received),
    activated: sum((w) => w.activated),
    excluded: sum((w) => w.excluded),
    failed: sum((w) => w.failed),
  };
}

function topErrors(windows: RunWindow[]): RunError[] {
  const byCode = new Map<string, RunError>();
  for (const error of windows.flatMap((w) => w.errors)) {
    const seen = byCode.get(error.code);
    if (seen) seen.count += error.count;
    else byCode.set(error.code, { ...error });
  }
  return [...byCode.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)).slice(0, 3);
}

function hours(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  return h >= 1 ? `${h} h` : `${Math.round(ms / 60_000)} min`;
}

/** Worst first, then by sandbox and name: the order an operator reads. */
export function byUrgency(a: DestinationHealth, b: DestinationHealth): number {
  return (
    VERDICTS.indexOf(a.verdict) - VERDICTS.indexOf(b.verdict) ||
    a.sandbox.localeCompare(b.sandbox) ||
    a.destination.localeCompare(b.destination)
  );
}

/** The verdicts that need someone: what opens the drift issue on health alone, and what `fail` fails on. */
export function needsAttention(h: DestinationHealth): boolean {
  return h.verdict === "failing" || h.verdict === "silent";
}

/** What one reading of the health report read, and what it could not (one note per refused sandbox). */
export interface HealthReport {
  /** Adobe's time the report was made at (epoch ms). */
  at: number;
  destinations: DestinationHealth[];
  notes: string[];
}

/**
 * What the health of each YAML destination is read from: its managed flow (the oldest copy, when a race
 * left duplicates). Dataflow runs are read only for the flows that should be exporting.
 */
export function healthSubjects(desired: DesiredSandbox, flows: readonly LiveFlow[]): HealthInput[] {
  return desired.destinations.map((d) => {
    const flow = flows
      .filter((f) => f.owner?.kind === "destination" && f.owner.name === d.name)
      .sort((a, b) => (a.meta.createdAt ?? 0) - (b.meta.createdAt ?? 0))[0];
    return {
      sandbox: desired.sandbox,
      destination: d.name,
      type: d.type,
      estimated: destinationType(d.type).estimatedIdentityMetrics,
      ...(flow
        ? {
            flow: {
              id: flow.id,
              state: flow.state,
              audiences: flow.audiences.length,
              updatedAt: flow.meta.updatedAt,
            },
          }
        : {}),
      windows: [],
    };
  });
}

/** A flow whose dataflow runs are worth reading: enabled, with something to export. */
export function expectsRuns(input: HealthInput): boolean {
  return input.flow !== undefined && input.flow.state === "enabled" && input.flow.audiences > 0;
}
