// The emulator's clock: the machine's time shifted by `clockSkewSeconds`, so a client whose own clock is
// off (or that trusts the server's Date header) can be tested. Every stamp the emulator writes (createdAt,
// updatedAt, creationTime, token lifetimes, etag seconds, Retry-After dates, run windows, audit timestamps)
// and the Date header read it. `advance` moves it forward at runtime (POST /__emulator/clock), so hourly
// dataflow-run windows can complete without a test waiting an hour.

export class Clock {
  private readonly skewMs: number;
  /** How far `advance` has moved the clock, kept apart from the configured skew so a state file can keep it. */
  private advancedMs = 0;

  constructor(skewSeconds = 0) {
    this.skewMs = Math.round(skewSeconds * 1000);
  }

  /** Epoch milliseconds on the emulator's clock. */
  now(): number {
    return Date.now() + this.skewMs + this.advancedMs;
  }

  /** Moves the clock forward (never back: stamps already written must stay in the past). */
  advance(ms: number): void {
    this.advancedMs += Math.max(0, Math.round(ms));
  }

  /** The total of every `advance`, for the state file. */
  get advanced(): number {
    return this.advancedMs;
  }

  /** RFC 7231 IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT` (what `toUTCString` produces). */
  httpDate(at = this.now()): string {
    return new Date(at).toUTCString();
  }
}
