// Who last touched a live object, in words. Flow Service records the IMS user (`updatedBy`) and the
// IMS client (`updatedClient`, `exc_app` being the Experience Platform UI); with a service token the
// two are the same id, so it is shown once.
import type { Attribution } from "../../domain/plan/plan.js";
import { isoTime } from "./values.js";

export function writerText(attribution: Attribution): string {
  const { updatedBy: by, updatedClient: client } = attribution;
  if (by && client && by !== client) return `${by} (${client})`;
  return by ?? client ?? "an unknown writer";
}

/** `last changed outside aep-gitops by … at …`, or undefined when aep-gitops itself wrote last. */
export function outsideChangeText(attribution: Attribution | undefined): string | undefined {
  if (!attribution || attribution.byThisTool) return undefined;
  return `last changed outside aep-gitops by ${writerText(attribution)}${atText(attribution)}`;
}

export function atText(attribution: Attribution): string {
  const when = isoTime(attribution.updatedAt);
  return when === undefined ? "" : ` at ${when}`;
}
