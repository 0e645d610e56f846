// A token bucket per org: `perSecond` tokens are added each second up to `burst` (default perSecond).
// An empty bucket answers 429 with Retry-After = whole seconds until the next token.

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  /** Takes a token for `key`; returns 0 when allowed, else the seconds to wait. */
  take(key: string, perSecond: number, burst = perSecond, now = Date.now()): number {
    const capacity = Math.max(1, burst);
    const bucket = this.buckets.get(key) ?? { tokens: capacity, updatedAt: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * perSecond);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
  }

  clear(): void {
    this.buckets.clear();
  }
}
