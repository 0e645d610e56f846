// The request pacer: unpaced until a 429, then just under the rate the server accepted, growing back
// slowly; and, against a model of a token-bucket rate limit, few 429s at close to the limit's rate.
import { afterEach, describe, expect, it, vi } from "vitest";
import { RequestPacer } from "../../src/aep/pacer.js";

function clock() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    advance: (ms: number) => void (now += ms),
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe("RequestPacer", () => {
  it("does not wait before the first 429", async () => {
    const c = clock();
    const pacer = new RequestPacer({ now: c.now, sleep: c.sleep });
    for (let i = 0; i < 50; i++) pacer.answered(200, await pacer.acquire());
    expect(c.sleeps).toEqual([]);
    expect(pacer.rate).toBeUndefined();
  });

  it("on a 429 paces at 90 % of the rate accepted since the window began", async () => {
    const c = clock();
    const pacer = new RequestPacer({ now: c.now, sleep: c.sleep });
    await pacer.acquire(); // the window starts with the first request
    for (let i = 0; i < 40; i++) {
      c.advance(50);
      pacer.answered(200, c.now());
    }
    pacer.answered(429, c.now()); // 40 accepted in 2 s: 20/s
    expect(pacer.rate).toBeCloseTo(18, 5);
    expect(pacer.cuts).toBe(1);
    const first = await pacer.acquire();
    const second = await pacer.acquire();
    expect(second - first).toBeCloseTo(1000 / 18, 0);
  });

  it("cuts once for the 429s of requests that were already under way", async () => {
    const c = clock();
    const pacer = new RequestPacer({ now: c.now, sleep: c.sleep });
    const sent = await Promise.all(Array.from({ length: 4 }, () => pacer.acquire()));
    for (let i = 0; i < 20; i++) {
      c.advance(25);
      pacer.answered(200, c.now());
    }
    for (const at of sent) pacer.answered(429, at);
    expect(pacer.cuts).toBe(1);
    // A request let go after the cut that is throttled again does cut again.
    for (let i = 0; i < 20; i++) {
      c.advance(100);
      pacer.answered(200, c.now());
    }
    pacer.answered(429, await pacer.acquire());
    expect(pacer.cuts).toBe(2);
  });

  it("ignores a 429 that comes before enough answers to measure a rate", async () => {
    const c = clock();
    const pacer = new RequestPacer({ now: c.now, sleep: c.sleep });
    pacer.answered(200, await pacer.acquire());
    c.advance(100);
    pacer.answered(429, await pacer.acquire());
    expect(pacer.rate).toBeUndefined();
    expect(pacer.cuts).toBe(0);
  });

  it("leaves the rate alone when 429s come between short runs of successes (not a rate limit)", async () => {
    const c = clock();
    const pacer = new RequestPacer({ now: c.now, sleep: c.sleep });
    for (let i = 0; i < 300; i++) {
      c.advance(20);
      pacer.answered(i % 4 === 3 ? 429 : 200, await pacer.acquire()); // every 4th throttled
    }
    expect(pacer.cuts).toBe(0);
    expect(c.sleeps).toEqual([]);
  });

  it("speeds up while it holds requests back, not while the client is idle", async () => {
    const c = clock();
    const pacer = new RequestPacer({ now: c.now, sleep: c.sleep });
    await pacer.acquire();
    for (let i = 0; i < 20; i++) {
      c.advance(100);
      pacer.answered(200, c.now());
    }
    pacer.answered(429, c.now()); // 10/s → 9/s
    const cut = pacer.rate!;
    // Idle: one request every 2 s never waits, so the rate stays.
    for (let i = 0; i < 10; i++) {
      c.advance(2000);
      await pacer.acquire();
    }
    expect(pacer.rate).toBe(cut);
    // Busy: 10 s of back-to-back requests add about 2.5 % of the cut rate per second.
    const start = c.now();
    while (c.now() - start < 10_000) await pacer.acquire();
    expect(pacer.rate! / cut).toBeGreaterThan(1.2);
    expect(pacer.rate! / cut).toBeLessThan(1.3);
  });

  it("never waits when disabled", async () => {
    const c = clock();
    const pacer = new RequestPacer({ enabled: false, now: c.now, sleep: c.sleep });
    for (let i = 0; i < 30; i++) {
      c.advance(10);
      pacer.answered(i % 3 === 0 ? 429 : 200, await pacer.acquire());
    }
    expect(c.sleeps).toEqual([]);
    expect(pacer.rate).toBeUndefined();
  });
});

describe("against a token-bucket rate limit (20/s, burst 20, Retry-After in whole seconds)", () => {
  afterEach(() => void vi.useRealTimers());

  /**
   * Four workers send 2,000 requests through the pacer as AepHttp does: wait for the pacer, then for any
   * Retry-After pause; the server answers after 80 ms and takes a token when the request arrives.
   */
  async function simulate(enabled: boolean) {
    vi.useFakeTimers({ now: 0 });
    const pacer = new RequestPacer({ enabled });
    const bucket = { tokens: 20, at: 0 };
    const take = (now: number): number => {
      bucket.tokens = Math.min(20, bucket.tokens + ((now - bucket.at) / 1000) * 20);
      bucket.at = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / 20));
    };
    let pausedUntil = 0;
    let remaining = 2000;
    let throttled = 0;
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const worker = async () => {
      while (remaining > 0) {
        remaining--;
        for (;;) {
          const sentAt = await pacer.acquire();
          while (pausedUntil > Date.now()) await sleep(pausedUntil - Date.now());
          await sleep(80);
          const wait = take(Date.now());
          pacer.answered(wait ? 429 : 200, sentAt);
          if (!wait) break;
          throttled++;
          pausedUntil = Math.max(pausedUntil, Date.now() + wait * 1000);
        }
      }
    };
    let done = false;
    const all = Promise.all(Array.from({ length: 4 }, worker)).then(() => (done = true));
    while (!done) await vi.advanceTimersByTimeAsync(50);
    await all;
    return { seconds: Date.now() / 1000, throttled };
  }

  it("stays close to the limit with few 429s, where the unpaced client keeps hitting it", async () => {
    const paced = await simulate(true);
    const unpaced = await simulate(false);
    // The bound is 2,000 / 20 = 100 s (99 s with the initial burst).
    expect(paced.seconds).toBeLessThan(105);
    expect(paced.throttled).toBeLessThan(unpaced.throttled / 3);
    expect(paced.seconds).toBeLessThan(unpaced.seconds);
  }, 60_000);
});
