// The verdicts of the health report, from windows built here: pure, checked in milliseconds.
import { describe, expect, it } from "vitest";
import { assessHealth, type HealthInput, type RunWindow } from "../../src/domain/operate/health.js";
import { trailOf, type AuditEvent } from "../../src/domain/operate/audit-trail.js";

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 7, 12, 30);

function window(hoursAgo: number, over: Partial<RunWindow> = {}): RunWindow {
  const startedAt = Date.UTC(2026, 11, 7, 12) - hoursAgo * HOUR;
  return {
    id: `run-${hoursAgo}`,
    flowId: "f1",
    startedAt,
    completedAt: startedAt + HOUR + 5 * 60_000,
    status: "success",
    received: 100,
    activated: 98,
    excluded: 2,
    failed: 0,
    errors: [],
    ...over,
  };
}

function input(windows: RunWindow[], over: Partial<HealthInput> = {}): HealthInput {
  return {
    sandbox: "prod",
    destination: "orders",
    estimated: true,
    flow: { id: "f1", state: "enabled", audiences: 2, updatedAt: NOW - 30 * 24 * HOUR },
    windows,
    ...over,
  };
}

describe("assessHealth", () => {
  it("is healthy when the latest completed window had no failures, and sums the day", () => {
    const h = assessHealth(input([window(1), window(2), window(3)]), NOW);
    expect(h).toMatchObject({ verdict: "healthy", last24h: { windows: 3, received: 300, activated: 294 } });
    expect(h.recoveredAt).toBeUndefined();
  });

  it("is failing when the latest window failed or had failed identities, whatever Adobe's status says", () => {
    expect(assessHealth(input([window(1, { failed: 3 })]), NOW).verdict).toBe("failing");
    expect(assessHealth(input([window(1, { status: "failed" })]), NOW).reason).toBe("the latest window failed");
  });

  it("says when it recovered: the first clean window after the latest failure", () => {
    const h = assessHealth(input([window(1), window(2), window(3, { failed: 9 })]), NOW);
    expect(h.verdict).toBe("healthy");
    expect(h.recoveredAt).toBe(window(2).startedAt);
    expect(h.last24h.failedWindows).toBe(1);
  });

  it("ignores a window still processing when judging, and flags one stuck past Adobe's delay as silent", () => {
    expect(
      assessHealth(input([window(0, { completedAt: undefined, status: "processing" }), window(1)]), NOW).verdict,
    ).toBe("healthy");
    const stuck = window(4, { completedAt: undefined, status: "processing" });
    expect(assessHealth(input([stuck]), NOW).verdict).toBe("silent");
  });

  it("is silent when nothing completed for over 150 minutes, starting when the flow just changed", () => {
    expect(assessHealth(input([], { earlier: window(5) }), NOW).reason).toMatch(/no window has completed for 4 h/);
    expect(assessHealth(input([]), NOW).verdict).toBe("silent");
    const fresh = input([], { flow: { id: "f1", state: "enabled", audiences: 1, updatedAt: NOW - 20 * 60_000 } });
    expect(assessHealth(fresh, NOW).verdict).toBe("starting");
  });

  it("is not running when disabled, without audiences, or not created", () => {
    expect(assessHealth(input([], { flow: { id: "f1", state: "disabled", audiences: 1 } }), NOW).verdict).toBe(
      "not running",
    );
    expect(assessHealth(input([], { flow: { id: "f1", state: "enabled", audiences: 0 } }), NOW).reason).toBe(
      "the dataflow exports no audience",
    );
    const { flow: _, ...uncreated } = input([]);
    expect(assessHealth(uncreated, NOW).reason).toBe("not created in Adobe yet");
  });

  it("keeps the three most frequent error codes, counts summed across windows", () => {
    const errors = (code: string, count: number) => [{ code, message: code.toLowerCase(), count }];
    const h = assessHealth(
      input([
        window(1, { failed: 1, errors: [...errors("A-1-500", 5), ...errors("B-1-500", 1)] }),
        window(2, { errors: [...errors("A-1-500", 5), ...errors("C-1-500", 3), ...errors("D-1-500", 2)] }),
      ]),
      NOW,
    );
    expect(h.topErrors.map((e) => [e.code, e.count])).toEqual([
      ["A-1-500", 10],
      ["C-1-500", 3],
      ["D-1-500", 2],
    ]);
  });
});

describe("trailOf", () => {
  const own = { users: [], isOwnRequestId: (id: string) => id === "aep-gitops-signed" };
  const event = (at: number, over: Partial<AuditEvent> = {}): AuditEvent => ({
    at,
    user: "alice@example.com",
    action: "Update",
    assetId: "f1",
    requestId: `ui-${at}`,
    ...over,
  });

  it("lists what others did since this tool's latest write, oldest first, its own writes left out", () => {
    const events = [
      event(1, { user: "early@example.com" }),
      event(2, { requestId: "aep-gitops-signed", user: "tech@techacct.adobe.com" }),
      event(2.5, { requestId: "aep-gitops-unsigned", user: "script@techacct.adobe.com" }),
      event(4, { user: "bob@example.com", action: "Disable" }),
      event(3, { action: "Segment Activate", detail: "seg-1" }),
      event(5, { assetId: "other" }),
    ];
    expect(trailOf(events, ["f1"], own)).toEqual([
      { at: 2.5, who: "script@techacct.adobe.com", action: "Update" },
      { at: 3, who: "alice@example.com", action: "Segment Activate", detail: "seg-1" },
      { at: 4, who: "bob@example.com", action: "Disable" },
    ]);
  });

  it("trusts only the configured identities when there are any", () => {
    // A write of ours ends the trail (what came before it is history); anyone else's stays in it.
    const imitated = event(2, { requestId: "aep-gitops-signed", user: "mallory@example.com" });
    expect(trailOf([imitated], ["f1"], { users: ["tech@techacct.adobe.com"], isOwnRequestId: () => true })).toEqual([
      { at: 2, who: "mallory@example.com", action: "Update" },
    ]);
    expect(
      trailOf([event(2, { user: "Tech@TechAcct.adobe.com" })], ["f1"], {
        users: ["tech@techacct.adobe.com"],
        isOwnRequestId: () => false,
      }),
    ).toEqual([]);
  });
});
