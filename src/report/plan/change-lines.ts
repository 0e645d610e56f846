// One change in Terraform's grammar: a header line (`~ flow summer-sale`) and its detail lines.
// Plain text without indentation or colour; the text plan, the PR comment's diff blocks and the drift
// report indent and decorate it as their medium needs.
import type { Change } from "../../domain/plan/plan.js";
import { outsideChangeText } from "./attribution.js";
import { callBody, callLine } from "./calls.js";
import { fieldLines } from "./fields.js";
import { ACTION_SYMBOL } from "./summary.js";

export function changeHeader(change: Change): string {
  const head = `${ACTION_SYMBOL[change.action]} ${change.resource} ${change.name}`;
  // What is deleted, left behind or adopted is known by its live id: no YAML of ours points at it yet.
  const id = change.liveId === undefined ? "" : ` [${change.liveId}]`;
  if (change.action === "adopt") return `${head}${id} — ${change.reason ?? ADOPTED}`;
  if (change.action === "rename") return `${head}${id} — renamed from ${change.renamedFrom}`;
  // A create says why only when it replaces something deleted in Adobe (vanished.ts).
  if (change.action === "create") return change.reason ? `${head} — ${change.reason}` : head;
  if (change.action !== "delete" && change.action !== "orphan") return head;
  const reason = change.reason ?? (change.action === "delete" ? "deleted" : "not in YAML");
  const left = change.action === "orphan" && !reason.includes("left in place") ? "; left in place" : "";
  return `${head}${id} — ${reason}${left}`;
}

const ADOPTED = "adopted by id: the ownership marker is added, nothing is re-created";
const ATTRIBUTED = new Set<Change["action"]>(["update", "delete", "adopt"]);

/** Attribution (when someone else wrote last: updates, deletes, adoptions), then the field lines. */
export function changeDetails(change: Change): string[] {
  const outside = ATTRIBUTED.has(change.action) ? outsideChangeText(change.attribution) : undefined;
  return [...(outside ? [outside] : []), ...fieldLines(change)];
}

/** Each call's line followed by its body, indented by two spaces under it. */
export function changeCallLines(change: Change): string[] {
  return change.calls.flatMap((call) => {
    const body = callBody(call);
    return [callLine(call), ...(body === undefined ? [] : body.split("\n").map((line) => `  ${line}`))];
  });
}
