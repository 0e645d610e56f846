// What the minimum client does in each phase (the calls Adobe's documented path needs), the chain of
// dependent round trips that work needs (the bound's depth), and the product's own chain, as the
// emulator's request log shows it (src/reconcile/reconcile.ts, read-live.ts, lock.ts as of this bench).
import { churnOf, type PhaseName, type ScenarioSpec } from "./scenario.js";

const PAGE = 100;
/** A list call answers at least one page, even when empty. */
export const pages = (n: number): number => Math.max(1, Math.ceil(n / PAGE));

/**
 * Destination types the scenarios' YAML uses (Kinesis only): the run reads each one's connection spec
 * once (`GET /connectionSpecs/{id}`; src/app/adobe.ts shares one cache between all sandboxes of the run).
 */
export const DESTINATION_TYPES = 1;

/**
 * Round trips the audience list needs at the least: the first page gives the total, the rest could go at
 * once (the Audiences API takes `start`). The product follows the server's next links, one page at a time.
 */
export const audienceRounds = (spec: ScenarioSpec): number => Math.min(2, pages(spec.audiencePool));

export interface Minimum {
  /** List pages of the three filtered lists (flows, destination accounts, target connections). */
  listPages: number;
  /** Writes of Adobe's documented path (a flow is created empty, then given its selectors by one PATCH). */
  writes: number;
  /**
   * The product's own safety cost, on a line of its own: the sandbox lock's release PATCH per sandbox
   * after an apply (src/reconcile/lock.ts), and its take where the lock object exists already (churn);
   * a first apply takes the lock in the POST that creates the Profile connection.
   */
  lockWrites: number;
  /** listPages + writes + lockWrites: the Flow Service calls that read or change destinations. */
  total: number;
  /** Per-run reads, counted and bounded apart: connection-spec GETs (one per destination type per run)… */
  specReads: number;
  /** …the Profile union schema (one GET per sandbox whose destinations export attributes, per run)… */
  schemaReads: number;
  /** …and the Audiences API's list pages (ceil(audiences ÷ 100) per sandbox, every plan resolves references). */
  audiencePages: number;
  /** Per-resource-GET refresh baseline (Terraform-style): lists + one GET per flow, target, account. */
  refresh: number;
  /** Adobe's tutorial path: 8 calls per destination. */
  tutorial: number;
  formula: string;
}

export function minimum(spec: ScenarioSpec, phase: PhaseName): Minimum {
  const s = spec.sandboxes.length;
  const n = spec.destinationsPerSandbox;
  const a = spec.accountsPerSandbox;
  const churn = churnOf(spec);
  const audiencePages = s * pages(spec.audiencePool);
  const listedBefore = phase === "first-apply" ? 0 : n; // destinations live when the phase starts
  const listPages = s * (pages(listedBefore) + pages(listedBefore === 0 ? 0 : a) + pages(listedBefore)); // flows, accounts, targets
  let writes = 0;
  let lockWrites = 0;
  let formula: string;
  if (phase === "first-apply") {
    writes = s * (2 + a + 3 * n);
    lockWrites = s;
    formula = `${s}×3 empty lists + ${s}×(2 Profile + ${a} account + 3×${n} destinations) + ${s}×1 lock release`;
  } else if (phase === "no-op-plan") {
    formula = `${s}×(${pages(n)} flow + ${pages(a)} account + ${pages(n)} target pages)`;
  } else {
    writes = s * (churn.changed.length + 3 * churn.added.length + 2 * churn.removed.length);
    lockWrites = 2 * s;
    formula = `list pages + ${s}×(${churn.changed.length} PATCH + 3×${churn.added.length} added + 2×${churn.removed.length} removed) + ${s}×2 lock take and release`;
  }
  const refresh = s * (pages(n) + pages(a) + pages(n) + n + n + a);
  return {
    listPages,
    writes,
    lockWrites,
    total: listPages + writes + lockWrites,
    specReads: DESTINATION_TYPES,
    schemaReads: s,
    audiencePages,
    refresh,
    tutorial: s * n * 8,
    formula,
  };
}

/** The per-run reads a phase makes besides the minimum's calls (all count against the rate limit). */
export const perRunReads = (m: Minimum): number => m.specReads + m.schemaReads + m.audiencePages;

export interface Depth {
  /** The chain of dependent round trips the work needs (each costs one latency). */
  depth: number;
  explain: string;
}

/** The needed chain: reads beside each other (lists, audience pages, the spec, the union), then the writes in order. */
export function depth(spec: ScenarioSpec, phase: PhaseName): Depth {
  const n = phase === "first-apply" ? 0 : spec.destinationsPerSandbox;
  const listChain = pages(n); // pages of one list are sequential (each carries the next's token)
  const audiences = audienceRounds(spec);
  const churn = churnOf(spec);
  if (phase === "first-apply") {
    // token → lists (one page each) → Profile-base lookup → POST base → POST source → POST flow → PATCH flow
    const reads = Math.max(listChain + 1, audiences);
    return {
      depth: 1 + reads + 4,
      explain: "token → lists → Profile lookup → POST Profile base → POST Profile source → POST flow → PATCH flow",
    };
  }
  const reads = Math.max(listChain, audiences);
  const pagesText = `${reads} page${reads > 1 ? "s" : ""}`;
  if (phase === "no-op-plan") {
    return {
      depth: 1 + reads,
      explain: `token → ${pagesText} in sequence${audiences > listChain ? " (audiences: the first page, then the rest at once)" : ""}`,
    };
  }
  const writes = churn.added.length > 0 ? 3 : churn.removed.length > 0 ? 2 : churn.changed.length > 0 ? 1 : 0;
  return {
    depth: 1 + reads + writes,
    explain: `token → ${pagesText} → POST target → POST flow → PATCH flow (∥ DELETE flow → DELETE target, PATCH)`,
  };
}

/** The calls the minimum client makes, by kind (`METHOD /route`, as the emulator's log names them). */
export function expectedKinds(spec: ScenarioSpec, phase: PhaseName): Record<string, number> {
  const s = spec.sandboxes.length;
  const n = spec.destinationsPerSandbox;
  const a = spec.accountsPerSandbox;
  const churn = churnOf(spec);
  const specs = { "GET /connectionSpecs/{id}": DESTINATION_TYPES };
  if (phase === "first-apply") {
    return {
      ...specs,
      "GET /flows": s,
      "GET /connections": s,
      "GET /targetConnections": s,
      "POST /connections": s * (1 + a),
      "POST /sourceConnections": s,
      "POST /targetConnections": s * n,
      "POST /flows": s * n,
      "PATCH /flows/{id}": s * n,
      "PATCH /connections/{id}": s, // the lock's release
    };
  }
  const lists = {
    ...specs,
    "GET /flows": s * pages(n),
    "GET /connections": s * pages(a),
    "GET /targetConnections": s * pages(n),
  };
  if (phase === "no-op-plan") return lists;
  return {
    ...lists,
    "PATCH /flows/{id}": s * (churn.changed.length + churn.added.length),
    "POST /targetConnections": s * churn.added.length,
    "POST /flows": s * churn.added.length,
    "DELETE /flows/{id}": s * churn.removed.length,
    "DELETE /targetConnections/{id}": s * churn.removed.length,
    "PATCH /connections/{id}": 2 * s, // the lock's take and release
  };
}

/**
 * The product's own chain of dependent round trips, step by step: planAll reads (lists, the audience
 * list page after page, the connection spec), then per sandbox the apply takes the sandbox lock, reads
 * live again under it, writes in dependency order and releases the lock.
 */
export function productChain(spec: ScenarioSpec, phase: PhaseName): { depth: number; steps: string } {
  const n = phase === "first-apply" ? 0 : spec.destinationsPerSandbox;
  const audiences = pages(spec.audiencePool); // next links: one page at a time
  const lists = pages(n);
  if (phase === "no-op-plan") {
    const reads = Math.max(lists, audiences);
    return {
      depth: 1 + reads,
      steps: `token → ${reads} page${reads > 1 ? "s" : ""} in sequence${audiences > lists ? " (the audience list's next links)" : ""}`,
    };
  }
  if (phase === "first-apply") {
    const reads = Math.max(lists + 1, audiences);
    // lock: list lock objects → POST (the Profile connection) → list again; re-read: lists → Profile
    // lookup → source lookup; writes: POST account → POST target → POST flow → PATCH flow; release: PATCH.
    return {
      depth: 1 + reads + 3 + lists + 2 + 4 + 1,
      steps:
        "token → lists → Profile lookup → lock lookup → POST lock (= Profile base) → lock lookup → re-read lists → Profile lookup → source lookup → POST account → POST target → POST flow → PATCH flow → PATCH release",
    };
  }
  const reads = Math.max(lists, audiences);
  return {
    depth: 1 + reads + 2 + lists + 3 + 1,
    steps:
      "token → lists → lock lookup → PATCH lease → re-read lists → POST target → POST flow → PATCH flow → PATCH release",
  };
}

/** How long a phase may run before it is stopped: generous, but bounded. */
export function timeoutMs(spec: ScenarioSpec, phase: PhaseName | "refresh", rate: number): number {
  const m = minimum(spec, phase === "refresh" ? "no-op-plan" : phase);
  const calls = phase === "refresh" ? m.refresh : m.total + perRunReads(m);
  return Math.max(120_000, 5 * (calls / rate) * 1000 + 60_000);
}
