// This process and the sandbox lock: who it is as a holder, whether another holder died, and the wait.
//
// The wait for another apply's sandbox lock, as people expect it. Who holds the lock (lease id, host, pid, the
// workflow run, when it took it, until when) and how to release it if that apply is gone is said once, and
// again when the lock changes hands. Then a terminal shows one status line rewritten in place ("12 s so
// far"), and a CI log gets the whole line again once per interval (AEP_GITOPS_PROGRESS_SECONDS, 10 s),
// as apply's progress does: never the same line every second.
import type { Io } from "./io.js";
import type { Output } from "./output.js";
import { describeLease, type Lease } from "../reconcile/lease-holder.js";
import type { LockEvent } from "../reconcile/lock.js";
import { printable } from "../report/escape/terminal.js";
import { readlinkSync } from "node:fs";
import { hostname } from "node:os";
import { workflowRunUrl, sanitizeHost, type LeaseHolder, type LockHolder } from "../reconcile/lease-holder.js";

interface Wait {
  lease: Lease;
  waitedMs: number;
  /** When (Date.now) the whole line was last printed. */
  said: number;
}

export function lockWaitReporter(output: Output, io: Pick<Io, "env" | "stdout">): (event: LockEvent) => void {
  const interval = Math.max(0.1, Number(io.env.AEP_GITOPS_PROGRESS_SECONDS) || 10) * 1000;
  const waits = new Map<string, Wait>();
  let status = "";
  const clearStatus = () => {
    if (status) output.errWrite("\r\u001b[K");
    status = "";
  };
  const say = (line: string) => {
    clearStatus();
    output.err(line);
  };
  const showStatus = () => {
    const parts = [...waits].map(([sandbox, w]) => `'${sandbox}' ${seconds(w.waitedMs)}`);
    if (parts.length === 0) return clearStatus();
    // One terminal row at most: a wrapped line could not be rewritten in place.
    const width = Math.max(20, (io.stdout.columns || 80) - 1);
    status = printable(`Waiting for the sandbox lock: ${parts.join(", ")} so far…`).slice(0, width);
    output.errWrite(`\r\u001b[K${status}`);
  };
  return (event) => {
    const sandbox = event.sandbox;
    if (event.kind === "taken-over") {
      say(
        printable(
          `Sandbox '${sandbox}': the apply that held its lock is gone (${describeLease(event.lease)}; its process no longer runs on this host): taking the lock.`,
        ),
      );
      return;
    }
    if (event.kind === "done") {
      waits.delete(sandbox);
      if (output.errTty) showStatus();
      return;
    }
    const previous = waits.get(sandbox);
    const changedHands = previous?.lease.run !== event.lease.run;
    const now = Date.now();
    const due = !output.errTty && previous !== undefined && now - previous.said >= interval;
    waits.set(sandbox, {
      lease: event.lease,
      waitedMs: event.waitedMs,
      said: changedHands || due ? now : previous!.said,
    });
    if (changedHands || due) say(waitingLine(sandbox, event.lease, event.waitedMs));
    if (output.errTty) showStatus();
  };
}

function waitingLine(sandbox: string, lease: Lease, waitedMs: number): string {
  return printable(
    `Waiting for another apply to release the lock of sandbox '${sandbox}'${waitedMs >= 1000 ? ` (${seconds(waitedMs)} so far)` : ""}: ${describeLease(lease)}. If that apply is gone for good: aep-gitops unlock --sandbox ${sandbox} --run ${lease.run}`,
  );
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

// This process as the holder of a sandbox lock (host name, process id, the workflow run's URL),
// and the one test of a holder's death the lock trusts: on this very host, its process is gone. A host
// name alone can be shared (containers started with the same --hostname), so on Linux the PID namespace
// must match too: a pid is only meaningful inside the namespace that gave it.
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
