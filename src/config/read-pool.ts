// Reads and checks many files (file-check.ts) on this thread and on worker threads at once. Every thread
// claims the next batch from one shared counter, so a worker that starts late or runs slowly simply
// takes fewer files, and this thread never waits for a worker to start before working. Results are kept
// by file index, so the order never depends on which thread finished first. A worker that throws,
// exits, or goes silent while holding files is given up on, and this thread reads whatever it held:
// no problem is lost and nothing hangs on it.
import { availableParallelism, loadavg } from "node:os";
import type { Worker } from "node:worker_threads";
import type { CheckCache } from "./check-cache.js";
import { checkFile, fromData, type FileCheck } from "./file-check.js";
import type { JobMessage, WorkerFault, WorkerMessage } from "./read-protocol.js";
import { startWorker } from "./read-worker-start.js";
import type { Positions } from "./yaml-file.js";

export interface ReadOptions {
  /** Worker threads to share the reading with; 0 reads on this thread only. Default: by files and cores. */
  workers?: number;
  /** For tests: false leaves every file to the workers, so that they demonstrably read some. */
  inThread?: boolean;
  /** For tests: files per claim (1 spreads even a small tree over every thread). */
  batch?: number;
  /** For tests: what the workers do wrong, while holding files ("start": they fail before any job). */
  fault?: WorkerFault | "start";
  /** For tests: another worker script (one that cannot start, say). */
  script?: URL;
  /** A worker holding files that sends nothing for this long is stopped and its files read here. */
  stallMs?: number;
  /** Checks of unchanged files are taken from here; the others are checked and stored in it. */
  cache?: CheckCache;
  /** When the documents' positions are read (yaml-file.ts): by default while parsing. */
  positions?: Positions;
}

/**
 * Below this many files per worker, starting one (~50–100 ms of its own, and its code runs cold) costs
 * more than it saves. A file read without its positions costs about half as much (fast-values.ts), so
 * it takes ten times the files to be worth a worker: measured on the 2-core machine, one worker made a
 * validate of 1,000 files 7 % slower, and of 3,000 files 9 % faster (medians of 10 paired runs).
 */
const FILES_PER_WORKER: Record<Positions, number> = { eager: 150, "on-demand": 1500 };
const MAX_WORKERS = 3;
/** Small enough that the last batch to finish holds everything up only briefly. */
const BATCH = 8;
const STALL_MS = 10_000;
/**
 * Idle this long, the workers stop: loads run together at the start of a command, and a worker kept
 * for the rest of it (an apply of many minutes) would hold its own heap, tens of MB, for nothing.
 */
const RETIRE_MS = 500;

/** The workers of this process, started by the first job worth them and kept (idle, unref'd) for later jobs. */
let shared: Pool | undefined;

/**
 * How many workers a job of `files` files is worth on this machine. A worker pays only on a core that
 * is otherwise idle: each thread warms up its own JIT and starts its own copy of the code, which costs
 * about half a second of CPU for the benchmark's thousand files (bench/validate-results.md). Where the
 * cores are already busy (the load average says so), that CPU comes out of this thread's share.
 */
function workersFor(files: number, positions: Positions = "eager"): number {
  // Workers already started cost nothing more: a job of a few batches is worth sharing with them.
  const started = files >= 2 * BATCH ? (shared?.helpers.length ?? 0) : 0;
  const byFiles = Math.floor(files / FILES_PER_WORKER[positions]);
  // Most runs read a few files: no new worker, and no need to read the load average.
  if (byFiles === 0) return started;
  const cores = availableParallelism();
  const idle = Math.ceil(cores - 0.5 - loadavg()[0]!);
  return Math.max(0, Math.min(cores - 1, idle, MAX_WORKERS, byFiles), started);
}

interface Helper {
  worker: Worker;
  jobs: Set<Job>;
}

interface Job {
  id: number;
  files: string[];
  positions: Positions;
  results: Array<FileCheck | undefined>;
  missing: number;
  /** Helpers that may still send results for this job. */
  pending: Set<Helper>;
  finish(): void;
  stallMs: number;
  stall?: NodeJS.Timeout;
}

class Pool {
  readonly helpers: Helper[] = [];
  private nextId = 0;
  private retire?: NodeJS.Timeout;

  constructor(
    /** A one-off pool (test faults, another script) stops its workers when its job ends. */
    private readonly oneOff: boolean,
    private readonly startup: Pick<ReadOptions, "fault" | "script">,
  ) {}

  grow(count: number): void {
    while (this.helpers.length < count) {
      const worker = startWorker({ failAtStart: this.startup.fault === "start" }, this.startup.script);
      if (!worker) return;
      const helper: Helper = { worker, jobs: new Set() };
      worker.unref(); // an idle helper never keeps the process alive; a job refs it while it runs
      worker.on("message", (message: WorkerMessage) => this.receive(helper, message));
      worker.on("error", () => undefined); // 'exit' follows: that is where its files are taken back
      worker.on("messageerror", () => void worker.terminate());
      worker.on("exit", () => this.lose(helper));
      this.helpers.push(helper);
    }
  }

  async run(files: string[], helpers: Helper[], options: ReadOptions): Promise<FileCheck[]> {
    const next = new Int32Array(new SharedArrayBuffer(4));
    const batch = options.batch ?? BATCH;
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const positions = options.positions ?? "eager";
    const job: Job = {
      id: this.nextId++,
      files,
      positions,
      results: [],
      missing: files.length,
      pending: new Set(),
      finish,
      stallMs: options.stallMs ?? STALL_MS,
    };
    if (this.retire) clearTimeout(this.retire);
    const message: JobMessage = { id: job.id, files, next, batch, positions };
    if (options.fault && options.fault !== "start") message.fault = options.fault;
    for (const helper of helpers) {
      helper.worker.postMessage(message);
      helper.jobs.add(job);
      job.pending.add(helper);
      helper.worker.ref();
    }
    try {
      // This thread works too, from the same counter, while the helpers start up.
      while (options.inThread !== false) {
        const start = Atomics.add(next, 0, batch);
        if (start >= files.length) break;
        for (let i = start; i < Math.min(start + batch, files.length); i++)
          this.fill(job, i, checkFile(files[i]!, positions));
      }
      if (job.missing > 0) {
        this.watch(job);
        this.settle(job);
        await done;
      }
      return job.results as FileCheck[];
    } finally {
      // Even when reading throws (a bug): a helper left ref'd with an open job would keep the process alive.
      this.close(job);
    }
  }

  private fill(job: Job, index: number, result: FileCheck): void {
    if (job.results[index] !== undefined) return;
    job.results[index] = result;
    job.missing--;
  }

  private receive(helper: Helper, message: WorkerMessage): void {
    const job = [...helper.jobs].find((j) => j.id === message.job);
    if (!job) return; // a job already complete: a late helper had nothing left to claim
    if ("done" in message) {
      job.pending.delete(helper);
      helper.jobs.delete(job);
    } else {
      message.results.forEach((data, offset) => this.fill(job, message.start + offset, fromData(data)));
      this.watch(job);
    }
    this.settle(job);
  }

  /** A helper is gone (it threw, exited or was stopped): whatever it held is read here. */
  private lose(helper: Helper): void {
    const index = this.helpers.indexOf(helper);
    if (index >= 0) this.helpers.splice(index, 1);
    for (const job of helper.jobs) {
      job.pending.delete(helper);
      this.settle(job);
    }
    helper.jobs.clear();
  }

  /** Complete when every file has its result; when no helper can still send one, read the rest here. */
  private settle(job: Job): void {
    if (job.missing > 0 && job.pending.size === 0) {
      job.files.forEach((file, i) => {
        if (job.results[i] === undefined) this.fill(job, i, checkFile(file, job.positions));
      });
    }
    if (job.missing === 0) job.finish();
  }

  /** (Re)arms the watchdog: a helper silent for too long while files are missing is stopped. */
  private watch(job: Job): void {
    if (job.stall) clearTimeout(job.stall);
    if (job.missing === 0) return;
    job.stall = setTimeout(() => {
      for (const helper of job.pending) void helper.worker.terminate();
    }, job.stallMs);
    job.stall.unref();
  }

  private close(job: Job): void {
    if (job.stall) clearTimeout(job.stall);
    for (const helper of job.pending) helper.jobs.delete(job);
    for (const helper of this.helpers) if (helper.jobs.size === 0) helper.worker.unref();
    if (this.oneOff) for (const helper of [...this.helpers]) void helper.worker.terminate();
    else if (this.helpers.every((helper) => helper.jobs.size === 0)) {
      // Stopped helpers leave through 'exit' (lose); a later job starts new ones.
      if (this.retire) clearTimeout(this.retire);
      this.retire = setTimeout(() => {
        for (const helper of [...this.helpers]) if (helper.jobs.size === 0) void helper.worker.terminate();
      }, RETIRE_MS);
      this.retire.unref();
    }
  }
}

/** Checks every file, in the order given, on this thread and as many workers as `options` allow. */
export async function checkFiles(files: string[], options: ReadOptions = {}): Promise<FileCheck[]> {
  const { cache } = options;
  if (cache) {
    const found = files.map((file) => cache.lookup(file));
    const missing = files.filter((_, i) => !found[i]);
    const checked = await checkFiles(missing, { ...options, cache: undefined, workers: undefined });
    missing.forEach((file, i) => cache.store(file, checked[i]!));
    let next = 0;
    return found.map((check) => check ?? checked[next++]!);
  }
  const count = options.workers ?? workersFor(files.length, options.positions);
  const here = () => files.map((file) => checkFile(file, options.positions));
  if (count <= 0 || files.length === 0) return here();
  const oneOff = options.fault !== undefined || options.script !== undefined;
  const pool = oneOff ? new Pool(true, options) : (shared ??= new Pool(false, {}));
  pool.grow(count);
  if (pool.helpers.length === 0) return here();
  return pool.run(files, pool.helpers.slice(0, count), options);
}

/** Stops the shared workers (they never keep a process alive, but a test may want them gone). */
export async function closeReadPool(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await Promise.all(pool?.helpers.map((h) => h.worker.terminate()) ?? []);
}
