// bench/results.md from the results: one table a reader takes in at a glance, then the baselines, the
// calls by kind, each missed target with its reason and fix, and the machine the numbers come from.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import type { BenchConfig } from "./config.js";
import type { PhaseResult, ScenarioResult } from "./measure.js";
import { minimum, type ScenarioSpec } from "./scenario.js";

export interface Machine {
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  date: string;
  commit?: string;
  /** src/ files with uncommitted changes when the run started (others work in the same checkout). */
  uncommittedSrc?: string[];
  /** 1/5/15-minute load average when the run started, and at its end. */
  loadAverage: number[];
  loadAverageEnd?: number[];
}

export function machine(): Machine {
  let cpuModel = cpus()[0]?.model ?? "unknown";
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? cpuModel;
  } catch {
    // not Linux: os.cpus() it is
  }
  let nproc = cpus().length;
  try {
    nproc = Number(execFileSync("nproc", { encoding: "utf8" }).trim()) || nproc;
  } catch {
    // no nproc binary
  }
  let commit: string | undefined;
  let uncommittedSrc: string[] | undefined;
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    uncommittedSrc = execFileSync("git", ["status", "--porcelain", "--", "src"], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map((line) => line.slice(3));
  } catch {
    // not a checkout
  }
  return {
    nproc,
    cpuModel,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
    ...(commit ? { commit } : {}),
    ...(uncommittedSrc?.length ? { uncommittedSrc } : {}),
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** Seconds the selected scenarios take at the rate-limit bound (all phases and baselines). */
export function estimateSeconds(specs: ScenarioSpec[], config: BenchConfig): number {
  let calls = 0;
  for (const spec of specs) {
    for (const phase of ["first-apply", "no-op-plan", "churn-apply", "no-op-plan"] as const) {
      const m = minimum(spec, phase);
      calls += m.total + m.segmentPages;
    }
    if (config.tutorial.includes(spec.id)) calls += minimum(spec, "first-apply").tutorial;
    if (config.refresh.includes(spec.id)) calls += minimum(spec, "no-op-plan").refresh;
    if (config.unpaced.includes(spec.id)) calls += minimum(spec, "first-apply").total;
  }
  return calls / config.rate;
}

export interface Report {
  version: number;
  generatedBy: string;
  machine: Machine;
  config: BenchConfig;
  /** What everything the run sends takes at the rate limit (printed before it starts). */
  estimateSeconds?: number;
  totalSeconds: number;
  scenarios: ScenarioResult[];
}

const s = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : "–");
const x = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : "–");
const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");
const mark = (pass: boolean) => (pass ? "✅" : "❌");

const PHASE_LABEL: Record<PhaseResult["phase"], string> = {
  "first-apply": "first apply",
  "no-op-plan": "no-op plan",
  "churn-apply": "10 % churn apply",
  refresh: "GET-per-resource refresh",
};

const label = (p: PhaseResult) => `${PHASE_LABEL[p.phase]}${p.unpaced ? " (no pacing)" : ""}`;

/** What the product's calls beyond the minimum client's are for (src/reconcile/*, as of this bench). */
const EXCESS_WHY: Record<string, string> = {
  "GET /connections":
    "Profile-base lookup (first apply), the sandbox lock's lookups of its lock object (the Profile connection) and the re-read under the lock",
  "GET /flows": "live state read again under the sandbox lock",
  "GET /targetConnections": "live state read again under the sandbox lock",
  "GET /sourceConnections": "Profile-source lookup in the re-read (the lock has created the Profile base by then)",
  "PATCH /connections/{id}":
    "the sandbox lock's lease on the Profile connection: taken (If-Match PATCH; a first apply takes it in the create), renewed every 40 s during long applies, released",
};

function callsCell(p: PhaseResult): string {
  const parts = [`${p.calls.listPages} L`];
  if (p.calls.gets) parts.push(`${p.calls.gets} G`);
  if (p.calls.writes) parts.push(`${p.calls.writes} W`);
  return `**${p.calls.flowService}** (${parts.join(" + ")})`;
}

function targetsCell(p: PhaseResult): string {
  if (p.unpaced || p.phase === "refresh") return "(comparison)";
  if (p.targets.length === 0) return "";
  return p.targets.map((t) => `${mark(t.pass)} ${t.name.replace(/^L planning /, "")}`).join("<br>");
}

export function renderMarkdown(report: Report): string {
  const { config, machine: m } = report;
  const lines: string[] = [];
  lines.push("# Plan/apply benchmark");
  lines.push("");
  lines.push(
    `Generated by \`npm run bench\` (bench/run.ts) on ${m.date.slice(0, 10)}. The emulator answers every request after ` +
      `**${config.latencyMs} ms ± ${config.jitterMs} ms** and rate-limits the org to **${config.rate} req/s** (token bucket, burst ${config.burst}; a 429 carries ` +
      `Retry-After in whole seconds). The product code runs as the CLI does (loadDesired → planAll → applyRun with AepHttp, ` +
      `HttpFlowService, ImsTokenSource, HttpAudiences), each phase in a fresh Node process; the emulator runs in a process of its own.`,
  );
  lines.push("");
  lines.push("## Results");
  lines.push("");
  lines.push(
    "Flow Service calls: L = list pages, G = single GETs, W = writes. Minimum = list pages + needed writes. Bound = max(rate-limited calls ÷ rate, critical-path depth × latency).",
  );
  lines.push("");
  lines.push(
    "| Scenario | Phase | Flow Service calls | Minimum | Ratio | Segment pages | 429s | Wall s | Bound s | ×Bound | Planner CPU ms | Read+plan CPU ms | Peak RSS MB | Targets |",
  );
  lines.push("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const sc of report.scenarios) {
    for (const p of sc.phases) {
      const min = p.phase === "refresh" ? `${p.minimum.total} (no-op)` : String(p.minimum.total);
      lines.push(
        `| ${sc.id} | ${label(p)} | ${callsCell(p)} | ${min} | ${x(p.ratio)} | ${p.calls.segmentPages} | ${p.calls.throttled} | ${s(p.wallMs)} | ${s(p.bound.ms)} | ${x(p.ratioToBound)} | ${p.phase === "refresh" ? "–" : int(p.plannerCpuMs)} | ${p.phase === "refresh" ? "–" : int(p.readPlanCpuMs)} | ${int(p.maxRssMb)} | ${targetsCell(p)} |`,
      );
    }
  }
  lines.push("");

  lines.push("## Targets at a glance");
  lines.push("");
  const names = [...new Set(report.scenarios.flatMap((sc) => sc.phases.flatMap((p) => p.targets.map((t) => t.name))))];
  lines.push(`| Target | ${report.scenarios.map((sc) => sc.id).join(" | ")} |`);
  lines.push(`|---|${report.scenarios.map(() => "---").join("|")}|`);
  for (const name of names) {
    const cells = report.scenarios.map((sc) => {
      const hits = sc.phases.flatMap((p) => p.targets.filter((t) => t.name === name).map((t) => ({ p, t })));
      if (hits.length === 0) return "–";
      return hits
        .map(
          ({ p, t }) =>
            `${mark(t.pass)}${hits.length > 1 || name.startsWith("wall") || name.startsWith("L planning") ? ` ${PHASE_LABEL[p.phase]}` : ""}: ${t.detail.replace(/ \(.*$/, "")}`,
        )
        .join("<br>");
    });
    lines.push(`| ${name} | ${cells.join(" | ")} |`);
  }
  lines.push("");

  lines.push("## Targets missed, why, and what would fix it");
  lines.push("");
  const misses = report.scenarios.flatMap((sc) =>
    sc.phases.flatMap((p) => p.targets.filter((t) => !t.pass).map((t) => ({ sc, p, t }))),
  );
  if (misses.length === 0) lines.push("None.");
  for (const { sc, p, t } of misses) {
    lines.push(
      `- **${sc.id} ${label(p)}: ${t.name}** — ${t.detail}.${t.why ? ` Why: ${t.why}.` : ""}${t.fix ? ` Fix: ${t.fix}.` : ""}`,
    );
  }
  lines.push("");

  const pacing = report.scenarios.flatMap((sc) => {
    const off = sc.phases.find((p) => p.phase === "first-apply" && p.unpaced);
    const on = sc.phases.find((p) => p.phase === "first-apply" && !p.unpaced);
    return off && on ? [{ sc, off, on }] : [];
  });
  if (pacing.length > 0) {
    lines.push("## Request pacing (src/aep/pacer.ts)");
    lines.push("");
    lines.push(
      "The first apply again with pacing switched off (the HTTP client as it was before): every 429 pauses the whole client for its Retry-After (whole seconds) and halves its concurrency. " +
        "With pacing, the first 429 shows the rate the server accepts; the client then sends at 90 % of it and grows back slowly.",
    );
    lines.push("");
    lines.push("| Scenario | Client | 429s | Wall s | Bound s | ×Bound | Rate at the end (req/s) | Rate cuts |");
    lines.push("|---|---|---|---|---|---|---|---|");
    for (const { sc, off, on } of pacing) {
      lines.push(
        `| ${sc.id} | no pacing | ${off.calls.throttled} | ${s(off.wallMs)} | ${s(off.bound.ms)} | ${x(off.ratioToBound)} | – | – |`,
      );
      lines.push(
        `| ${sc.id} | paced | ${on.calls.throttled} | ${s(on.wallMs)} | ${s(on.bound.ms)} | ${x(on.ratioToBound)} | ${on.client.pacedRate?.toFixed(1) ?? "unpaced (no 429)"} | ${on.client.pacerCuts ?? 0} |`,
      );
    }
    lines.push("");
  }

  lines.push("## First apply next to the baselines");
  lines.push("");
  lines.push(
    "| Scenario | Destinations | aep-gitops calls | Minimum | Tutorial path calls | Tutorial wall s (bound s) | aep-gitops wall s (bound s) | GET-per-resource refresh calls (vs no-op plan) |",
  );
  lines.push("|---|---|---|---|---|---|---|---|");
  for (const sc of report.scenarios) {
    const first = sc.phases.find((p) => p.phase === "first-apply" && !p.unpaced);
    const noop = sc.phases.find((p) => p.phase === "no-op-plan");
    const n = sc.spec.sandboxes.length * sc.spec.destinationsPerSandbox;
    const t = sc.tutorial;
    lines.push(
      `| ${sc.id} | ${int(n)} | ${first ? int(first.calls.flowService) : "–"} | ${first ? int(first.minimum.total) : "–"} | ${t ? int(t.calls) : `${int(minimum(sc.spec, "first-apply").tutorial)} (computed)`} | ${t ? `${s(t.wallMs)} (${s(t.bound.ms)})` : "not run"} | ${first ? `${s(first.wallMs)} (${s(first.bound.ms)})` : "–"} | ${int(sc.refreshCount)} vs ${noop ? int(noop.calls.flowService) : "–"} |`,
    );
  }
  lines.push("");
  const refreshRuns = report.scenarios.flatMap((sc) =>
    sc.phases.filter((p) => p.phase === "refresh").map((p) => ({ sc, p })),
  );
  for (const { sc, p } of refreshRuns) {
    const noop = sc.phases.find((q) => q.phase === "no-op-plan");
    lines.push(
      `Refresh baseline run for ${sc.id}: ${p.calls.flowService} calls (${p.calls.listPages} list pages + ${p.calls.gets} GETs) in ${s(p.wallMs)} s, ${p.calls.throttled} × 429, against ${noop ? `${noop.calls.flowService} calls in ${s(noop.wallMs)} s for the no-op plan` : "–"}.`,
    );
  }
  lines.push("");

  lines.push("## Calls by kind");
  lines.push("");
  for (const sc of report.scenarios) {
    for (const p of sc.phases) {
      const kinds = Object.entries(p.calls.byKind)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, n]) => `${k} ${n}`)
        .join(", ");
      lines.push(
        `- **${sc.id} ${label(p)}**: ${kinds}; segment pages ${p.calls.segmentPages}; IMS token ${p.calls.ims}; 429s ${p.calls.throttled}.`,
      );
    }
    if (sc.tutorial) {
      const kinds = Object.entries(sc.tutorial.byKind)
        .map(([k, n]) => `${k} ${n}`)
        .join(", ");
      lines.push(
        `- **${sc.id} tutorial path**: ${kinds}; IMS token ${sc.tutorial.imsCalls}; 429s ${sc.tutorial.throttled}.`,
      );
    }
  }
  lines.push("");

  lines.push("## Calls beyond the minimum");
  lines.push("");
  lines.push(
    "Where the product's calls differ from the minimum client's, by kind (actual − minimum), and what they are for:",
  );
  lines.push("");
  const reasons = new Map<string, string>();
  for (const sc of report.scenarios) {
    for (const p of sc.phases.filter((q) => q.phase !== "refresh" && !q.unpaced)) {
      if (p.excess.length === 0) {
        lines.push(`- **${sc.id} ${label(p)}**: none.`);
        continue;
      }
      lines.push(
        `- **${sc.id} ${label(p)}**: ${p.excess.map((k) => `${k.actual - k.expected > 0 ? "+" : ""}${k.actual - k.expected} ${k.kind}`).join(", ")}.`,
      );
      for (const k of p.excess) if (EXCESS_WHY[k.kind]) reasons.set(k.kind, EXCESS_WHY[k.kind]!);
    }
  }
  lines.push("");
  for (const [kind, why] of reasons) lines.push(`- \`${kind}\`: ${why}.`);
  if (reasons.size > 0) {
    lines.push(
      "- Fix for the re-read: an apply could take the sandbox lock first and read and plan once under it (the plan shown is then already the one that runs), saving per sandbox the three list pages of the second read and, on a first apply, the Profile and source lookups.",
    );
  }
  lines.push("");

  lines.push("## Method");
  lines.push("");
  for (const sc of report.scenarios) {
    const sp = sc.spec;
    lines.push(
      `- **${sp.id}**: ${sp.title}: ${sp.sandboxes.length} sandbox${sp.sandboxes.length > 1 ? "es" : ""} × ${sp.destinationsPerSandbox} destinations, ${sp.audiencesPerDestination} audiences and ${sp.attributesPerDestination} attributes each, ` +
        `${sp.audiencePool} audiences defined per sandbox, ${sp.accountsPerSandbox} Kinesis account per sandbox (assumed; the minimum uses it). ` +
        `Churn: ${sc.churn.changed} destinations get 2 audiences removed and 2 added, ${sc.churn.added} added, ${sc.churn.removed} removed (prune).` +
        (sc.converged === undefined
          ? ""
          : ` A plan after the churn was ${sc.converged ? "empty (converged)" : "NOT empty"}.`),
    );
  }
  lines.push(
    "- **Calls** are counted from the emulator's request log for the phase: Flow Service calls that were answered (a 429'd attempt is counted under 429s, its successful re-send once), segment-definition pages (the audience check) and IMS token calls separately.",
    "- **Minimum**: no-op = ceil(flows/100) + ceil(accounts/100) + ceil(targets/100) list pages per sandbox (at least one each). First apply = 3 (empty) list pages + 2 (Profile base + source) + 1 per account + 2 per destination, per sandbox. Churn = list pages + 1 PATCH per changed flow + 2 per added destination + 2 per removed destination (flow + target delete). Segment pages (ceil(audiences/100) per sandbox per run, because every plan checks audience references) are shown apart and not in the minimum, but they count against the rate limit in the bound.",
    "- **Tutorial path**: bench/tutorial-path.ts replays Adobe's streaming tutorial per destination (GET connectionSpecs, POST Profile base connection, POST source connection, POST account, POST target connection, POST flow with empty selectors, PATCH the selectors, GET the flow) against a fresh emulator with the same latency and rate limit, " +
      `${config.tutorialConcurrency} destinations at a time, with a simple client (fetch; a 429 waits its Retry-After and is sent again).`,
    "- **GET-per-resource refresh** (Terraform-style): the three lists, then one GET per flow, target connection and account. Its count is computed for every scenario and the refresh is run against the emulator where the table says so.",
    "- **Bound** = max(rate-limited calls ÷ rate, depth × mean latency). Rate-limited calls are the phase's answered Flow Service calls plus segment pages (IMS is not rate-limited); the bucket's initial burst is not subtracted, so a phase of fewer calls than the burst can beat the rate term. Depth is the chain of dependent round trips the work needs: first apply = token → list page → Profile-base lookup → POST Profile base → POST Profile source → POST flow = 6 (the brief's 5 plus the lookup, which a first apply cannot skip without knowing the sandbox is empty; segment-definition pages run beside the lists: the first, then the rest at once); no-op = token → pages in sequence (2, or 3 for M: its 3 segment pages take two rounds); churn = token → pages → POST target → POST flow (deletes: flow → target) = 4 (5 for M). The product's own chain, with the sandbox lock and the re-read under it, is longer (first apply 12, churn 8); it is in results.json as productChain and named where it explains a miss.",
    "- **Pacing**: the product's HTTP client paces requests after the first 429 (src/aep/pacer.ts). For the scenarios listed in the pacing table the first apply also ran with pacing off, on an emptied emulator, as a comparison (no targets are judged on it).",
    "- **Wall** is from the first API call to the last answer of the phase (process start and YAML loading not included; loading is in the JSON as loadMs). **Planner CPU** is the pure planSandbox + assemblePlan for all sandboxes, re-run on the phase's inputs; **read+plan CPU** is the process CPU while planAll ran (list pages parsed and mapped, audiences resolved, the planner's first run). **Peak RSS** is the phase process's maxRSS (load + read + plan (+ apply)).",
  );
  lines.push("");
  lines.push("## Machine");
  lines.push("");
  lines.push(
    `${m.cpuModel}, nproc ${m.nproc}, ${m.memoryGiB} GiB, ${m.platform}, Node ${m.node}, started ${m.date}${m.commit ? `, commit ${m.commit}` : ""}. ` +
      `Whole run: ${Math.round(report.totalSeconds)} s${report.estimateSeconds ? ` (everything it sends takes ${Math.round(report.estimateSeconds)} s at the rate limit; L's tutorial path alone is 8,000 calls = 400 s)` : ""}. ` +
      `Load average (1/5/15 min) at the start ${m.loadAverage.join(" / ")}${m.loadAverageEnd ? `, at the end ${m.loadAverageEnd.join(" / ")}` : ""}: other engineers' builds and tests shared the two CPUs, so CPU-bound phases (the sub-second no-op plans) vary from run to run; each phase's load is in results.json.` +
      (m.uncommittedSrc
        ? ` Uncommitted changes in src/ when the run started (others' work in progress, included in what ran): ${m.uncommittedSrc.join(", ")}.`
        : ""),
  );
  lines.push("");
  return `${lines.join("\n")}\n`;
}
