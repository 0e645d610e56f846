// Scripted dataflow runs (POST /__emulator/runs): the windows a test wants a flow to have — failures with
// Adobe-style error codes, excluded identities, delayed completion — and whether the flow also gets its
// generated windows (`generate: false` makes a silent flow). A window is placed at an absolute hour when
// scripted, so advancing the clock afterwards moves it into the past as real time would.
import { isPlainObject } from "./types.js";

export const HOUR_MS = 3_600_000;
/** The oldest window still inside the 7 days runs are generated for. */
export const MAX_HOURS_AGO = 7 * 24 - 1;

export type WindowStatus = "success" | "failed" | "processing";

export interface RunError {
  code: string;
  message: string;
  count?: number;
}

export interface ScriptedWindow {
  /** Window start, epoch ms on the emulator's clock (an hour boundary). */
  start: number;
  status: WindowStatus;
  received: number;
  activated: number;
  excluded: number;
  failed: number;
  errors: RunError[];
  completedAfterMinutes: number;
}

export interface RunScript {
  generate: boolean;
  windows: ScriptedWindow[];
}

export interface ParsedScript {
  sandbox: string;
  flowId: string;
  script: RunScript;
}

const SCRIPT_KEYS = ["sandbox", "flowId", "generate", "windows"];
const WINDOW_KEYS = [
  "hoursAgo",
  "status",
  "received",
  "activated",
  "excluded",
  "failed",
  "errors",
  "completedAfterMinutes",
];
const STATUSES: readonly WindowStatus[] = ["success", "failed", "processing"];

/** Parses an admin body; throws an Error naming the bad key. `hourStart` is the current hour's start. */
export function parseRunScript(body: unknown, hourStart: number): ParsedScript {
  if (!isPlainObject(body)) throw new Error("the body must be a JSON object {flowId, sandbox?, generate?, windows?}");
  const unknown = Object.keys(body).find((k) => !SCRIPT_KEYS.includes(k));
  if (unknown) throw new Error(`${unknown}: not a key of a runs script (${SCRIPT_KEYS.join(", ")})`);
  if (typeof body.flowId !== "string" || body.flowId === "") throw new Error("flowId: a flow id is required");
  if (body.sandbox !== undefined && typeof body.sandbox !== "string") throw new Error("sandbox: must be a string");
  if (body.generate !== undefined && typeof body.generate !== "boolean")
    throw new Error("generate: must be true or false");
  const windows = body.windows ?? [];
  if (!Array.isArray(windows)) throw new Error("windows: must be a list");
  return {
    sandbox: body.sandbox ?? "prod",
    flowId: body.flowId,
    script: {
      generate: body.generate ?? true,
      windows: windows.map((w, i) => parseWindow(w, `windows[${i}]`, hourStart)),
    },
  };
}

function parseWindow(raw: unknown, at: string, hourStart: number): ScriptedWindow {
  if (!isPlainObject(raw)) throw new Error(`${at}: must be an object {hoursAgo, …}`);
  const unknown = Object.keys(raw).find((k) => !WINDOW_KEYS.includes(k));
  if (unknown) throw new Error(`${at}.${unknown}: not a key of a scripted window (${WINDOW_KEYS.join(", ")})`);
  const hoursAgo = count(raw.hoursAgo, `${at}.hoursAgo`);
  if (hoursAgo === undefined) throw new Error(`${at}.hoursAgo: required (0 is the current hour)`);
  // Runs exist for the last 7 days only (run-views.ts): an older window would never be listed.
  if (hoursAgo > MAX_HOURS_AGO) throw new Error(`${at}.hoursAgo: at most ${MAX_HOURS_AGO} (runs cover 7 days)`);
  const status = raw.status ?? "success";
  if (!STATUSES.includes(status as WindowStatus))
    throw new Error(`${at}.status: must be one of ${STATUSES.join(", ")}`);
  const received = count(raw.received, `${at}.received`) ?? 1000;
  const excluded = count(raw.excluded, `${at}.excluded`) ?? 0;
  const failed = count(raw.failed, `${at}.failed`) ?? 0;
  const activated = count(raw.activated, `${at}.activated`) ?? Math.max(0, received - excluded - failed);
  const minutes = raw.completedAfterMinutes ?? 5;
  if (typeof minutes !== "number" || !Number.isFinite(minutes) || minutes < 0)
    throw new Error(`${at}.completedAfterMinutes: must be a number of minutes, 0 or more`);
  return {
    start: hourStart - hoursAgo * HOUR_MS,
    status: status as WindowStatus,
    received,
    activated,
    excluded,
    failed,
    errors: parseErrors(raw.errors, `${at}.errors`),
    completedAfterMinutes: minutes,
  };
}

function count(value: unknown, at: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || (value as number) < 0) throw new Error(`${at}: must be an integer, 0 or more`);
  return value as number;
}

function parseErrors(raw: unknown, at: string): RunError[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new Error(`${at}: must be a list of {code, message, count?}`);
  return raw.map((e, i) => {
    if (!isPlainObject(e) || typeof e.code !== "string" || typeof e.message !== "string")
      throw new Error(`${at}[${i}]: must be {code: string, message: string, count?: number}`);
    const n = count(e.count, `${at}[${i}].count`);
    return n === undefined ? { code: e.code, message: e.message } : { code: e.code, message: e.message, count: n };
  });
}
