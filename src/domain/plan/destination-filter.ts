// The destination filter (`--destination`, the way Terraform narrows a plan to some resources): a plan narrowed to the destinations
// whose YAML name matches one of the patterns, with what they need (their accounts; the shared Profile
// objects follow from the planner). A pattern is a glob (glob.ts: `*`, `?`, `{a,b}`) matched against the
// destination's YAML name and against the refs a plan shows for it (`flow/NAME`, `target/NAME`), so a
// name copied from either works. Pure, so plan, apply, drift and status narrow alike.
//
// Nothing outside the filter is touched or reported: a managed object is in scope only when its
// destination is (an account: when an in-scope destination uses it). The names the YAML left out are
// remembered (DesiredFilter.outside) because a narrowed desired state no longer declares them, and
// without that their live objects would read as orphans.
import type { DesiredFilter, DesiredSandbox } from "../state/desired.js";
import { editDistance } from "../match/did-you-mean.js";
import { globMatcher, globProblem } from "../match/glob.js";
import type { LiveSandbox } from "../state/live.js";

/** The patterns as a plan shows them and the checksum binds them: sorted, without repeats. */
export function normalizedPatterns(patterns: readonly string[]): string[] {
  return [...new Set(patterns)].sort();
}

/** Why a pattern cannot be a filter (glob syntax, glob.ts's bounds), or undefined when it can. */
export function patternProblem(pattern: string): string | undefined {
  if (pattern === "") return "it is empty";
  return globProblem(pattern)?.message;
}

/** True for a destination name that one of the patterns matches (by name, or by its `flow/`, `target/` ref). */
export function destinationMatcher(patterns: readonly string[]): (name: string) => boolean {
  const matches = globMatcher(patterns);
  return (name) => matches(name) || matches(`flow/${name}`) || matches(`target/${name}`);
}

/** The desired state of the matching destinations and the accounts they use; everything else left out. */
export function narrowDesired(desired: DesiredSandbox, patterns: readonly string[]): DesiredSandbox {
  const sorted = normalizedPatterns(patterns);
  const matches = destinationMatcher(sorted);
  const destinations = desired.destinations.filter((d) => matches(d.name));
  const used = new Set(destinations.map((d) => d.account));
  const accounts = desired.accounts.filter((a) => used.has(a.name));
  const claims = (items: readonly { name: string; renamedFrom?: string }[]) =>
    items.flatMap((i) => (i.renamedFrom === undefined ? [i.name] : [i.name, i.renamedFrom]));
  const filter: DesiredFilter = {
    patterns: sorted,
    outside: {
      destinations: claims(desired.destinations.filter((d) => !matches(d.name))),
      accounts: claims(desired.accounts.filter((a) => !used.has(a.name))),
    },
  };
  return { ...desired, accounts, destinations, filter };
}

/** Which managed objects a plan of this desired state may delete or list as orphans (all, unfiltered). */
export interface OrphanScope {
  destination(name: string): boolean;
  account(name: string): boolean;
}

export function orphanScope(desired: DesiredSandbox, live: LiveSandbox): OrphanScope {
  const filter = desired.filter;
  if (!filter) return { destination: () => true, account: () => true };
  const matches = destinationMatcher(filter.patterns);
  const kept = new Set(desired.destinations.map((d) => d.name));
  const outside = new Set(filter.outside.destinations);
  // A managed destination gone from the YAML is in scope when a pattern names it.
  const destination = (name: string) => kept.has(name) || (!outside.has(name) && matches(name));
  // An account gone from the YAML is in scope when an in-scope destination's target connection uses it.
  const usedIds = new Set(
    live.targetConnections
      .filter((t) => t.owner?.kind === "destination" && destination(t.owner.name))
      .map((t) => t.baseConnectionId),
  );
  const keptAccounts = new Set(desired.accounts.map((a) => a.name));
  const outsideAccounts = new Set(filter.outside.accounts);
  const behind = new Set(
    live.connections.filter((c) => c.owner?.kind === "account" && usedIds.has(c.id)).map((c) => c.owner!.name),
  );
  const account = (name: string) => keptAccounts.has(name) || (!outsideAccounts.has(name) && behind.has(name));
  return { destination, account };
}

/** The names the YAML and Adobe know destinations by: what a pattern must match one of. */
export function destinationNames(desired: DesiredSandbox, live?: LiveSandbox): string[] {
  const managed = [...(live?.flows ?? []), ...(live?.targetConnections ?? [])].flatMap((o) =>
    o.owner?.kind === "destination" ? [o.owner.name] : [],
  );
  return [...new Set([...desired.destinations.map((d) => d.name), ...managed])];
}

/** Each pattern that matches none of the names, with the nearest names (by edit distance), at most 3. */
export function unmatchedPatterns(
  patterns: readonly string[],
  names: readonly string[],
): { pattern: string; nearest: string[] }[] {
  return normalizedPatterns(patterns)
    .filter((pattern) => !names.some(destinationMatcher([pattern])))
    .map((pattern) => ({ pattern, nearest: nearestNames(pattern, names) }));
}

function nearestNames(pattern: string, names: readonly string[]): string[] {
  // The glob's own characters say nothing about which name was meant: compare the literal text.
  const literal = pattern.replace(/[*?{},\\]/g, "").toLowerCase();
  return [...new Set(names)]
    .map((name) => ({ name, distance: editDistance(literal, name.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map((n) => n.name);
}
