// Client-side pacing of requests, so a big apply runs just under Adobe's rate limit instead of into it.
// A 429 is expensive: its Retry-After (whole seconds) pauses the whole client. The pacer starts unpaced;
// on a 429 it sets the request rate to a fraction of the rate that was actually accepted since the
// previous 429 (from one 429 to the next the server's bucket went from empty to empty, so what got
// through in between is the server's real rate), and while no 429 comes it raises the rate slowly
// (additive increase), so it follows a limit that moves or is shared with other clients. AIMD, as TCP.
export interface PacerOptions {
  /** false: never waits (the client behaves as before pacing existed). */
  enabled: boolean;
  /** On a 429, pace at this fraction of the rate accepted since the previous one. */
  backoff: number;
  /** While no 429 comes, the rate grows by this fraction of the last set rate per second of paced sending. */
  growthPerSecond: number;
  /** Never pace slower than this (requests per second). */
  minRate: number;
  /**
   * A 429 lowers the rate only after this many accepted requests in a row. A rate limit lets a streak of
   * requests through after each pause (its bucket refilled meanwhile); 429s that come between short streaks
   * are not the rate talking (a flaky gateway, another client's burst) and are left to the Retry-After
   * pause and the concurrency limiter, as before pacing existed, instead of ratcheting the rate down.
   */
  minSamples: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_PACER: PacerOptions = {
  enabled: true,
  backoff: 0.9,
  growthPerSecond: 0.025,
  minRate: 1,
  minSamples: 8,
};

export class RequestPacer {
  /** Requests per second; undefined while unpaced (no 429 seen yet). */
  rate: number | undefined;
  /** How many times a 429 lowered the rate. */
  cuts = 0;
  private readonly options: PacerOptions;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** The earliest time the next request may go out. */
  private nextSlot = 0;
  /** Start of the current measuring window: the first request, then the last 429 that cut the rate. */
  private windowStart: number | undefined;
  private accepted = 0;
  /** Accepted requests since the last 429 of any kind, and when the first of them was answered. */
  private streak = 0;
  private streakStart = 0;
  private lastCut = Number.NEGATIVE_INFINITY;
  /** The rate set at the last cut: the step of the additive increase scales with it. */
  private base = 0;

  constructor(options: Partial<PacerOptions> = {}) {
    this.options = { ...DEFAULT_PACER, ...options };
    this.now = this.options.now ?? Date.now;
    this.sleep = this.options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  }

  /** Waits for this request's turn; resolves with the time it was let go (pass it to answered()). */
  async acquire(): Promise<number> {
    const now = this.now();
    this.windowStart ??= now;
    if (!this.options.enabled || this.rate === undefined) return now;
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / this.rate;
    if (slot <= now) return now;
    // Only a client that is held back by the pacer may speed up: an idle one learns nothing about the limit.
    this.rate += (this.options.growthPerSecond * this.base) / this.rate;
    await this.sleep(slot - now);
    return slot;
  }

  /** Records the answer to a request let go at `sentAt`: a 429, or anything else (the server took it). */
  answered(status: number, sentAt: number): void {
    if (!this.options.enabled) return;
    if (status !== 429) {
      if (this.streak === 0) this.streakStart = this.now();
      this.accepted++;
      this.streak++;
      return;
    }
    const streak = this.streak;
    this.streak = 0;
    // Requests already on their way when the rate was cut tell nothing new.
    if (sentAt < this.lastCut || streak < this.options.minSamples) return;
    const now = this.now();
    const elapsed = now - (this.windowStart ?? now);
    if (elapsed <= 0) return;
    const observed = (this.accepted * 1000) / elapsed;
    // A window mostly spent waiting out Retry-After pauses says little about the rate: never pace at
    // less than half the rate the latest streak of accepted requests went through at.
    const streakRate = now > this.streakStart ? ((streak - 1) * 1000) / (now - this.streakStart) : 0;
    const next = Math.max(this.options.minRate, observed * this.options.backoff, streakRate / 2);
    this.rate = this.rate === undefined ? next : Math.min(this.rate, next);
    this.base = this.rate;
    this.cuts++;
    this.lastCut = now;
    this.windowStart = now;
    this.accepted = 0;
  }
}
