// The benchmark's scenarios: what each one declares (sandboxes × destinations × audiences × attributes),
// the YAML a user would write for it, its 10 % churn, and what the minimum client and the critical path
// look like for each phase. Everything is deterministic: the same scenario always writes the same files.
import { createHash } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export type ScenarioId = "S" | "M" | "L";
export type PhaseName = "first-apply" | "no-op-plan" | "churn-apply";

export interface ScenarioSpec {
  id: ScenarioId;
  title: string;
  sandboxes: string[];
  destinationsPerSandbox: number;
  audiencesPerDestination: number;
  attributesPerDestination: number;
  /** Audiences defined in each sandbox (destinations pick theirs from this pool). */
  audiencePool: number;
  /** Assumption: one Kinesis account per sandbox, shared by all its destinations. */
  accountsPerSandbox: number;
}

export const SCENARIOS: Record<ScenarioId, ScenarioSpec> = {
  S: {
    id: "S",
    title: "10 destinations",
    sandboxes: ["prod"],
    destinationsPerSandbox: 10,
    audiencesPerDestination: 10,
    attributesPerDestination: 10,
    audiencePool: 20,
    accountsPerSandbox: 1,
  },
  M: {
    id: "M",
    title: "100 destinations × 250 audiences × 50 attributes (Adobe's guardrail maxima)",
    sandboxes: ["prod"],
    destinationsPerSandbox: 100,
    audiencesPerDestination: 250,
    attributesPerDestination: 50,
    audiencePool: 300,
    accountsPerSandbox: 1,
  },
  L: {
    id: "L",
    title: "1,000 destinations over 10 sandboxes",
    sandboxes: Array.from({ length: 10 }, (_, i) => `sandbox-${String(i + 1).padStart(2, "0")}`),
    destinationsPerSandbox: 100,
    audiencesPerDestination: 20,
    attributesPerDestination: 10,
    audiencePool: 40,
    accountsPerSandbox: 1,
  },
};

/** The churn applied after the no-op plan, per sandbox. */
export interface Churn {
  /** Destinations whose audiences change (2 removed, 2 added): one PATCH each. */
  changed: number[];
  /** Destinations removed from YAML (deleted with prune: flow + target connection). */
  removed: number[];
  /** New destinations (target connection + flow). */
  added: number[];
}

export function churnOf(spec: ScenarioSpec): Churn {
  const n = spec.destinationsPerSandbox;
  const few = Math.max(1, Math.round(n * 0.02));
  const changed = Array.from({ length: Math.ceil(n / 10) }, (_, k) => k * 10); // every 10th: 10 %
  const removed = Array.from({ length: few }, (_, k) => n - 1 - k * 10); // never one of the changed
  const added = Array.from({ length: few }, (_, k) => n + k);
  return { changed, removed, added };
}

/** A lower-case v4-shaped UUID derived from a string: stable across runs. */
export function stableUuid(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join("\0")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface Audience {
  id: string;
  name: string;
}

export function audiencePool(spec: ScenarioSpec, sandbox: string): Audience[] {
  return Array.from({ length: spec.audiencePool }, (_, i) => ({
    id: stableUuid("bench-audience", sandbox, String(i)),
    name: `Bench audience ${sandbox} ${i}`,
  }));
}

const ATTRIBUTE_POOL = Array.from({ length: 60 }, (_, i) => `_acme.bench.attribute${String(i).padStart(2, "0")}`);

export function destinationName(i: number): string {
  return `campaign-${String(i).padStart(4, "0")}`;
}

/** The audiences destination i exports (before and after churn). */
export function audiencesOf(spec: ScenarioSpec, pool: Audience[], i: number, churned: boolean): Audience[] {
  const start = (i * 7) % pool.length;
  const picked = Array.from({ length: spec.audiencesPerDestination }, (_, k) => pool[(start + k) % pool.length]!);
  if (!churned) return picked;
  // Drop the first two, add the two that follow the window: 2 removed + 2 added, one PATCH.
  const extra = [0, 1].map((k) => pool[(start + spec.audiencesPerDestination + k) % pool.length]!);
  return [...picked.slice(2), ...extra];
}

function attributesOf(spec: ScenarioSpec, i: number): string[] {
  const start = i % 10;
  return ATTRIBUTE_POOL.slice(start, start + spec.attributesPerDestination);
}

function accountYaml(sandbox: string, k: number): string {
  return `# yaml-language-server: $schema=../../schemas/aep-gitops.schema.json
apiVersion: aep-gitops/v1
kind: Account
name: kinesis-${k}
type: amazon-kinesis
description: Kinesis account ${k} of ${sandbox}
credentials:
  accessKeyId: AKIAIOSFODNN7EXAMPLE
  secretKey: \${env:KINESIS_SECRET_KEY}
  region: us-east-1
`;
}

function destinationYaml(spec: ScenarioSpec, pool: Audience[], i: number, churned: boolean): string {
  const name = destinationName(i);
  const audiences = audiencesOf(spec, pool, i, churned)
    .map((a) => `  - id: ${a.id}\n    name: ${a.name}\n`)
    .join("");
  const attributes = attributesOf(spec, i)
    .map((p) => `  - ${p}\n`)
    .join("");
  return `# yaml-language-server: $schema=../../schemas/aep-gitops.schema.json
apiVersion: aep-gitops/v1
kind: Destination
name: ${name}
type: amazon-kinesis
account: kinesis-${i % spec.accountsPerSandbox}
description: Generated campaign ${i}
state: enabled
target:
  stream: ${name}
  region: us-east-1
audiences:
${audiences}profileAttributes:
${attributes}`;
}

/** Writes one folder per sandbox: an accounts file and one file per destination, as users lay it out. */
export function writeScenario(spec: ScenarioSpec, root: string): { sandbox: string; dir: string }[] {
  return spec.sandboxes.map((sandbox) => {
    const dir = path.join(root, sandbox);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const pool = audiencePool(spec, sandbox);
    writeFileSync(
      path.join(dir, "accounts.yaml"),
      Array.from({ length: spec.accountsPerSandbox }, (_, k) => accountYaml(sandbox, k)).join("---\n"),
    );
    for (let i = 0; i < spec.destinationsPerSandbox; i++)
      writeFileSync(path.join(dir, `${destinationName(i)}.yaml`), destinationYaml(spec, pool, i, false));
    return { sandbox, dir };
  });
}

/** Edits the YAML in place: the 10 % churn (audiences moved, a few destinations removed and added). */
export function writeChurn(spec: ScenarioSpec, root: string): void {
  const churn = churnOf(spec);
  for (const sandbox of spec.sandboxes) {
    const dir = path.join(root, sandbox);
    const pool = audiencePool(spec, sandbox);
    for (const i of churn.changed)
      writeFileSync(path.join(dir, `${destinationName(i)}.yaml`), destinationYaml(spec, pool, i, true));
    for (const i of churn.removed) rmSync(path.join(dir, `${destinationName(i)}.yaml`));
    for (const i of churn.added)
      writeFileSync(path.join(dir, `${destinationName(i)}.yaml`), destinationYaml(spec, pool, i, false));
  }
}

// ---- what the minimum client does, and the critical path --------------------------------------------

const PAGE = 100;
/** A list call answers at least one page, even when empty. */
export const pages = (n: number): number => Math.max(1, Math.ceil(n / PAGE));

/** Segment-definition pages take two round trips at most: the first gives the total, the rest go at once. */
export const segmentRounds = (spec: ScenarioSpec): number => Math.min(2, pages(spec.audiencePool));

export interface Minimum {
  /** List pages of the three filtered lists (flows, destination accounts, target connections). */
  listPages: number;
  writes: number;
  total: number;
  /** Segment-definition pages of the audience check (not in `total`: the minimum need not check). */
  segmentPages: number;
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
  const segmentPages = s * pages(spec.audiencePool);
  const listedBefore = phase === "first-apply" ? 0 : n; // destinations live when the phase starts
  const listPages = s * (pages(listedBefore) + pages(listedBefore === 0 ? 0 : a) + pages(listedBefore)); // flows, accounts, targets
  let writes = 0;
  let formula: string;
  if (phase === "first-apply") {
    writes = s * (2 + a + 2 * n);
    formula = `${s}×3 empty lists + ${s}×(2 Profile + ${a} account + 2×${n} destinations)`;
  } else if (phase === "no-op-plan") {
    formula = `${s}×(${pages(n)} flow + ${pages(a)} account + ${pages(n)} target pages)`;
  } else {
    writes = s * (churn.changed.length + 2 * churn.added.length + 2 * churn.removed.length);
    formula = `list pages + ${s}×(${churn.changed.length} PATCH + 2×${churn.added.length} added + 2×${churn.removed.length} removed)`;
  }
  const refresh = s * (pages(n) + pages(a) + pages(n) + n + n + a);
  return { listPages, writes, total: listPages + writes, segmentPages, refresh, tutorial: s * n * 8, formula };
}

export interface Depth {
  /** The product's longest chain of dependent calls (each costs one latency). */
  product: number;
  /** The same for the minimum client (no Profile lookup list, no audience check). */
  minimal: number;
  explain: string;
}

export function depth(spec: ScenarioSpec, phase: PhaseName): Depth {
  const n = phase === "first-apply" ? 0 : spec.destinationsPerSandbox;
  const listChain = pages(n); // pages of one list are sequential (each carries the next's token)
  const segmentChain = segmentRounds(spec); // in parallel with the lists
  const churn = churnOf(spec);
  if (phase === "first-apply") {
    // token → 3 lists (one page each) → Profile-base lookup list → POST base → POST source → POST flow
    const reads = Math.max(listChain + 1, segmentChain);
    return {
      product: 1 + reads + 3,
      minimal: 1 + listChain + 3,
      explain: "token → lists → Profile lookup → POST Profile base → POST Profile source → POST flow",
    };
  }
  if (phase === "no-op-plan") {
    const reads = Math.max(listChain, segmentChain);
    return {
      product: 1 + reads,
      minimal: 1 + listChain,
      explain: `token → ${reads} page${reads > 1 ? "s" : ""} in sequence${segmentChain > listChain ? " (segment definitions: the first, then the rest at once)" : ""}`,
    };
  }
  const writes = churn.added.length + churn.removed.length > 0 ? 2 : churn.changed.length > 0 ? 1 : 0;
  const reads = Math.max(listChain, segmentChain);
  return {
    product: 1 + reads + writes,
    minimal: 1 + listChain + writes,
    explain: `token → ${reads} page${reads > 1 ? "s" : ""} → POST target → POST flow (∥ DELETE flow → DELETE target, PATCH)`,
  };
}

/** The calls the minimum client makes, by kind (`METHOD /route`, as the emulator's log names them). */
export function expectedKinds(spec: ScenarioSpec, phase: PhaseName): Record<string, number> {
  const s = spec.sandboxes.length;
  const n = spec.destinationsPerSandbox;
  const a = spec.accountsPerSandbox;
  const churn = churnOf(spec);
  if (phase === "first-apply") {
    return {
      "GET /flows": s,
      "GET /connections": s,
      "GET /targetConnections": s,
      "POST /connections": s * (1 + a),
      "POST /sourceConnections": s,
      "POST /targetConnections": s * n,
      "POST /flows": s * n,
    };
  }
  const lists = {
    "GET /flows": s * pages(n),
    "GET /connections": s * pages(a),
    "GET /targetConnections": s * pages(n),
  };
  if (phase === "no-op-plan") return lists;
  return {
    ...lists,
    "PATCH /flows/{id}": s * churn.changed.length,
    "POST /targetConnections": s * churn.added.length,
    "POST /flows": s * churn.added.length,
    "DELETE /flows/{id}": s * churn.removed.length,
    "DELETE /targetConnections/{id}": s * churn.removed.length,
  };
}

/**
 * The product's own chain of dependent round trips, step by step (src/reconcile/reconcile.ts, read-live.ts,
 * lock.ts as of this bench): planAll reads, then per sandbox the apply takes the sandbox lock, reads live
 * again under it, writes in dependency order and releases the lock.
 */
export function productChain(spec: ScenarioSpec, phase: PhaseName): { depth: number; steps: string } {
  const n = phase === "first-apply" ? 0 : spec.destinationsPerSandbox;
  const segments = segmentRounds(spec);
  const lists = pages(n);
  if (phase === "no-op-plan") {
    const reads = Math.max(lists, segments);
    return { depth: 1 + reads, steps: `token → ${reads} page${reads > 1 ? "s" : ""} in sequence` };
  }
  if (phase === "first-apply") {
    const reads = Math.max(lists + 1, segments);
    // lock: list lock objects → POST (the Profile connection) → list again; re-read: lists → Profile
    // lookup → source lookup; writes: POST source → POST flow; release: PATCH.
    return {
      depth: 1 + reads + 3 + (lists + 2) + 2 + 1,
      steps:
        "token → lists → Profile lookup → lock lookup → POST lock (= Profile base) → lock lookup → re-read lists → Profile lookup → source lookup → POST source → POST flow → PATCH release",
    };
  }
  const reads = Math.max(lists, segments);
  return {
    depth: 1 + reads + 2 + lists + 2 + 1,
    steps: "token → lists → lock lookup → PATCH lease → re-read lists → POST target → POST flow → PATCH release",
  };
}
