// What a Flow Service or segment handler works with: the emulator state, the request, the resolved caller
// and sandbox. Handlers return an EmuResponse or throw an ApiError.
import type { Clock } from "./clock.js";
import type { EmulatorConfig } from "./config.js";
import type { EmuRequest } from "./http.js";
import type { Operations } from "./operations.js";
import type { SecretVault } from "./secrets.js";
import type { SpecCatalog } from "./spec-catalog.js";
import type { SandboxCollections } from "./store.js";
import type { Caller, SandboxInfo } from "./types.js";

export interface HandlerContext {
  config: EmulatorConfig;
  req: EmuRequest;
  caller: Caller;
  sandbox: SandboxInfo;
  collections: SandboxCollections;
  /** The connection and flow specs this emulator serves (with the configured overrides). */
  specs: SpecCatalog;
  /** The emulator's (possibly skewed) clock: every stamp reads it. */
  clock: Clock;
  /** Flow activity, scripted runs and the audit log. */
  ops: Operations;
  /** Clear secrets of this process, for the admin view only (the store keeps digests). */
  vault: SecretVault;
  /** Route parameters. */
  resource: string;
  id: string | undefined;
  /** Tells the persistence layer that state changed. */
  changed(): void;
}
