// A small, strict reader of the Mermaid flowcharts aep-gitops writes, for assertions: every line must be
// the direction, a node, an edge, a classDef or a class assignment, or reading fails, so a test cannot
// pass over a line GitHub would choke on. Labels are decoded (`<br/>` splits lines, `#34;` entity codes).
export interface Flowchart {
  direction: string;
  /** Node id → the lines of its label, decoded. */
  nodes: Map<string, string[]>;
  edges: { from: string; to: string; dashed: boolean }[];
  /** Node id → its class. */
  classes: Map<string, string>;
  classDefs: Map<string, string>;
}

/** The source of every ```mermaid block in a Markdown text, in order. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((m) => m[1]!);
}

export function parseFlowchart(source: string): Flowchart {
  const [header, ...lines] = source.split("\n");
  const direction = /^flowchart (LR|RL|TB|TD|BT)$/.exec(header ?? "")?.[1];
  if (!direction) throw new Error(`not a flowchart header: ${header}`);
  const chart: Flowchart = { direction, nodes: new Map(), edges: [], classes: new Map(), classDefs: new Map() };
  for (const raw of lines) {
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^([A-Za-z][A-Za-z0-9]*)\["([^"]*)"\]$/.exec(line))) {
      if (chart.nodes.has(m[1]!)) throw new Error(`node ${m[1]} declared twice`);
      chart.nodes.set(m[1]!, m[2]!.split("<br/>").map(decode));
    } else if ((m = /^([A-Za-z][A-Za-z0-9]*) (-->|-\.->) ([A-Za-z][A-Za-z0-9]*)$/.exec(line))) {
      chart.edges.push({ from: m[1]!, to: m[3]!, dashed: m[2] === "-.->" });
    } else if ((m = /^classDef ([a-z]+) ([a-z-]+:[^;]+)$/.exec(line))) {
      chart.classDefs.set(m[1]!, m[2]!);
    } else if ((m = /^class ([A-Za-z0-9,]+) ([a-z]+)$/.exec(line))) {
      for (const id of m[1]!.split(",")) chart.classes.set(id, m[2]!);
    } else {
      throw new Error(`unexpected flowchart line: ${raw}`);
    }
  }
  for (const { from, to } of chart.edges)
    for (const id of [from, to]) if (!chart.nodes.has(id)) throw new Error(`edge to an undeclared node ${id}`);
  for (const [id, name] of chart.classes) {
    if (!chart.nodes.has(id)) throw new Error(`class on an undeclared node ${id}`);
    if (!chart.classDefs.has(name)) throw new Error(`class ${name} has no classDef`);
  }
  return chart;
}

function decode(text: string): string {
  return text.replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
}

/** The node whose label's first line is `first`; fails when there is none or several. */
export function nodeLabelled(chart: Flowchart, first: string): { id: string; label: string[] } {
  const found = [...chart.nodes].filter(([, label]) => label[0] === first);
  if (found.length !== 1) throw new Error(`${found.length} nodes labelled '${first}'`);
  return { id: found[0]![0], label: found[0]![1] };
}

/** Ids the node points to. */
export function targetsOf(chart: Flowchart, id: string): string[] {
  return chart.edges.filter((e) => e.from === id).map((e) => e.to);
}
