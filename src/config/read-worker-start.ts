// Finds and starts read-worker in whichever shape this code runs in:
// - bundled (dist/cli): read-worker.js is its own bundle beside index.cjs, where this code sits (the
//   folder above is tried too, for a bundle laid out in chunks);
// - from source (vitest, tsx): the worker is TypeScript, which a plain worker thread cannot load, so a
//   two-line bootstrap registers tsx's loader in the new thread first;
// - anywhere else (the GitHub Action's single-file bundle has no worker file): no worker, and the
//   caller reads on its own thread.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Worker } from "node:worker_threads";
import type { WorkerSettings } from "./read-protocol.js";

type Script = { kind: "bundled"; url: URL } | { kind: "source"; url: URL; tsx: string };

let located: Script | null | undefined;

function locate(): Script | null {
  const here = import.meta.url;
  if (here.endsWith(".ts")) {
    try {
      return { kind: "source", url: new URL("./read-worker.ts", here), tsx: import.meta.resolve("tsx/esm/api") };
    } catch {
      return null; // no tsx: nothing can load the TypeScript worker
    }
  }
  for (const candidate of ["./read-worker.js", "../read-worker.js"]) {
    const url = new URL(candidate, here);
    if (existsSync(fileURLToPath(url))) return { kind: "bundled", url };
  }
  return null;
}

/** A started worker, or undefined when none can start here (the caller then reads on its own thread). */
export function startWorker(settings: WorkerSettings, script?: URL): Worker | undefined {
  located ??= locate();
  const found: Script | null = script ? { kind: "bundled", url: script } : located;
  if (!found) return undefined;
  try {
    // Required here, not imported: a small tree (most runs) never starts a worker and need not load
    // Node's worker machinery at start-up.
    const { Worker } = createRequire(import.meta.url)("node:worker_threads") as typeof import("node:worker_threads");
    if (found.kind === "bundled") return new Worker(found.url, { workerData: settings });
    const bootstrap =
      `import(${JSON.stringify(found.tsx)})` +
      `.then((tsx) => { tsx.register(); return import(${JSON.stringify(found.url.href)}); })`;
    return new Worker(bootstrap, { eval: true, workerData: settings });
  } catch {
    return undefined;
  }
}
