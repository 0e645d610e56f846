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
