// The lease line in the lock object's description: what one run writes, every run must read back. A
// line that failed to parse would look like no lease at all, and a second apply would take the lock.
import { describe, expect, it } from "vitest";
import { workflowRunUrl, describeLease, sanitizeHost } from "../../src/reconcile/lease-holder.js";
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

describe("the holder line next to the lease", () => {
  const holder = {
    host: "runner-7.example.com",
    pid: 4242,
    pidns: "4026531836",
    started: 1_796_184_000_000,
    ttl: 120,
    url: "https://github.com/acme/destinations/actions/runs/99",
  };

  it("reads back exactly what was written, and leaves the lease line as older versions read it", () => {
    const text = leaseDescription({ run: "3f2a-b9", until: 1_796_184_104_064, holder });
    expect(readLease(text)).toEqual({ run: "3f2a-b9", until: 1_796_184_104_064, holder });
    // The pattern of aep-gitops before the holder line: the same lease.
    expect(/\[aep-gitops lease: run=([A-Za-z0-9-]+) until=(\d+(?:\.\d+)?)\]/.exec(text)?.slice(1)).toEqual([
      "3f2a-b9",
      "1796184104064",
    ]);
    expect(describeLease(readLease(text)!)).toBe(
      "run 3f2a-b9 on host runner-7.example.com (pid 4242, https://github.com/acme/destinations/actions/runs/99), took the lock at 2026-12-02T04:00:00Z, lease until 2026-12-02T04:01:44Z",
    );
  });

  it("keeps only inert text: a host name is [A-Za-z0-9.-], a URL only an Actions run's", () => {
    expect(sanitizeHost("<b>evil</b> host_[1]")).toBe("bevilbhost1");
    expect(sanitizeHost("")).toBe("unknown");
    const env = { GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "acme/dest", GITHUB_RUN_ID: "7" };
    expect(workflowRunUrl(env)).toBe("https://github.com/acme/dest/actions/runs/7");
    expect(workflowRunUrl({ ...env, GITHUB_REPOSITORY: "acme/[x](javascript:1)" })).toBeUndefined();
    expect(workflowRunUrl({})).toBeUndefined();
    // Someone edited the description in Adobe's UI: what is not of its shape is dropped, not shown.
    const edited =
      "[aep-gitops lease: run=r until=1]\n[aep-gitops holder: host=<script> pid=12 url=javascript:alert(1) ttl=x]";
    expect(readLease(edited)?.holder).toEqual({ pid: 12 });
  });
});
