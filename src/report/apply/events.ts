// Apply's progress for machines (`apply --format jsonl`), as Terraform's `-json` UI streams it: one JSON
// document per line, written as things happen. A request to Adobe going out and its answer, a change
// starting and its item done, and last the same document `--format json` prints, on one line. Each
// event is `{ format: "aep-gitops.apply-event/v1", type, at, … }` (schemas/output/apply-event.schema.json,
// docs/json-output.md). Pure: the caller gives the time.
//
// A request is shown by its method and its path template (`/data/foundation/flowservice/flows/{id}`):
// never its query, headers or body, so never a token, a credential or a filter value.
import type { CallStart } from "../../domain/apply/results.js";
import type { Change } from "../../domain/plan/plan.js";
import type { ItemResult } from "../../domain/apply/results.js";
import { isoTime } from "../plan/values.js";

export const APPLY_EVENT_FORMAT = "aep-gitops.apply-event/v1";

export type ApplyEvent =
  | { type: "call-started"; at: number; call: CallStart }
  | { type: "call-finished"; at: number; call: CallStart; status?: number | undefined; ms: number }
  | { type: "item-started"; at: number; sandbox: string; change: Pick<Change, "ref" | "action" | "resource" | "name"> }
  | { type: "item-done"; at: number; sandbox: string; item: ItemResult };

/** One event as one line of JSON (no line break: the output port ends the line). */
export function renderApplyEvent(event: ApplyEvent): string {
  const head = { format: APPLY_EVENT_FORMAT, type: event.type, at: isoTime(event.at) };
  switch (event.type) {
    case "call-started":
      return JSON.stringify({ ...head, ...callJson(event.call) });
    case "call-finished":
      return JSON.stringify({
        ...head,
        ...callJson(event.call),
        ...(event.status === undefined ? { error: "no answer" } : { status: event.status }),
        ms: event.ms,
      });
    case "item-started": {
      const { ref, action, resource, name } = event.change;
      return JSON.stringify({ ...head, sandbox: event.sandbox, ref, action, resource, name });
    }
    case "item-done":
      // The item exactly as the summary's `results[].items[]` holds it.
      return JSON.stringify({ ...head, sandbox: event.sandbox, ...event.item });
  }
}

function callJson(call: CallStart) {
  return { call: call.id, sandbox: call.sandbox, method: call.method, path: pathTemplate(call.path) };
}

/** The collections whose next segment is an object's id (Flow Service, Audiences, Schema Registry, …). */
const COLLECTIONS = new Set([
  "flows",
  "connections",
  "sourceConnections",
  "targetConnections",
  "connectionSpecs",
  "flowSpecs",
  "runs",
  "audiences",
  "definitions",
  "schemas",
  "unions",
  "events",
]);

/**
 * A request's path with each object id replaced by `{id}` and any query dropped: what kind of call it
 * is, the same for every object, and nothing that a log should not keep.
 */
export function pathTemplate(path: string): string {
  const segments = path.split("?")[0]!.split("/");
  return segments.map((segment, i) => (i > 0 && COLLECTIONS.has(segments[i - 1]!) ? "{id}" : segment)).join("/");
}
