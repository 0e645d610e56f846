// Why a saved plan is out of date, object by object: what changed, vanished or appeared since it was
// saved, and who did it when (Adobe's updatedBy / updatedClient / updatedAt).
import type { MovedObject } from "../../domain/apply/results.js";
import { atText, writerText } from "./attribution.js";

export function movedText(moved: MovedObject): string {
  const object = `${moved.resource} ${moved.name}${moved.id ? ` [${moved.id}]` : ""} in sandbox ${moved.sandbox}`;
  const who = moved.meta
    ? `, by ${writerText({ ...moved.meta, byThisTool: false })}${atText({ ...moved.meta, byThisTool: false })}`
    : "";
  const how = {
    changed: "was changed since the plan was saved",
    deleted: "was deleted since the plan was saved",
    created: "was created since the plan was saved (another apply, or the UI, made it first)",
  }[moved.how];
  return `${object} ${how}${who}`;
}
