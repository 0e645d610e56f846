// Import: live destinations made in Adobe's UI → Account and Destination documents that adopt them
// (adoptId) instead of recreating them. Pure: the CLI reads live state and writes the files.
import type { AudienceSchedule } from "../state/desired.js";
import { destinationType, TYPE_LABELS, type DestinationType } from "../destination-types/index.js";
import { suggestedVariable } from "../checks/env-names.js";
import type { LiveConnection, LiveFlow, LiveSandbox, LiveTargetConnection } from "../state/live.js";

export interface ImportedAccount {
  apiVersion: "aep-gitops/v1";
  kind: "Account";
  name: string;
  displayName?: string;
  type: DestinationType;
  description?: string;
  adoptId: string;
  credentials: Record<string, string>;
}

export interface ImportedDestination {
  apiVersion: "aep-gitops/v1";
  kind: "Destination";
  name: string;
  displayName?: string;
  type: DestinationType;
  account: string;
  description?: string;
  state: "enabled" | "disabled";
  adoptId: string;
  target: Record<string, string | boolean>;
  audiences: { id: string; name?: string; schedule?: AudienceSchedule }[];
  profileAttributes: string[];
}

export interface ImportResult {
  accounts: ImportedAccount[];
  destinations: ImportedDestination[];
  /** The environment variables the credentials now refer to, for the user to set. */
  envNames: string[];
  skipped: { name: string; reason: string }[];
}

/** The credential fields the sandbox's connection spec marks secret, per type; undefined where unread. */
export type SecretFieldsOf = (type: DestinationType) => ReadonlySet<string> | undefined;

export function importFromLive(
  live: LiveSandbox,
  match: (name: string) => boolean = () => true,
  secretsOf: SecretFieldsOf = () => undefined,
): ImportResult {
  const result: ImportResult = { accounts: [], destinations: [], envNames: [], skipped: [] };
  const accountNames = new Map<string, string>(); // live connection id → YAML name
  const usedAccounts = new Set<string>();
  const usedDestinations = new Set<string>();
  const connections = new Map(live.connections.map((c) => [c.id, c]));
  const targets = new Map(live.targetConnections.map((t) => [t.id, t]));

  for (const flow of [...live.flows].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!match(flow.name)) continue;
    const skip = (reason: string) => result.skipped.push({ name: flow.name, reason });
    if (flow.owner) continue; // already managed: nothing to import
    if (!flow.type) {
      skip(`not an ${TYPE_LABELS} destination`);
      continue;
    }
    if (!flow.standardTransformations) {
      skip("its transformations are not the single GeneralTransform aep-gitops manages");
      continue;
    }
    const target = targets.get(flow.targetConnectionIds[0] ?? "");
    const account = target ? connections.get(target.baseConnectionId) : undefined;
    if (!target || !account || account.type !== flow.type) {
      skip("its target connection or account could not be read");
      continue;
    }
    if (target.owner || account.owner?.kind === "destination") {
      skip("its target connection is already managed by aep-gitops");
      continue;
    }
    let accountName = accountNames.get(account.id);
    if (!accountName) {
      if (account.owner?.kind === "account") {
        accountName = account.owner.name; // already managed: reference it, do not adopt again
      } else {
        accountName = unique(slug(account.name), usedAccounts);
        result.accounts.push(toAccount(account, accountName, flow.type, result.envNames, secretsOf(flow.type)));
      }
      accountNames.set(account.id, accountName);
    }
    result.destinations.push(
      toDestination(flow, target, unique(slug(flow.name), usedDestinations), accountName, flow.type),
    );
  }
  return result;
}

function toAccount(
  account: LiveConnection,
  name: string,
  type: DestinationType,
  envNames: string[],
  specSecrets: ReadonlySet<string> | undefined,
): ImportedAccount {
  const credentials: Record<string, string> = {};
  // Only secrets become references: the fields the sandbox's spec marks `format: password` (the registry's
  // when the spec could not be read), and always the schema's write-only ones, which validate takes only as
  // ${env:…}. Anything Adobe shows (a region, a namespace, an access key id, a SAS key name) is written as
  // it is, unless it comes back masked or not at all (or holds a '$', which the YAML reads as a
  // reference), when only a reference can stand for it.
  for (const { name: field, role } of destinationType(type).credentials) {
    const value = account.authParams?.[field];
    const secret = role === "secret" || specSecrets?.has(field) === true;
    if (!secret && typeof value === "string" && value && !/[*$]/.test(value)) {
      credentials[field] = value;
      continue;
    }
    const env = suggestedVariable(name, field);
    credentials[field] = `\${env:${env}}`;
    envNames.push(env);
  }
  return {
    apiVersion: "aep-gitops/v1",
    kind: "Account",
    name,
    ...(account.name !== name ? { displayName: account.name } : {}),
    type,
    ...(account.description ? { description: account.description } : {}),
    adoptId: account.id,
    credentials,
  };
}

function toDestination(
  flow: LiveFlow,
  target: LiveTargetConnection,
  name: string,
  account: string,
  type: DestinationType,
): ImportedDestination {
  const params: Record<string, string | boolean> = {};
  for (const { name: key } of destinationType(type).targetParams) {
    const value = target.params[key];
    if (typeof value === "string" || value === true) params[key] = value;
  }
  return {
    apiVersion: "aep-gitops/v1",
    kind: "Destination",
    name,
    ...(flow.name !== name ? { displayName: flow.name } : {}),
    type,
    account,
    ...(flow.description ? { description: flow.description } : {}),
    state: flow.state === "disabled" ? "disabled" : "enabled",
    adoptId: flow.id,
    target: params,
    audiences: flow.audiences.map((a) => {
      const schedule = importedSchedule(a.schedule);
      return { id: a.id, name: a.name, schedule };
    }),
    profileAttributes: flow.attributes.map((a) => a.path),
  };
}

/**
 * The schedule the UI set, as YAML the schema accepts (a start date, an end not before it); anything
 * else is left out of the file, and the plan then keeps it as Adobe holds it.
 */
function importedSchedule(schedule: AudienceSchedule | undefined): AudienceSchedule | undefined {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  const { startDate, endDate } = schedule ?? {};
  if (startDate === undefined || !day.test(startDate)) return undefined;
  if (endDate !== undefined && (!day.test(endDate) || endDate < startDate)) return undefined;
  return { startDate, endDate };
}

/** A YAML identity from an Adobe display name: lower-case letters, digits and '-', at most 63. */
export function slug(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
  return base || "destination";
}

function unique(name: string, used: Set<string>): string {
  let candidate = name;
  for (let i = 2; used.has(candidate); i++) candidate = `${name.slice(0, 60 - String(i).length)}-${i}`;
  used.add(candidate);
  return candidate;
}
