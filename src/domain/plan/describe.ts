// The name and description ops every managed object shares. The description carries the ownership
// marker, so it is rewritten whenever the marker must be (re)set, even if the user's text is unchanged.
import type { DesiredDestination } from "../state/desired.js";
import type { LiveFlow, LiveTargetConnection } from "../state/live.js";
import { markedDescription, type Owner } from "./ownership.js";
import type { FieldChange } from "./plan.js";
import type { PatchOp } from "./selectors.js";

/** What the objects are called in Adobe: the display name if the YAML gives one, else the identity. */
export function adobeName(destination: DesiredDestination): string {
  return destination.displayName ?? destination.name;
}

export function describe(
  live: LiveFlow | LiveTargetConnection,
  name: string | undefined,
  description: string | undefined,
  owner: Owner,
  fields: FieldChange[],
  ops: PatchOp[],
  /** adopt: set the marker (an object from the UI may have no description); rename: rewrite it. */
  marker: "adopt" | "rename" | undefined = undefined,
): void {
  if (name !== undefined && live.name !== name) {
    fields.push({ field: "name", before: live.name, after: name });
    ops.push({ op: "replace", path: "/name", value: name });
  }
  const text = (description ?? "").trim();
  if (live.description !== text || marker !== undefined) {
    if (live.description !== text) fields.push({ field: "description", before: live.description, after: text });
    // An object made in the UI may have no description at all, and RFC 6902 cannot replace what is
    // not there; "add" sets a member whether or not it exists.
    ops.push({
      op: marker === "adopt" ? "add" : "replace",
      path: "/description",
      value: markedDescription(description, owner),
    });
  }
}
