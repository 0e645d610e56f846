// The machine a run's numbers come from: CPU, memory, Node, the commit and any uncommitted src/ files
// (others work in the same checkout), and the load average other work put on the shared CPUs.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";

export interface Machine {
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  date: string;
  commit?: string;
  /** src/ files with uncommitted changes when the run started (others work in the same checkout). */
  uncommittedSrc?: string[];
  /** The commit when the run ended, when it moved meanwhile (the CLI was built at the start). */
  commitEnd?: string;
  /** 1/5/15-minute load average when the run started, and at its end. */
  loadAverage: number[];
  loadAverageEnd?: number[];
}

export function headCommit(): string | undefined {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    return undefined; // not a checkout
  }
}

export function machine(): Machine {
  let cpuModel = cpus()[0]?.model ?? "unknown";
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? cpuModel;
  } catch {
    // not Linux: os.cpus() it is
  }
  let nproc = cpus().length;
  try {
    nproc = Number(execFileSync("nproc", { encoding: "utf8" }).trim()) || nproc;
  } catch {
    // no nproc binary
  }
  const commit = headCommit();
  let uncommittedSrc: string[] | undefined;
  try {
    uncommittedSrc = execFileSync("git", ["status", "--porcelain", "--", "src"], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map((line) => line.slice(3));
  } catch {
    // not a checkout
  }
  return {
    nproc,
    cpuModel,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
    ...(commit ? { commit } : {}),
    ...(uncommittedSrc?.length ? { uncommittedSrc } : {}),
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
