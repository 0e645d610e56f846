// Import: live destinations made in Adobe's UI → Account and Destination documents that adopt them
// (adoptId) instead of recreating them. Pure: the CLI reads live state and writes the files.
import { destinationType, TYPE_LABELS, type DestinationType } from "./destination-types/index.js";
import { reservedVariable } from "./env-names.js";
import type { LiveConnection, LiveFlow, LiveSandbox, LiveTargetConnection } from "./live.js";

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
  audiences: { id: string; name?: string }[];
  profileAttributes: string[];
}

export interface ImportResult {
  accounts: ImportedAccount[];
  destinations: ImportedDestination[];
  /** The environment variables the credentials now refer to, for the user to set. */
  envNames: string[];
  skipped: { name: string; reason: string }[];
}

export function importFromLive(live: LiveSandbox, match: (name: string) => boolean = () => true): ImportResult {
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
        result.accounts.push(toAccount(account, accountName, flow.type, result.envNames));
      }
      accountNames.set(account.id, accountName);
    }
    result.destinations.push(
      toDestination(flow, target, unique(slug(flow.name), usedDestinations), accountName, flow.type),
    );
  }
  return result;
}

function toAccount(account: LiveConnection, name: string, type: DestinationType, envNames: string[]): ImportedAccount {
  const credentials: Record<string, string> = {};
  // Plain settings (a region, a namespace) are written as they are; secrets and keys become references.
  for (const { name: field, role } of destinationType(type).credentials) {
    const value = account.authParams?.[field];
    if (role === "setting" && typeof value === "string" && value && !value.includes("*")) {
      credentials[field] = value;
      continue;
    }
    const suggested = `${name}_${field}`
      .replace(/([a-z])([A-Z])/g, "$1_$2")
      .replace(/[^A-Za-z0-9]+/g, "_")
      .toUpperCase();
    // Never a name validate refuses (an account called "github" would suggest GITHUB_SECRET_KEY).
    const env =
      reservedVariable(suggested) === undefined && /^[A-Z_]/.test(suggested) ? suggested : `DEST_${suggested}`;
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
    audiences: flow.audiences.map((a) => (a.name === undefined ? { id: a.id } : { id: a.id, name: a.name })),
    profileAttributes: flow.attributes.map((a) => a.path),
  };
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
