// Bounded concurrency that backs off while Adobe throttles: halve on a 429, grow by one after a streak of
// successes (AIMD, as TCP does). Keeps a big apply from turning into a 429 storm.
export class AdaptiveLimiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private successes = 0;
  limit: number;

  constructor(private readonly max: number) {
    this.limit = max;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    while (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  throttled(): void {
    this.successes = 0;
    this.limit = Math.max(1, Math.floor(this.limit / 2));
  }

  succeeded(): void {
    if (this.limit >= this.max) return;
    if (++this.successes >= 10) {
      this.successes = 0;
      this.limit++;
      this.waiting.shift()?.();
    }
  }
}
