// Adobe's clock, as far as its answers tell: the sandbox lock's leases are written and judged by it, so
// that two runners whose own clocks disagree still agree on who holds a lock (src/reconcile/lock.ts).
// A Date header has whole seconds: Adobe's time was in [D, D + 1 s) at some moment between sending the
// request and reading its answer, so each answer bounds the offset (Adobe's clock minus ours) to an
// interval, and every answer narrows it further (as NTP's filters do). The estimate is the middle of
// what is left: half a second off at worst after one answer, a fraction of a round trip after answers
// that fall on both sides of a second, and steady, where reading each header alone jumps by up to a
// second from one answer to the next (and a lease judged by a jumping clock can seem to run out early).
export class ServerClock {
  private low = -Infinity;
  private high = Infinity;

  constructor(private readonly localNow: () => number = Date.now) {}

  /** One answer's Date header, for a request sent at `sentAt` and answered at `readAt` (our clock). */
  observe(date: string | null, sentAt: number, readAt: number): void {
    const at = date ? Date.parse(date) : NaN;
    if (!Number.isFinite(at)) return;
    const low = at - readAt;
    const high = at + 1000 - sentAt;
    if (low > this.high || high < this.low) {
      // Cannot agree with what came before (a clock was set, or another server answered): start afresh.
      this.low = low;
      this.high = high;
    } else {
      this.low = Math.max(this.low, low);
      this.high = Math.min(this.high, high);
    }
  }

  /** Adobe's time now, in whole ms as Date.now() is (our own clock until an answer carried a Date header). */
  now(): number {
    return this.localNow() + (Number.isFinite(this.low) ? Math.round((this.low + this.high) / 2) : 0);
  }
}
