// Dataflow runs as Adobe serves them (destinations.yaml Flow_Run; monitor.md's example). Streaming
// destinations run in hourly windows, "Each hourly window generates a corresponding dataflow run ID"
// (monitor-destinations.md): one run per flow and clock hour [H, H+1h) while the flow was active at H,
// generated for the last 7 days only (so a list costs flows × 168 at most), plus the scripted windows.
// Everything is derived from (flowId, H), so two reads agree and GET /runs/{id} finds what a list showed.
import { createHash } from "node:crypto";
import { stableUuid } from "./ids.js";
import { segmentsAt, type FlowHistory } from "./run-history.js";
import { HOUR_MS, type RunScript, type ScriptedWindow } from "./run-scripts.js";

export const GENERATION_DAYS = 7;
/** A streaming window completes this long after it ends (the default of a scripted window's completedAfterMinutes). */
export const COMPLETION_DELAY_MINUTES = 5;

/** Adobe's streaming UI: identities "excluded from activation based on missing attributes and consent violation". */
const SKIP_CODE = "ACTIVATION_STREAMING-0000-SKIP";
const SKIP_MESSAGE = "Identities excluded from activation based on missing attributes and consent violation.";

export interface RunWindow {
  history: FlowHistory;
  start: number;
  segments: string[];
  scripted?: ScriptedWindow;
}

export const hourOf = (at: number): number => Math.floor(at / HOUR_MS) * HOUR_MS;

/** The windows of one flow that exist at `now`: generated (unless the script says not) and scripted. */
export function windowsOf(history: FlowHistory, script: RunScript | undefined, now: number): RunWindow[] {
  const first = Math.ceil((now - GENERATION_DAYS * 24 * HOUR_MS) / HOUR_MS) * HOUR_MS;
  const byStart = new Map<number, RunWindow>();
  if (script?.generate ?? true) {
    for (let start = first; start <= now; start += HOUR_MS) {
      const segments = segmentsAt(history, start);
      if (segments) byStart.set(start, { history, start, segments });
    }
  }
  // A scripted window exists even when the flow was not active then; it replaces a generated one.
  const latest = history.spans[history.spans.length - 1]?.segments ?? [];
  for (const scripted of script?.windows ?? []) {
    if (scripted.start < first || scripted.start > now) continue;
    const segments = segmentsAt(history, scripted.start) ?? latest;
    byStart.set(scripted.start, { history, start: scripted.start, segments, scripted });
  }
  return [...byStart.values()];
}

/** The run's id: uuid-shaped, from the flow and the window, so GET /runs/{id} can find it again. */
export const runId = (flowId: string, start: number): string => stableUuid("run", flowId, String(start));

function hash32(...parts: string[]): number {
  return createHash("sha1").update(parts.join("\u0000")).digest().readUInt32BE(0);
}

interface Counts {
  input: number;
  skipped: number;
  failed: number;
  output: number;
}

/** Per audience: ~50 to ~5000 profiles received, ~2 % excluded (1 to 3 %), none failed. */
function generatedCounts(flowId: string, start: number, segment: string): Counts {
  const h = hash32(flowId, String(start), segment);
  const input = 50 + (h % 4951);
  const skipped = Math.floor((input * (10 + ((h >>> 13) % 21))) / 1000);
  return { input, skipped, failed: 0, output: input - skipped };
}

/** Spreads a scripted total over the audiences (the first ones take the remainder). */
function share(total: number, index: number, parts: number): number {
  return Math.floor(total / parts) + (index < total % parts ? 1 : 0);
}

function countsOf(window: RunWindow): { total: Counts; bySegment: Counts[] } {
  const { scripted, segments } = window;
  const bySegment = segments.map((segment, i) =>
    scripted
      ? {
          input: share(scripted.received, i, segments.length),
          skipped: share(scripted.excluded, i, segments.length),
          failed: share(scripted.failed, i, segments.length),
          output: share(scripted.activated, i, segments.length),
        }
      : generatedCounts(window.history.flowId, window.start, segment),
  );
  const total = scripted
    ? { input: scripted.received, skipped: scripted.excluded, failed: scripted.failed, output: scripted.activated }
    : bySegment.reduce(
        (sum, c) => ({
          input: sum.input + c.input,
          skipped: sum.skipped + c.skipped,
          failed: sum.failed + c.failed,
          output: sum.output + c.output,
        }),
        { input: 0, skipped: 0, failed: 0, output: 0 },
      );
  return { total, bySegment };
}

/** When the window's run completes (window end + delay), and whether it has at `now`. */
export function completion(window: RunWindow, now: number): { at: number; done: boolean } {
  const minutes = window.scripted?.completedAfterMinutes ?? COMPLETION_DELAY_MINUTES;
  const at = window.start + HOUR_MS + Math.round(minutes * 60_000);
  return { at, done: at <= now && window.scripted?.status !== "processing" };
}

/** One run in Flow_Run's shape, fields in the order of Adobe's examples. */
export function runView(window: RunWindow, sandboxName: string, orgId: string, now: number): Record<string, unknown> {
  const { history, start, segments, scripted } = window;
  const { meta } = history;
  const id = runId(history.flowId, start);
  const end = completion(window, now);
  const status = end.done ? (scripted?.status ?? "success") : "processing";
  const updatedAt = end.done ? end.at : start;
  const { total, bySegment } = countsOf(window);
  const errors = scripted?.errors ?? [];
  const recordSummary = {
    inputRecordCount: total.input,
    outputRecordCount: total.output,
    skippedRecordCount: total.skipped,
    failedRecordCount: total.failed,
    failedInfo: errors.map((e) => ({ ...e, type: "Error" })),
    skippedInfo: total.skipped > 0 ? [{ code: SKIP_CODE, message: SKIP_MESSAGE, count: total.skipped }] : [],
    // One source summary per audience, id = the audience id: destinations.yaml's getFlowRuns filter
    // `metrics.recordSummary.sourceSummaries[].id==<segmentId>`.
    sourceSummaries: segments.map((segment, i) => ({
      id: segment,
      inputRecordCount: bySegment[i]!.input,
      skippedRecordCount: bySegment[i]!.skipped,
      entitySummaries: [
        { id: `segment:${segment}`, inputRecordCount: bySegment[i]!.input, skippedRecordCount: bySegment[i]!.skipped },
      ],
    })),
    // sort-and-filter.md: `metrics.recordSummary.targetSummaries[].entitySummaries[].id==segment:<id>`.
    targetSummaries: meta.targetConnectionId
      ? [
          {
            id: meta.targetConnectionId,
            outputRecordCount: total.output,
            failedRecordCount: total.failed,
            entitySummaries: segments.map((segment, i) => ({
              id: `segment:${segment}`,
              outputRecordCount: bySegment[i]!.output,
              failedRecordCount: bySegment[i]!.failed,
            })),
          },
        ]
      : [],
  };
  const durationSummary = end.done ? { startedAtUTC: start, completedAtUTC: end.at } : { startedAtUTC: start };
  return {
    id,
    createdAt: start,
    updatedAt,
    createdBy: meta.createdBy,
    updatedBy: meta.createdBy,
    createdClient: meta.createdClient,
    updatedClient: meta.createdClient,
    sandboxId: meta.sandboxId,
    sandboxName,
    imsOrgId: orgId,
    flowId: history.flowId,
    flowSpec: meta.flowSpec,
    etag: `"${id.slice(0, 8)}-0000-0200-0000-${Math.floor(updatedAt / 1000)
      .toString(16)
      .padStart(8, "0")
      .slice(-8)}0000"`,
    metrics: { durationSummary, recordSummary, statusSummary: { status, errors } },
  };
}
