// This process as the holder of a sandbox lock (host name, process id, the workflow run's URL),
// and the one test of a holder's death the lock trusts: on this very host, its process is gone. A host
// name alone can be shared (containers started with the same --hostname), so on Linux the PID namespace
// must match too: a pid is only meaningful inside the namespace that gave it.
import { readlinkSync } from "node:fs";
import { hostname } from "node:os";
import { workflowRunUrl, sanitizeHost, type LeaseHolder, type LockHolder } from "../reconcile/lease-holder.js";

/** The PID namespace of this process (Linux), e.g. `4026531836`; undefined elsewhere. */
function pidNamespace(): string | undefined {
  try {
    return /\[(\d+)\]/.exec(readlinkSync("/proc/self/ns/pid"))?.[1];
  } catch {
    return undefined;
  }
}

export function thisHolder(env: Record<string, string | undefined>): LockHolder {
  const url = workflowRunUrl(env);
  const pidns = pidNamespace();
  return { host: sanitizeHost(hostname()), pid: process.pid, pidns, url };
}

/**
 * True only when the holder ran on this host (same name, and the same PID namespace where both record
 * one) and its process no longer exists (signal 0 answers ESRCH). A process of another user still exists
 * (EPERM): alive. Anything unsure (another host, no pid recorded) is alive: its lease is waited out.
 */
export function holderIsDead(holder: LeaseHolder, self: LockHolder = thisHolder({})): boolean {
  if (holder.host === undefined || holder.pid === undefined || holder.host !== self.host) return false;
  if (holder.pidns !== undefined && self.pidns !== undefined && holder.pidns !== self.pidns) return false;
  if (holder.pid === process.pid || holder.pid <= 1) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
