// What a Flow Service or segment handler works with: the emulator state, the request, the resolved caller
// and sandbox. Handlers return an EmuResponse or throw an ApiError.
import type { EmulatorConfig } from "./config.js";
import type { EmuRequest } from "./http.js";
import type { SandboxCollections } from "./store.js";
import type { Caller, SandboxInfo } from "./types.js";

export interface HandlerContext {
  config: EmulatorConfig;
  req: EmuRequest;
  caller: Caller;
  sandbox: SandboxInfo;
  collections: SandboxCollections;
  /** Route parameters. */
  resource: string;
  id: string | undefined;
  /** Tells the persistence layer that state changed. */
  changed(): void;
}
