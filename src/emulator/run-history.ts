// When each flow was active. A streaming destination flow sends data (and so has dataflow runs) while it is
// enabled and activates at least one audience; every write to a flow (create, PATCH, enable/disable, delete)
// closes or opens a span here, so the window of hour H knows the audiences the flow had at H. Deleted
// flows keep their spans: their runs stay readable, as a run outlives a change to its flow.
import type { Entity } from "./types.js";
import { isPlainObject } from "./types.js";

/** A stretch of time during which the flow was active with these audiences; `to` null while it still is. */
export interface Span {
  from: number;
  to: number | null;
  segments: string[];
}

/** What a run copies from its flow (kept, so runs of a deleted flow still read like Adobe's). */
export interface FlowMeta {
  sandboxId: string;
  flowSpec: unknown;
  createdBy: unknown;
  createdClient: unknown;
  sourceConnectionId: string | undefined;
  targetConnectionId: string | undefined;
}

export interface FlowHistory {
  flowId: string;
  /** Creation order across the emulator: a stable tie-break between runs of the same hour. */
  ordinal: number;
  meta: FlowMeta;
  spans: Span[];
}

export interface HistoryDump {
  ordinal: number;
  sandboxes: Record<string, FlowHistory[]>;
}

/** The selectors of a flow's transformations (`transformations[].params.<kind>.selectors[]`). */
export function selectorsOf(flow: Entity | undefined, kind: "segmentSelectors" | "profileSelectors"): unknown[] {
  const transformations = Array.isArray(flow?.transformations) ? flow.transformations : [];
  return transformations.flatMap((t: unknown) => {
    const params = isPlainObject(t) && isPlainObject(t.params) ? t.params : {};
    const group = params[kind];
    return isPlainObject(group) && Array.isArray(group.selectors) ? group.selectors : [];
  });
}

/** The audience ids a flow activates, in its order, each once. */
export function segmentIds(flow: Entity | undefined): string[] {
  const ids = selectorsOf(flow, "segmentSelectors").map((s) =>
    isPlainObject(s) && isPlainObject(s.value) ? s.value.id : undefined,
  );
  return [...new Set(ids.filter((id): id is string => typeof id === "string"))];
}

/** Active: enabled and activating at least one audience (a flow with none has nothing to send). */
export function activeSegments(flow: Entity | undefined): string[] | undefined {
  if (!flow || flow.state !== "enabled") return undefined;
  const ids = segmentIds(flow);
  return ids.length > 0 ? ids : undefined;
}

function metaOf(flow: Entity): FlowMeta {
  const first = (key: string): string | undefined => {
    const list = flow[key];
    return Array.isArray(list) && typeof list[0] === "string" ? list[0] : undefined;
  };
  return {
    sandboxId: String(flow.sandboxId ?? ""),
    flowSpec: flow.flowSpec,
    createdBy: flow.createdBy,
    createdClient: flow.createdClient,
    sourceConnectionId: first("sourceConnectionIds"),
    targetConnectionId: first("targetConnectionIds"),
  };
}

const sameSegments = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((id, i) => id === b[i]);

export class RunHistory {
  private bySandbox = new Map<string, Map<string, FlowHistory>>();
  private ordinal = 0;

  /** Records a flow as it is after a write (undefined: deleted); `before` seeds a flow without a history. */
  observe(sandbox: string, flowId: string, before: Entity | undefined, flow: Entity | undefined, now: number): void {
    if (before && !this.get(sandbox, flowId)) this.seed(sandbox, before);
    const history = this.ensure(sandbox, flowId, flow);
    if (!history) return;
    if (flow) history.meta = metaOf(flow);
    const wanted = activeSegments(flow);
    const open = history.spans.find((s) => s.to === null);
    if (open && wanted && sameSegments(open.segments, wanted)) return;
    if (open) open.to = now;
    if (wanted) history.spans.push({ from: now, to: null, segments: wanted });
  }

  get(sandbox: string, flowId: string): FlowHistory | undefined {
    return this.bySandbox.get(sandbox)?.get(flowId);
  }

  /**
   * Every history of the sandbox, deleted flows' included. A stored flow without one (a state file from
   * before runs existed) counts as active since its `updatedAt` when it is active now.
   */
  all(sandbox: string, flows: Iterable<Entity>): FlowHistory[] {
    for (const flow of flows) if (!this.get(sandbox, flow.id)) this.seed(sandbox, flow);
    return [...(this.bySandbox.get(sandbox)?.values() ?? [])];
  }

  private seed(sandbox: string, flow: Entity): void {
    const history = this.ensure(sandbox, flow.id, flow)!;
    const wanted = activeSegments(flow);
    const since = Number(flow.updatedAt);
    if (wanted && Number.isFinite(since)) history.spans.push({ from: since, to: null, segments: wanted });
  }

  private ensure(sandbox: string, flowId: string, flow: Entity | undefined): FlowHistory | undefined {
    let flows = this.bySandbox.get(sandbox);
    if (!flows) this.bySandbox.set(sandbox, (flows = new Map()));
    let history = flows.get(flowId);
    if (!history && flow) {
      history = { flowId, ordinal: (this.ordinal += 1), meta: metaOf(flow), spans: [] };
      flows.set(flowId, history);
    }
    return history;
  }

  clear(): void {
    this.bySandbox = new Map();
    this.ordinal = 0;
  }

  dump(): HistoryDump {
    const sandboxes: Record<string, FlowHistory[]> = {};
    for (const [name, flows] of this.bySandbox) sandboxes[name] = [...flows.values()];
    return { ordinal: this.ordinal, sandboxes };
  }

  load(dump: HistoryDump | undefined): void {
    if (!dump) return;
    this.ordinal = Math.max(this.ordinal, dump.ordinal ?? 0);
    for (const [name, list] of Object.entries(dump.sandboxes ?? {}))
      this.bySandbox.set(name, new Map(list.map((h) => [h.flowId, h])));
  }
}

/** The audiences of the span holding `at`, or undefined when the flow was not active then. */
export function segmentsAt(history: FlowHistory, at: number): string[] | undefined {
  return history.spans.find((s) => s.from <= at && (s.to === null || at < s.to))?.segments;
}
