// Applies a PATCH's JSON Patch operations to a copy of the object, under one of two readings of the indexes
// of several `remove`s. "sequential" is RFC 6902: each operation sees the document the previous one left, so
// removing index 0 then index 1 removes the first and the THIRD item. "original" is what Adobe's update
// tutorial implies: its example removes `…/selectors/0` then `…/selectors/1` and says it "removes the first
// and second audiences", i.e. every remove's index refers to the list as the PATCH found it. Which one Adobe
// runs is not documented; a client that removes in descending index order is right under both.
import jsonPatch from "fast-json-patch";
import type { Operation } from "fast-json-patch";
import type { PatchRemoveIndexes } from "./config.js";
import { flowError } from "./errors.js";

/** Applies `ops` to `document` in place (a copy the caller owns); a JsonPatchError carries the failing index. */
export function applyOperations(document: object, ops: Operation[], indexes: PatchRemoveIndexes): void {
  if (indexes === "sequential") {
    jsonPatch.applyPatch(document, ops, true, true);
    return;
  }
  // Every remove of an array item is pinned to the item it names in the document as it arrived.
  const pinned = ops.map((op) => (op.op === "remove" ? pin(document, op.path) : undefined));
  ops.forEach((op, index) => {
    const target = pinned[index];
    const operation: Operation = target ? { op: "remove", path: currentPath(document, target, op.path, index) } : op;
    try {
      jsonPatch.applyOperation(document, operation, true, true, true, index);
    } catch (error) {
      // fast-json-patch numbers a validation error 0 when one operation is applied alone.
      if (error instanceof jsonPatch.JsonPatchError) error.index = index;
      throw error;
    }
  });
}

interface Pinned {
  /** JSON Pointer of the array. */
  parent: string;
  /** The item the remove names (by identity; primitives by value). */
  item: unknown;
}

/** The array item a remove names in the document as it arrived; undefined when the path is not one. */
function pin(document: object, path: string): Pinned | undefined {
  const cut = path.lastIndexOf("/");
  const last = path.slice(cut + 1);
  if (cut < 0 || !/^(0|[1-9]\d*)$/.test(last)) return undefined;
  const parent = path.slice(0, cut);
  let list: unknown;
  try {
    list = parent === "" ? document : jsonPatch.getValueByPointer(document, parent);
  } catch {
    return undefined;
  }
  if (!Array.isArray(list) || Number(last) >= list.length) return undefined; // fails as RFC 6902 says
  return { parent, item: list[Number(last)] };
}

/** Where the pinned item is now, after the operations before this one. */
function currentPath(document: object, target: Pinned, path: string, index: number): string {
  let list: unknown;
  try {
    list = jsonPatch.getValueByPointer(document, target.parent);
  } catch {
    list = undefined;
  }
  const at = Array.isArray(list) ? list.indexOf(target.item) : -1;
  if (at < 0)
    throw flowError(
      1455,
      400,
      "Bad request",
      `Error validating patch instructions: operation ${index} (remove ${path}): the item at that index when the request arrived was already removed or replaced by an earlier operation.`,
      { operation: index },
    );
  return `${target.parent}/${at}`;
}
