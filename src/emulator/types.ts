// Shared vocabulary of the emulator. Nothing here is imported from the product: the emulator is written
// from Adobe's contract on its own, so it catches the client's mistakes instead of agreeing with them.

/** A stored Flow Service object (connection, source/target connection or flow), as Adobe returns it. */
export type Entity = Record<string, unknown> & { id: string };

/** The four mutable Flow Service collections. */
export type ResourceName = "connections" | "sourceConnections" | "targetConnections" | "flows";

export const RESOURCE_NAMES: readonly ResourceName[] = [
  "connections",
  "sourceConnections",
  "targetConnections",
  "flows",
];

export function isResourceName(value: string): value is ResourceName {
  return (RESOURCE_NAMES as readonly string[]).includes(value);
}

/** Who is calling, as the gateway resolved it from the bearer token. */
export interface Caller {
  clientId: string;
  /** True for clients that stand for a person editing in Adobe's UI (stamped `exc_app`). */
  ui: boolean;
}

/** A sandbox of the emulated org. */
export interface SandboxInfo {
  name: string;
  id: string;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
