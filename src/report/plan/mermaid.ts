// The picture of what leaves where, as a Mermaid flowchart GitHub draws in the PR comment: accounts →
// destinations → streams / event hubs, every destination of the sandbox with its audience and attribute
// counts, and what the plan adds, removes, stops or changes both coloured (classDef) and written in the
// node's label, so it reads the same without colour (a screen reader, the raw comment, a dark theme).
// Node ids are generated (a1, d1, t1): names can hold any character, and only labels carry them, escaped.
// Above a limit the chart collapses to one node per account, so a large sandbox cannot flood the comment.
import { destinationType } from "../../domain/destination-types/index.js";
import type { EgressMap, MapDelta, MapDestination } from "../../domain/plan/plan.js";
import { canonicalJson } from "../../domain/review/canonical.js";
import { visible } from "../escape/visible.js";

/** Beyond this many destinations a sandbox's chart shows per-account counts instead. */
export const FLOWCHART_DESTINATION_LIMIT = 40;

/**
 * Mermaid refuses a diagram whose source is longer than this (its `maxTextSize`; GitHub then draws
 * "Maximum text size in diagram exceeded"). Names from Adobe have no length limit, and each character
 * outside PLAIN takes up to eight in a label, so the size is measured, not assumed: a chart that does
 * not fit is not drawn (markdown-picture.ts lists the destinations instead).
 */
export const MERMAID_TEXT_LIMIT = 50_000;

export function fitsMermaid(source: string): boolean {
  return source.length < MERMAID_TEXT_LIMIT;
}

const CLASS_STYLE: Record<MapDelta, string> = {
  added: "fill:#dafbe1,stroke:#1a7f37,color:#0f5323",
  removed: "fill:#ffebe9,stroke:#cf222e,color:#82071e,stroke-dasharray:4 3",
  stopped: "fill:#fff1e5,stroke:#bc4c00,color:#762c00,stroke-dasharray:4 3",
  changed: "fill:#fff8c5,stroke:#9a6700,color:#4d2d00",
  orphan: "fill:#fbefff,stroke:#8250df,color:#3e1f79",
};

/** Characters a Mermaid label shows as they are; everything else is written as an entity code (#34;). */
const PLAIN = /^[A-Za-z0-9 _.,:/@()+=-]$/;

/**
 * User text made inert inside a quoted Mermaid label: no quote, bracket, HTML or fence can get through,
 * and an invisible character is drawn as its escape (`\u200b`), never as nothing.
 */
export function mermaidText(text: string): string {
  return [...visible(text)].map((c) => (PLAIN.test(c) ? c : `#${c.codePointAt(0)};`)).join("");
}

export interface Flowchart {
  /** The chart's source, without the fence. */
  source: string;
  /** True when the destinations were too many and are counted per account. */
  collapsed: boolean;
}

export function egressFlowchart(map: EgressMap, limit = FLOWCHART_DESTINATION_LIMIT): Flowchart {
  const collapsed = map.destinations.length > limit;
  const chart = new Chart();
  if (collapsed) perAccount(chart, map.destinations, limit);
  else for (const destination of map.destinations) oneDestination(chart, destination);
  return { source: chart.source(), collapsed };
}

/** Nodes, edges and classes in the order they were added; each node once, by its key. */
class Chart {
  private readonly lines: string[] = [];
  private readonly edges: string[] = [];
  private readonly classes = new Map<MapDelta, string[]>();
  private readonly ids = new Map<string, string>();
  private readonly counters = new Map<string, number>();

  node(prefix: string, key: string, label: string[]): string {
    const known = this.ids.get(`${prefix}:${key}`);
    if (known) return known;
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    const id = `${prefix}${n}`;
    this.ids.set(`${prefix}:${key}`, id);
    this.lines.push(`  ${id}["${label.join("<br/>")}"]`);
    return id;
  }

  edge(from: string, to: string, flowing: boolean): void {
    const edge = `  ${from} ${flowing ? "-->" : "-.->"} ${to}`;
    if (!this.edges.includes(edge)) this.edges.push(edge);
  }

  mark(id: string, delta: MapDelta | undefined): void {
    if (delta) this.classes.set(delta, [...(this.classes.get(delta) ?? []), id]);
  }

  source(): string {
    const styles = [...this.classes].flatMap(([name, ids]) => [
      `  classDef ${name} ${CLASS_STYLE[name]}`,
      `  class ${ids.join(",")} ${name}`,
    ]);
    return ["flowchart LR", ...this.lines, ...this.edges, ...styles].join("\n");
  }
}

function accountNode(chart: Chart, destination: MapDestination): string {
  const type = destination.type ? [destinationType(destination.type).label] : [];
  return chart.node("a", destination.account, [`account ${mermaidText(destination.account)}`, ...type]);
}

function oneDestination(chart: Chart, d: MapDestination): void {
  const account = accountNode(chart, d);
  const label = [mermaidText(d.name), counts(d.audiences, d.attributes)];
  if (d.state !== "enabled" && d.delta !== "stopped" && d.delta !== "removed") label.push("disabled");
  const delta = deltaText(d);
  if (delta) label.push(delta);
  const id = chart.node("d", d.name, label);
  chart.mark(id, d.delta);
  // A place nobody knows (a removed destination whose objects are gone) is drawn once per destination.
  const placeKey = Object.keys(d.place).length > 0 ? `${d.account} ${canonicalJson(d.place)}` : `? ${d.name}`;
  const target = chart.node("t", placeKey, placeLabel(d));
  const flowing = d.state === "enabled" && d.delta !== "removed" && d.delta !== "stopped";
  chart.edge(account, id, flowing);
  chart.edge(id, target, flowing);
}

/** What the plan does to a destination, in words (its label's last line, and the list's). */
export function deltaText(d: MapDestination): string | undefined {
  switch (d.delta) {
    case "added":
      return "+ new in this plan";
    case "removed":
      return "- removed: stops exporting";
    case "stopped":
      return "stopped: disabled by this plan";
    case "orphan":
      return "orphan: not in YAML, still exporting";
    case "changed": {
      const m = d.moved;
      const parts = [
        ...(d.restarted ? ["enabled again"] : []),
        ...(m?.audiencesAdded ? [`+${plural(m.audiencesAdded, "audience")}`] : []),
        ...(m?.audiencesRemoved ? [`-${plural(m.audiencesRemoved, "audience")}`] : []),
        ...(m?.attributesAdded ? [`+${plural(m.attributesAdded, "attribute")}`] : []),
        ...(m?.attributesRemoved ? [`-${plural(m.attributesRemoved, "attribute")}`] : []),
        ...(m?.audiencesRescheduled ? [`${plural(m.audiencesRescheduled, "audience")} rescheduled`] : []),
        ...(d.relocated ? ["now sent elsewhere"] : []),
      ];
      return `~ changed${parts.length ? `: ${parts.join(", ")}` : ""}`;
    }
    default:
      return undefined;
  }
}

/** `stream summer-stream` then the other keys that place it (`region us-east-1`), one per line. */
function placeLabel(d: MapDestination): string[] {
  const noun = d.type ? destinationType(d.type).targetNoun : "target";
  const primary = d.type ? destinationType(d.type).targetParams.find((p) => p.where)?.name : undefined;
  const entries = Object.entries(d.place);
  if (entries.length === 0) return [`${noun} (not known)`];
  const first = entries.find(([key]) => key === primary) ?? entries[0]!;
  return [
    `${noun} ${mermaidText(String(first[1]))}`,
    ...entries.filter((e) => e !== first).map(([key, value]) => `${mermaidText(key)} ${mermaidText(String(value))}`),
  ];
}

/** One node per account: how many destinations, what they send, what the plan does to them. */
function perAccount(chart: Chart, destinations: MapDestination[], limit: number): void {
  const byAccount = new Map<string, MapDestination[]>();
  for (const d of destinations) byAccount.set(d.account, [...(byAccount.get(d.account) ?? []), d]);
  const accounts = [...byAccount.values()];
  // Even the accounts are bounded: the ones past the limit share one node.
  const shown = accounts.length > limit ? accounts.slice(0, limit - 1) : accounts;
  for (const group of shown) {
    const account = accountNode(chart, group[0]!);
    addGroup(chart, account, group, group[0]!.account);
  }
  if (shown.length < accounts.length) {
    const rest = accounts.slice(shown.length);
    const account = chart.node("a", "*rest", [`${rest.length} more accounts`]);
    addGroup(chart, account, rest.flat(), "*rest");
  }
}

function addGroup(chart: Chart, account: string, group: MapDestination[], key: string): void {
  const deltas = new Map<MapDelta, number>();
  for (const d of group) if (d.delta) deltas.set(d.delta, (deltas.get(d.delta) ?? 0) + 1);
  const words: Record<MapDelta, string> = {
    added: "+%d new",
    removed: "-%d removed",
    stopped: "%d stopped",
    changed: "~%d changed",
    orphan: "%d orphaned",
  };
  const summary = [...deltas].map(([delta, n]) => words[delta].replace("%d", String(n)));
  const sum = (pick: (d: MapDestination) => number) => group.reduce((n, d) => n + pick(d), 0);
  const label = [
    plural(group.length, "destination"),
    counts(
      sum((d) => d.audiences),
      sum((d) => d.attributes),
    ),
    ...(summary.length ? [summary.join(", ")] : []),
  ];
  const id = chart.node("d", key, label);
  chart.mark(id, deltas.size === 1 ? [...deltas.keys()][0] : deltas.size > 1 ? "changed" : undefined);
  const places = new Set(group.map((d) => `${d.account} ${canonicalJson(d.place)}`));
  const nouns = new Set(group.map((d) => (d.type ? destinationType(d.type).targetNoun : "target")));
  const noun = nouns.size === 1 ? [...nouns][0]! : "target";
  const target = chart.node("t", key, [plural(places.size, noun)]);
  chart.edge(account, id, true);
  chart.edge(id, target, true);
}

function counts(audiences: number, attributes: number): string {
  return `${plural(audiences, "audience")}, ${plural(attributes, "attribute")}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
