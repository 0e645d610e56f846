// The messages between read-pool.ts (the thread that loads) and read-worker.ts (its helpers). Plain,
// structured-clonable data only; the shared counter is how every thread claims the next files.
import type { FileCheckData } from "./file-check.js";
import type { Positions } from "./yaml-file.js";

/** Ways a worker can be told to fail, so the tests can show that no problem is lost and nothing hangs. */
export type WorkerFault = "throw" | "exit" | "hang";

export interface JobMessage {
  id: number;
  files: string[];
  /** Int32Array over a SharedArrayBuffer: [0] is the index of the next unclaimed file. */
  next: Int32Array;
  batch: number;
  positions: Positions;
  fault?: WorkerFault;
}

export type WorkerMessage = { job: number; start: number; results: FileCheckData[] } | { job: number; done: true };

export interface WorkerSettings {
  /** For tests: the worker throws while starting, before it takes any job. */
  failAtStart?: boolean;
}
