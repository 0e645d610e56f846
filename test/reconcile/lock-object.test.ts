// The lease line in the lock object's description: what one run writes, every run must read back. A
// line that failed to parse would look like no lease at all, and a second apply would take the lock.
import { describe, expect, it } from "vitest";
import { leaseDescription, readLease } from "../../src/reconcile/lock-object.js";

describe("the lease line", () => {
  it("reads back exactly what was written", () => {
    expect(readLease(leaseDescription({ run: "3f2a-b9", until: 1_796_184_104_064 }))).toEqual({
      run: "3f2a-b9",
      until: 1_796_184_104_064,
    });
  });

  it("is written in whole milliseconds, never earlier than asked", () => {
    const text = leaseDescription({ run: "r", until: 1_796_184_104_064.5 });
    expect(text).toContain("until=1796184104065]");
    expect(readLease(text)?.until).toBe(1_796_184_104_065);
  });

  it("with a fraction (another writer's) is still a lease, not none", () => {
    const text =
      "Profile store connection shared by the destinations aep-gitops manages.\n\n[aep-gitops lease: run=r until=1796184104064.5]";
    expect(readLease(text)).toEqual({ run: "r", until: 1_796_184_104_064.5 });
  });

  it("is absent from a released lock", () => {
    expect(readLease(leaseDescription())).toBeUndefined();
  });
});
