// A helper thread of read-pool.ts: claims files a batch at a time from the shared counter, checks each
// (read, parse, layer 1) and posts the results as plain data. It is its own bundle entry
// (dist/cli/read-worker.js, see scripts/build.mjs); under tests it runs from source through tsx.
import { parentPort, workerData } from "node:worker_threads";
import { checkFile, toData } from "./file-check.js";
import type { JobMessage, WorkerFault, WorkerMessage, WorkerSettings } from "./read-protocol.js";

// Node's process.env is a live view of the C++ environment; yaml's Node build reads it once per token
// (see src/cli/bin.ts). Each thread has its own, so this thread takes its own plain snapshot: this file is
// a thread's entry point, the one place here that may touch process.*, as bin.ts is for the process.
// eslint-disable-next-line no-restricted-properties
process.env = { ...process.env };

const settings = (workerData ?? {}) as WorkerSettings;
if (settings.failAtStart) throw new Error("read-worker: told to fail at start (test)");

const port = parentPort!;
port.on("message", (job: JobMessage) => {
  const { files, next, batch, positions } = job;
  for (let claims = 1; ; claims++) {
    const start = Atomics.add(next, 0, batch);
    if (start >= files.length) break;
    const end = Math.min(start + batch, files.length);
    // A test fault strikes at the second claim: after results were sent, while this thread holds files
    // nobody else will read.
    if (claims === 2 && job.fault) fail(job.fault);
    const results = [];
    for (let i = start; i < end; i++) results.push(toData(checkFile(files[i]!, positions)));
    port.postMessage({ job: job.id, start, results } satisfies WorkerMessage);
  }
  port.postMessage({ job: job.id, done: true } satisfies WorkerMessage);
});

function fail(fault: WorkerFault): void {
  if (fault === "throw") throw new Error("read-worker: told to fail mid-job (test)");
  if (fault === "exit") process.exit(3);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // "hang": blocks until terminated
}
