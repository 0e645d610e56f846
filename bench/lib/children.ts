// Child processes of the benchmark. The emulator and each measured phase run as plain `node` on an
// esbuild bundle (as the published CLI runs), so a phase's peak RSS and CPU are the client's own, with
// no TypeScript loader in them and no emulator sharing its event loop.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { EmulatorConfig } from "../../src/emulator/index.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");

export interface Bundles {
  dir: string;
  emulator: string;
  phase: string;
}

/** Bundles the child entry points into a temporary folder (self-contained: dependencies included). */
export async function bundleChildren(): Promise<Bundles> {
  const dir = mkdtempSync(path.join(tmpdir(), "aep-gitops-bench-bin-"));
  const entries = { emulator: "bench/lib/emulator-child.ts", phase: "bench/lib/phase-child.ts" };
  await build({
    absWorkingDir: ROOT,
    entryPoints: entries,
    outdir: dir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    logLevel: "warning",
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return { dir, emulator: path.join(dir, "emulator.mjs"), phase: path.join(dir, "phase.mjs") };
}

export interface EmulatorProcess {
  url: string;
  admin<T = unknown>(route: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export async function startEmulatorChild(bundles: Bundles, config: Partial<EmulatorConfig>): Promise<EmulatorProcess> {
  const configFile = path.join(bundles.dir, `emulator-config-${process.pid}-${Date.now()}.json`);
  writeFileSync(configFile, JSON.stringify(config));
  const child = spawn(process.execPath, [bundles.emulator, configFile], { stdio: ["pipe", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = "";
    const timer = setTimeout(() => reject(new Error("the emulator did not start within 30 s")), 30_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split("\n")[0];
      if (buffer.includes("\n") && line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    });
    child.on("exit", (code) => reject(new Error(`the emulator exited with ${code}`)));
  });
  const admin = async <T>(route: string, body?: unknown): Promise<T> => {
    const response = await fetch(
      `${url}/__emulator/${route}`,
      body === undefined
        ? {}
        : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
    );
    if (!response.ok) throw new Error(`emulator ${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return { url, admin, stop: () => stopChild(child, configFile) };
}

async function stopChild(child: ChildProcess, configFile: string): Promise<void> {
  rmSync(configFile, { force: true });
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Runs a phase child with its input as JSON; resolves with its JSON result, or rejects after the timeout. */
export async function runPhaseChild<I, O>(bundles: Bundles, input: I, timeoutMs: number): Promise<O> {
  const stamp = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const inFile = path.join(bundles.dir, `phase-in-${stamp}.json`);
  const outFile = path.join(bundles.dir, `phase-out-${stamp}.json`);
  writeFileSync(inFile, JSON.stringify(input));
  const child = spawn(process.execPath, [bundles.phase, inFile, outFile], { stdio: ["ignore", "inherit", "inherit"] });
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`the phase did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped`));
      }, timeoutMs);
      child.on("exit", (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
      child.on("error", reject);
    });
    if (code !== 0) throw new Error(`the phase child exited with ${code}`);
    return JSON.parse(readFileSync(outFile, "utf8")) as O;
  } finally {
    rmSync(inFile, { force: true });
    rmSync(outFile, { force: true });
  }
}
