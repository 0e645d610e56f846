// Adobe's clock as its answers' Date headers (whole seconds) tell it: the sandbox lock's leases are
// written and judged by it, so it must be right within what the headers allow, and steady.
import { describe, expect, it } from "vitest";
import { ServerClock } from "../../src/aep/server-clock.js";

/** A server whose clock is `offset` ms ahead of ours, answering after `rtt` ms (stamped halfway). */
function server(offset: number, rtt: number) {
  let local = 1_700_000_000_123;
  const clock = new ServerClock(() => local);
  return {
    clock,
    /** One request at our time `local`, then our clock moves on by `gap`. */
    ask(gap: number) {
      const sentAt = local;
      const stamped = sentAt + rtt / 2 + offset;
      clock.observe(new Date(Math.floor(stamped / 1000) * 1000).toUTCString(), sentAt, sentAt + rtt);
      local += gap;
    },
    trueNow: () => local + offset,
  };
}

describe("Adobe's clock", () => {
  it("is our own until an answer carries a Date header, and ignores one that is not a date", () => {
    const clock = new ServerClock(() => 5_000);
    expect(clock.now()).toBe(5_000);
    clock.observe(null, 0, 10);
    clock.observe("not a date", 0, 10);
    expect(clock.now()).toBe(5_000);
  });

  it("is within half a second (and the round trip) after one answer, whatever the offset", () => {
    for (const offset of [-3_600_000, -1234, 0, 377, 86_400_000]) {
      const s = server(offset, 40);
      s.ask(0);
      expect(Math.abs(s.clock.now() - s.trueNow())).toBeLessThanOrEqual(520);
    }
  });

  it("tells whole milliseconds, as Date.now() does (leases are written in them)", () => {
    const s = server(-7_654, 31);
    for (let i = 0; i < 30; i++) {
      s.ask(113);
      expect(Number.isInteger(s.clock.now())).toBe(true);
    }
  });

  it("narrows to a fraction of the round trip once answers fall on both sides of a second", () => {
    const s = server(-7_654, 30);
    const errors: number[] = [];
    for (let i = 0; i < 40; i++) {
      s.ask(137); // answers spread over ~5 s, at every phase of the second
      errors.push(Math.abs(s.clock.now() - s.trueNow()));
    }
    expect(Math.max(...errors.slice(20))).toBeLessThanOrEqual(30);
  });

  it("is steady: once settled it moves by less than a round trip per answer (a header read alone jumps by a second)", () => {
    const s = server(250, 20);
    let previous: number | undefined;
    const steps: number[] = [];
    const alone: number[] = [];
    for (let i = 0; i < 60; i++) {
      s.ask(90);
      const estimate = s.clock.now() - s.trueNow();
      expect(Math.abs(estimate)).toBeLessThanOrEqual(520);
      if (previous !== undefined) steps.push(Math.abs(estimate - previous));
      previous = estimate;
      // What reading only the latest header gives (its second's middle): the way it was before.
      const trueAt = s.trueNow() - 90 + 10;
      alone.push(Math.floor(trueAt / 1000) * 1000 + 500 - trueAt);
    }
    expect(Math.max(...steps.slice(30))).toBeLessThanOrEqual(20);
    const aloneSteps = alone.slice(1).map((a, i) => Math.abs(a - alone[i]!));
    expect(Math.max(...aloneSteps)).toBeGreaterThan(800);
  });

  it("starts afresh when an answer cannot agree with the others (a clock was set)", () => {
    let local = 1_000_000;
    let offset = 0;
    const clock = new ServerClock(() => local);
    const ask = () => {
      clock.observe(new Date(Math.floor((local + 10 + offset) / 1000) * 1000).toUTCString(), local, local + 20);
      local += 170;
    };
    for (let i = 0; i < 40; i++) ask();
    expect(Math.abs(clock.now() - (local + offset))).toBeLessThanOrEqual(100);
    offset = 60_000; // Adobe's clock (or ours) was set a minute forward
    ask();
    expect(Math.abs(clock.now() - (local + offset))).toBeLessThanOrEqual(520);
  });
});
