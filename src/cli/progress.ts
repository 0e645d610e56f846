// Apply's progress as people expect it. Every finished item is a `[n/N]` line with its time. While an
// item runs longer than the interval (10 s, AEP_GITOPS_PROGRESS_SECONDS), a terminal shows one status
// line rewritten in place ("still creating flow x (12 s)"), and a CI log gets the same as a plain line
// once per interval, as Terraform does, so a slow step never looks like a hung one.
import type { Io } from "../app/io.js";
import type { Output } from "../app/output.js";
import type { Change, SandboxPlan } from "../domain/plan/plan.js";
import type { ItemResult } from "../domain/apply/results.js";
import { progressLine, stillLine } from "../report/apply/progress.js";

export interface Progress {
  start(sandbox: string, change: Change): void;
  done(sandbox: string, item: ItemResult): void;
  /** The plan made under the lock differs from the one shown: its count replaces the sandbox's. */
  replanned(plan: SandboxPlan): void;
  stop(): void;
}

export function createProgress(plans: SandboxPlan[], output: Output, io: Pick<Io, "env">): Progress {
  const counts = new Map(plans.map((p) => [p.sandbox, runnable(p)]));
  const interval = Math.max(0.1, Number(io.env.AEP_GITOPS_PROGRESS_SECONDS) || 10) * 1000;
  const running = new Map<string, { sandbox: string; change: Change; since: number; said: number }>();
  let finished = 0;
  let status = "";
  const total = () => [...counts.values()].reduce((a, b) => a + b, 0);
  // A terminal's status line is cleared before any other line, so the two never mix.
  const write = (line: string) => {
    if (status) clearStatus();
    output.out(line);
  };
  const clearStatus = () => {
    output.write("\r\u001b[K");
    status = "";
  };
  const tick = () => {
    const now = Date.now();
    const slow = [...running.values()].filter((r) => now - r.since >= interval);
    if (output.tty) {
      const oldest = slow.sort((a, b) => a.since - b.since)[0];
      if (!oldest) return status && clearStatus();
      status = stillLine(oldest.sandbox, oldest.change, now - oldest.since);
      output.write(`\r\u001b[K${status}`);
    } else {
      for (const r of slow)
        if (Math.floor((now - r.since) / interval) > r.said) {
          r.said = Math.floor((now - r.since) / interval);
          write(stillLine(r.sandbox, r.change, now - r.since));
        }
    }
  };
  const timer = setInterval(tick, output.tty ? Math.min(1000, interval) : Math.min(interval / 4, 1000));
  timer.unref();
  return {
    start(sandbox, change) {
      running.set(`${sandbox}\u0000${change.ref}`, { sandbox, change, since: Date.now(), said: 0 });
    },
    done(sandbox, item) {
      const key = `${sandbox}\u0000${item.ref}`;
      const since = running.get(key)?.since ?? Date.now();
      running.delete(key);
      finished++;
      write(progressLine(finished, Math.max(total(), finished), sandbox, item, Date.now() - since));
    },
    replanned(plan) {
      counts.set(plan.sandbox, runnable(plan));
    },
    stop() {
      clearInterval(timer);
      if (status) clearStatus();
    },
  };
}

function runnable(plan: SandboxPlan): number {
  return plan.changes.filter((c) => c.calls.length > 0).length;
}
