// The emulator's public API: startEmulator(options) → { url, close() }, plus the config types.
import { Emulator } from "./emulator.js";
import { serve } from "./server.js";
import type { EmulatorConfig } from "./config.js";

export type {
  EmulatorConfig,
  ClientConfig,
  ApiSwitch,
  AuditLinks,
  AuditListKey,
  AudienceStart,
  DeleteStatus,
  FlowPatchResponse,
  PatchConnectionsMode,
  PatchRemoveIndexes,
  SpecOverride,
} from "./config.js";
export type { FaultConfig, ScriptedFault, FaultAction, RetryAfterStyle } from "./faults.js";
export type { AudienceSeed, AudienceType, LifecycleState } from "./segments-seed.js";
export { DEFAULT_ORG, loadConfigFile } from "./config.js";
export {
  MEN_OVER_50_PROD,
  MEN_OVER_50_DEV,
  UPLOADED_PROD,
  UPLOADED_DEV,
  INACTIVE_PROD,
  INACTIVE_DEV,
} from "./segments-seed.js";
export { UNION_ID, UNION_ALT_ID } from "./union-schema.js";
export { UPS_SPEC_ID, KINESIS_SPEC_ID, EVENT_HUBS_SPEC_ID, DESTINATION_FLOW_SPEC_ID } from "./specs.js";

export interface StartEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Load the store from this file at start (if present) and save it after every mutation. */
  statePath?: string;
  config?: Partial<EmulatorConfig>;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:43123 (no trailing slash). */
  url: string;
  /** Stops listening, destroys open sockets (hung requests too) and flushes the state file. */
  close(): Promise<void>;
  /** Writes the state file now, synchronously (for a process about to end at once). */
  saveNow(): void;
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = new Emulator(options.config ?? {}, options.statePath);
  return serve(emulator, options.port ?? 0, options.host ?? "127.0.0.1");
}
