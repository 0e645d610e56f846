// What operators watch, kept beside the store: when each flow was active (its dataflow runs follow from
// that), the scripted runs, and the audit log. Every successful Flow Service write reaches `recordWrite`;
// the runs and audit handlers read from here; the state file keeps all of it (and the clock's advance, so
// the windows a test moved into the past stay there after a restart).
import { AuditLog, type AuditDump } from "./audit-log.js";
import { auditEvents, type WriteRecord } from "./audit-events.js";
import type { Clock } from "./clock.js";
import type { Row } from "./pagination.js";
import { RunHistory, type HistoryDump } from "./run-history.js";
import { HOUR_MS, type RunScript } from "./run-scripts.js";
import { completion, runView, windowsOf } from "./run-views.js";
import type { Entity } from "./types.js";

export interface OperationsDump {
  history: HistoryDump;
  scripts: Record<string, RunScript>;
  audit: AuditDump;
  clockAdvancedMs: number;
}

/** Cached runs at most (cleared beyond): a completed run never changes, so it is built once. */
const MAX_CACHED_RUNS = 200_000;
/** Room for flow ordinals in a run's revision (hour index × this + ordinal). */
const ORDINALS = 1_000_000;

export class Operations {
  readonly history = new RunHistory();
  readonly audit = new AuditLog();
  private scripts = new Map<string, RunScript>();
  private cache = new Map<string, Row>();

  constructor(
    private readonly orgId: string,
    private readonly clock: Clock,
    /** Tells the persistence layer that state changed. */
    readonly changed: () => void,
  ) {}

  /** A successful Flow Service write: flows update their activity, every write is audited. */
  recordWrite(write: WriteRecord): void {
    if (write.resource === "flows") {
      const id = (write.after ?? write.before)?.id;
      if (id) this.history.observe(write.sandbox.name, id, write.before, write.after, write.now);
    }
    this.audit.record(write.sandbox.name, write.now, auditEvents(write));
  }

  /** Replaces a flow's script (POST /__emulator/runs). */
  setScript(sandbox: string, flowId: string, script: RunScript): void {
    this.scripts.set(`${sandbox}|${flowId}`, script);
    this.cache.clear();
    this.changed();
  }

  /**
   * Every run of the sandbox that exists now, newest first. The revision (hour index, then the flow's
   * creation order) keeps continuation tokens valid while new windows appear.
   */
  runs(sandbox: string, flows: Iterable<Entity>): Row[] {
    const now = this.clock.now();
    if (this.cache.size > MAX_CACHED_RUNS) this.cache.clear();
    const rows: Row[] = [];
    for (const history of this.history.all(sandbox, flows)) {
      for (const window of windowsOf(history, this.scripts.get(`${sandbox}|${history.flowId}`), now)) {
        const done = completion(window, now).done;
        const key = `${sandbox}|${history.flowId}|${window.start}|${done}`;
        let row = this.cache.get(key);
        if (!row) {
          row = {
            value: runView(window, sandbox, this.orgId, now),
            rev: (window.start / HOUR_MS) * ORDINALS + history.ordinal,
          };
          this.cache.set(key, row);
        }
        rows.push(row);
      }
    }
    return rows.sort((a, b) => b.rev - a.rev);
  }

  clear(): void {
    this.history.clear();
    this.audit.clear();
    this.scripts.clear();
    this.cache.clear();
  }

  dump(): OperationsDump {
    return {
      history: this.history.dump(),
      scripts: Object.fromEntries(this.scripts),
      audit: this.audit.dump(),
      clockAdvancedMs: this.clock.advanced,
    };
  }

  load(dump: OperationsDump | undefined): void {
    if (!dump) return;
    this.history.load(dump.history);
    this.scripts = new Map(Object.entries(dump.scripts ?? {}));
    this.audit.load(dump.audit);
    this.clock.advance((dump.clockAdvancedMs ?? 0) - this.clock.advanced);
    this.cache.clear();
  }
}
