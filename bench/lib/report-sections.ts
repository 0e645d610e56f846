// The in-process part of bench/results.md: the phase table, its per-phase targets and misses, pacing side
// by side, the baselines, calls by kind and beyond the minimum (report.ts puts the end-to-end part first).
import { minimum } from "./accounting.js";
import type { CallCounts } from "./calls.js";
import type { PhaseResult, ProcessPhaseResult, Report, ScenarioResult, Target } from "./results.js";

export const s = (ms: number | undefined) => (ms !== undefined && Number.isFinite(ms) ? (ms / 1000).toFixed(2) : "–");
export const x = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? `${n.toFixed(2)}×` : "–");
export const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");
export const mark = (pass: boolean) => (pass ? "✅" : "❌");

export const PHASE_LABEL: Record<PhaseResult["phase"] | ProcessPhaseResult["phase"], string> = {
  validate: "validate",
  "validate-cached": "validate --cache (unchanged files)",
  "first-apply": "first apply",
  "no-op-plan": "no-op plan",
  "churn-apply": "10 % churn apply",
  refresh: "GET-per-resource refresh",
  status: "status (runs of the last 24 hours)",
  drift: "drift (with health and audit trails)",
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
    "the sandbox lock's lease on the Profile connection beyond its take and release (which the minimum counts): renewed every 40 s (a third of the 120 s lease) while a long apply runs",
};

export function callsCell(c: CallCounts): string {
  const parts = [`${c.listPages} L`];
  if (c.gets) parts.push(`${c.gets} G`);
  if (c.writes) parts.push(`${c.writes} W`);
  return `**${c.flowService}** (${parts.join(" + ")})`;
}

export const perRunCell = (c: CallCounts) =>
  `${c.specReads} + ${c.schemaReads} + ${c.audiencePages}${c.audienceLookups ? ` + ${c.audienceLookups} look-ups` : ""}`;

function targetsCell(p: PhaseResult): string {
  if (p.unpaced || p.phase === "refresh") return "(comparison)";
  return p.targets.map((t) => `${mark(t.pass)} ${t.name.replace(/^L planning /, "")}`).join("<br>");
}

export function inProcessTable(report: Report, lines: string[]): void {
  lines.push(
    "| Scenario | Phase | Flow Service calls | Minimum | Ratio | Per-run reads (spec + union + audience pages) | 429s | Wall s | Bound s | ×Bound | Planner CPU ms | Read+plan CPU ms | Peak RSS MB | Targets |",
  );
  lines.push("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const sc of report.scenarios) {
    for (const p of sc.phases) {
      const min = p.phase === "refresh" ? `${p.minimum.total - p.minimum.lockWrites} (no-op)` : String(p.minimum.total);
      const cpu = (n: number) => (p.phase === "refresh" ? "–" : int(n));
      lines.push(
        `| ${sc.id} | ${label(p)} | ${callsCell(p.calls)} | ${min} | ${x(p.ratio)} | ${perRunCell(p.calls)} | ${p.calls.throttled} | ${s(p.wallMs)} | ${s(p.bound.ms)} | ${x(p.ratioToBound)} | ${cpu(p.plannerCpuMs)} | ${cpu(p.readPlanCpuMs)} | ${int(p.maxRssMb)} | ${targetsCell(p)} |`,
      );
    }
  }
  lines.push("");
}

export function perPhaseTargets(report: Report, lines: string[]): void {
  lines.push("## Per-phase targets at a glance");
  lines.push("");
  const all = (sc: ScenarioResult) => [
    ...sc.phases.map((p) => ({ label: label(p), phase: p.phase, targets: p.targets })),
    ...(sc.process ?? []).map((p) => ({ label: `CLI ${PHASE_LABEL[p.phase]}`, phase: p.phase, targets: p.targets })),
  ];
  const names = [...new Set(report.scenarios.flatMap((sc) => all(sc).flatMap((p) => p.targets.map((t) => t.name))))];
  lines.push(`| Target | ${report.scenarios.map((sc) => sc.id).join(" | ")} |`);
  lines.push(`|---|${report.scenarios.map(() => "---").join("|")}|`);
  for (const name of names) {
    const cells = report.scenarios.map((sc) => {
      const hits = all(sc).flatMap((p) => p.targets.filter((t) => t.name === name).map((t) => ({ p, t })));
      if (hits.length === 0) return "–";
      return hits.map(({ p, t }) => `${mark(t.pass)} ${p.label}: ${t.detail.replace(/ \(.*$/, "")}`).join("<br>");
    });
    lines.push(`| ${name} | ${cells.join(" | ")} |`);
  }
  lines.push("");
  lines.push("### Per-phase targets missed, why, and what would fix it");
  lines.push("");
  const misses: { where: string; t: Target }[] = report.scenarios.flatMap((sc) =>
    all(sc).flatMap((p) => p.targets.filter((t) => !t.pass).map((t) => ({ where: `${sc.id} ${p.label}`, t }))),
  );
  if (misses.length === 0) lines.push("None.");
  for (const { where, t } of misses)
    lines.push(
      `- **${where}: ${t.name}** — ${t.detail}.${t.why ? ` Why: ${t.why}.` : ""}${t.fix ? ` Fix: ${t.fix}.` : ""}`,
    );
  lines.push("");
}

export function pacingAndBaselines(report: Report, lines: string[]): void {
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
    const calls = (c: CallCounts) => c.flowService + c.specReads;
    lines.push(
      `| ${sc.id} | ${int(n)} | ${first ? int(calls(first.calls)) : "–"} | ${first ? int(first.minimum.total + first.minimum.specReads) : "–"} | ${t ? int(t.calls) : `${int(minimum(sc.spec, "first-apply").tutorial)} (computed)`} | ${t ? `${s(t.wallMs)} (${s(t.bound.ms)})` : "not run"} | ${first ? `${s(first.wallMs)} (${s(first.bound.ms)})` : "–"} | ${int(sc.refreshCount)} vs ${noop ? int(noop.calls.flowService) : "–"} |`,
    );
  }
  lines.push("");
  for (const sc of report.scenarios) {
    for (const p of sc.phases.filter((q) => q.phase === "refresh")) {
      const noop = sc.phases.find((q) => q.phase === "no-op-plan");
      lines.push(
        `Refresh baseline run for ${sc.id}: ${p.calls.flowService} calls (${p.calls.listPages} list pages + ${p.calls.gets} GETs) in ${s(p.wallMs)} s, ${p.calls.throttled} × 429, against ${noop ? `${noop.calls.flowService} calls in ${s(noop.wallMs)} s for the no-op plan` : "–"}.`,
      );
      lines.push("");
    }
  }
}

const kindsText = (c: CallCounts) =>
  `${Object.entries(c.byKind)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${n}`)
    .join(
      ", ",
    )}; audience pages ${c.audiencePages}${c.audiencePagesInSequence === undefined ? "" : c.audiencePagesInSequence ? " (each after the one before: next links)" : " (overlapping)"}; audience look-ups ${c.audienceLookups}; union-schema GETs ${c.schemaReads}${Object.keys(c.other).length ? `; other ${JSON.stringify(c.other)}` : ""}; IMS token ${c.ims}; 429s ${c.throttled}`;

export function callsByKind(report: Report, lines: string[]): void {
  lines.push("## Calls by kind");
  lines.push("");
  for (const sc of report.scenarios) {
    for (const p of sc.phases) lines.push(`- **${sc.id} ${label(p)}**: ${kindsText(p.calls)}.`);
    for (const p of sc.process ?? [])
      if (p.phase !== "validate") lines.push(`- **${sc.id} CLI \`${p.args.join(" ")}\`**: ${kindsText(p.calls)}.`);
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
    "Where the product's calls differ from the minimum client's, by kind (actual − minimum; the minimum counts the lock's release, and on a churn apply its take), and what they are for:",
  );
  lines.push("");
  const reasons = new Map<string, string>();
  for (const sc of report.scenarios) {
    const rows = [
      ...sc.phases
        .filter((q) => q.phase !== "refresh" && !q.unpaced)
        .map((p) => ({ label: label(p), excess: p.excess })),
      ...(sc.process ?? [])
        .filter((p) => p.phase !== "validate")
        .map((p) => ({ label: `CLI ${PHASE_LABEL[p.phase]}`, excess: p.excess })),
    ];
    for (const row of rows) {
      const text = row.excess.map((k) => `${k.actual - k.expected > 0 ? "+" : ""}${k.actual - k.expected} ${k.kind}`);
      lines.push(`- **${sc.id} ${row.label}**: ${text.length ? text.join(", ") : "none"}.`);
      for (const k of row.excess) if (EXCESS_WHY[k.kind]) reasons.set(k.kind, EXCESS_WHY[k.kind]!);
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
}
