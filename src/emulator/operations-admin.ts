// The admin routes of runs, the clock and the audit log (no auth, under /__emulator, as inspection.ts's):
//   POST /__emulator/runs   {sandbox?, flowId, generate?, windows?}  replaces that flow's run script
//   POST /__emulator/clock  {advanceSeconds}                          moves the emulator's clock forward
//   GET  /__emulator/audit                                            every audit event, every sandbox, in order
import type { Clock } from "./clock.js";
import type { EmulatorConfig } from "./config.js";
import { ApiError } from "./errors.js";
import type { EmuRequest, EmuResponse } from "./http.js";
import type { Operations } from "./operations.js";
import { parseRunScript } from "./run-scripts.js";
import { hourOf, runId } from "./run-views.js";
import type { Store } from "./store.js";
import { isPlainObject } from "./types.js";

export interface OperationsTarget {
  config: EmulatorConfig;
  store: Store;
  clock: Clock;
  ops: Operations;
}

/** Answers one of the three routes, or undefined when `key` ("METHOD /path") is none of them. */
export function handleOperationsAdmin(key: string, req: EmuRequest, target: OperationsTarget): EmuResponse | undefined {
  switch (key) {
    case "POST /__emulator/runs":
      return scriptRuns(req, target);
    case "POST /__emulator/clock": {
      const body = readBody(req, "invalid_clock_advance");
      const seconds = isPlainObject(body) ? body.advanceSeconds : undefined;
      if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0)
        throw invalid(
          "invalid_clock_advance",
          "advanceSeconds: a number of seconds, 0 or more (the clock never goes back)",
        );
      target.clock.advance(seconds * 1000);
      target.ops.changed();
      return { status: 200, body: { now: target.clock.now() } };
    }
    case "GET /__emulator/audit":
      return { status: 200, body: { items: target.ops.audit.all() } };
    default:
      return undefined;
  }
}

function scriptRuns(req: EmuRequest, target: OperationsTarget): EmuResponse {
  const error = "invalid_runs_script";
  let parsed;
  try {
    parsed = parseRunScript(readBody(req, error), hourOf(target.clock.now()));
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw invalid(error, (e as Error).message);
  }
  const { sandbox, flowId, script } = parsed;
  if (!target.config.sandboxes.includes(sandbox)) throw invalid(error, `sandbox: no sandbox '${sandbox}'`);
  const known =
    target.store.collection(sandbox, "flows").get(flowId) !== undefined ||
    target.ops.history.get(sandbox, flowId) !== undefined;
  if (!known) throw invalid(error, `flowId: no flow ${flowId} in sandbox ${sandbox}`);
  target.ops.setScript(sandbox, flowId, script);
  const windows = script.windows.map(({ start, ...window }) => ({
    runId: runId(flowId, start),
    startedAtUTC: start,
    ...window,
  }));
  return { status: 200, body: { sandbox, flowId, generate: script.generate, windows } };
}

function readBody(req: EmuRequest, error: string): unknown {
  const text = req.body.toString("utf8").trim();
  try {
    return text === "" ? {} : (JSON.parse(text) as unknown);
  } catch (e) {
    throw invalid(error, `the body is not JSON: ${(e as Error).message}`);
  }
}

const invalid = (error: string, message: string): ApiError => new ApiError(400, { error, message });
