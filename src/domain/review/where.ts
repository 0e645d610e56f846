// Where a destination's data goes, for the egress delta: the account (by its YAML name) and what
// places the data in it (Kinesis: stream and region; Event Hubs: the account's namespace and the event
// hub). A change to any of these sends the same data somewhere else, which a reviewer must see.
import { canonicalJson } from "./canonical.js";
import { whereParams, whereSettings } from "../destination-types/index.js";
import type { DesiredAccount, DesiredDestination } from "../state/desired.js";
import type { LiveConnection, LiveFlow, LiveSandbox } from "../state/live.js";

export type Where = Record<string, unknown>;

export function desiredWhere(destination: DesiredDestination, account: DesiredAccount | undefined): Where {
  const where: Where = { account: destination.account };
  for (const field of whereSettings(destination.type)) {
    // An account setting given as ${env:NAME} is not known to a plan without the environment: left out
    // on both sides rather than compared against a reference.
    const value = account?.credentials[field];
    if (value && "literal" in value) where[field] = value.literal;
  }
  for (const param of whereParams(destination.type))
    if (destination.target[param] !== undefined) where[param] = destination.target[param];
  return where;
}

/** The same places, as Adobe holds them: for comparison with desiredWhere, so only its keys are read. */
export function liveWhere(
  desired: Where,
  accountName: string,
  params: Record<string, unknown>,
  account: LiveConnection | undefined,
): Where {
  const where: Where = { account: accountName };
  for (const key of Object.keys(desired)) {
    if (key === "account") continue;
    const value = key in params ? params[key] : account?.authParams?.[key];
    if (value !== undefined) where[key] = value;
  }
  return where;
}

export function sameWhere(a: Where, b: Where): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** Where a live flow sends its data now, over the keys of `wanted` (its account by owner, else by name). */
export function liveWhereOfFlow(live: LiveSandbox, flow: LiveFlow, wanted: Where): Where {
  const target = live.targetConnections.find((t) => t.id === flow.targetConnectionIds[0]);
  const account = live.connections.find((c) => c.id === target?.baseConnectionId);
  return liveWhere(wanted, account?.owner?.name ?? account?.name ?? "", target?.params ?? {}, account);
}
