// The audit events the emulator has recorded, per sandbox, in the order they happened. Each stored event
// keeps a sequence number (a query's snapshot: a repeated `queryId` sees the same events even when new
// ones arrive while a client pages) and its time in epoch ms (the 90-day query window).

export interface StoredEvent {
  seq: number;
  at: number;
  sandbox: string;
  event: Record<string, unknown>;
}

export interface AuditDump {
  seq: number;
  events: StoredEvent[];
}

/** Kept in memory at most (oldest dropped first), so a long benchmark cannot exhaust memory. */
export const MAX_AUDIT_EVENTS = 100_000;

export class AuditLog {
  private events: StoredEvent[] = [];
  private seq = 0;

  record(sandbox: string, at: number, events: readonly Record<string, unknown>[]): void {
    for (const event of events) this.events.push({ seq: (this.seq += 1), at, sandbox, event });
    // Trimmed in chunks, so a long run does not pay an O(n) splice on every write.
    if (this.events.length > MAX_AUDIT_EVENTS + 5_000) this.events.splice(0, this.events.length - MAX_AUDIT_EVENTS);
  }

  /** The sequence number of the newest event (0 when none): a query's snapshot. */
  get lastSeq(): number {
    return this.seq;
  }

  /** One sandbox's events, oldest first. */
  list(sandbox: string): StoredEvent[] {
    return this.events.filter((e) => e.sandbox === sandbox);
  }

  /** Every event of every sandbox, oldest first (the admin view). */
  all(): Record<string, unknown>[] {
    return this.events.map((e) => e.event);
  }

  clear(): void {
    this.events = [];
    this.seq = 0;
  }

  dump(): AuditDump {
    return { seq: this.seq, events: this.events };
  }

  load(dump: AuditDump | undefined): void {
    if (!dump) return;
    this.events = Array.isArray(dump.events) ? dump.events : [];
    this.seq = Math.max(dump.seq ?? 0, this.events[this.events.length - 1]?.seq ?? 0);
  }
}
