// What an apply did, in the words every layer shares: the executor (src/reconcile) produces these, the
// renderers (src/report) read them, so neither has to import the other.
import type { LiveMeta } from "../state/live.js";
import type { Change, ResourceKind } from "../plan/plan.js";

export type ItemStatus = "done" | "failed" | "skipped";

/** One change of a plan, as the executor left it. */
export interface ItemResult {
  ref: string;
  action: Change["action"];
  resource: Change["resource"];
  name: string;
  /** Credentials written by this item (never their values): a create sets them, an update may rotate them. */
  credentials?: "set" | "rotate";
  status: ItemStatus;
  /** A create that succeeded: the id Adobe gave the new object. */
  id?: string;
  message?: string;
  /** Concurrent edits met on the way (a 412), and how they were resolved. */
  concurrent: string[];
}

/** One sandbox's items, in the order they finished. */
export interface SandboxResults {
  sandbox: string;
  items: ItemResult[];
}

/** An object that is not as a saved plan found it (why `apply PLANFILE` refuses). */
export interface MovedObject {
  sandbox: string;
  resource: ResourceKind;
  name: string;
  id?: string;
  how: "changed" | "deleted" | "created";
  meta?: LiveMeta;
}

/** One request as apply's JSON lines report it: never its query, headers or body, so never a secret. */
export interface CallStart {
  /** Numbers the command's requests from 1, so a start and its finish (interleaved with others) pair up. */
  id: number;
  sandbox: string;
  method: string;
  /** The path alone, without any query. */
  path: string;
}
