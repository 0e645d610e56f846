// Audience references checked against the sandbox: ids must exist, names are resolved to ids (they
// are what stays the same when a destination is promoted from dev to prod; ids differ per sandbox),
// a name given next to an id must agree with Adobe's, and the audience must be one the destination can
// export (active, of an origin its type supports). Every problem points at the YAML.
import { destinationType, type DestinationType } from "../destination-types/index.js";
import type { DesiredAudience, DesiredDestination, DesiredSandbox } from "../state/desired.js";
import type { Problem } from "./problem.js";

/** An audience as Adobe lists it (the Audiences API's fields the plan uses). */
export interface KnownAudience {
  id: string;
  name: string;
  audienceId?: string;
  type?: string;
  originName?: string;
  lifecycleState?: string;
  /** Data-usage labels, e.g. core/C5. */
  labels?: string[];
  /** The merge policy the audience is evaluated with: its datasets are what Adobe's policies judge. */
  mergePolicyId?: string;
  /** Its export metrics' `totalProfiles`: absent when Adobe gave none (unknown, never 0). */
  totalProfiles?: number;
}

/** Adobe exports active audiences only; the Audiences API says `active` or `published` for them. */
function exportable(audience: KnownAudience): boolean {
  return audience.lifecycleState === undefined || ["active", "published"].includes(audience.lifecycleState);
}

export function resolveAudiences(
  desired: DesiredSandbox,
  known: KnownAudience[],
): { desired: DesiredSandbox; problems: Problem[] } {
  const byId = new Map(known.map((a) => [a.id, a]));
  const byName = new Map<string, KnownAudience[]>();
  for (const audience of known) byName.set(audience.name, [...(byName.get(audience.name) ?? []), audience]);
  const problems: Problem[] = [];
  const report = (audience: DesiredAudience, problem: Omit<Problem, "file" | "line" | "column">) =>
    problems.push({
      file: audience.source.file,
      line: audience.source.line,
      column: audience.source.column,
      ...problem,
    });

  const resolve = (destination: DesiredDestination, audience: DesiredAudience): DesiredAudience[] => {
    const candidates =
      audience.id !== undefined
        ? [byId.get(audience.id)].filter((a): a is KnownAudience => a !== undefined)
        : (byName.get(audience.name ?? "") ?? []);
    const active = candidates.filter(exportable);
    if (active.length === 0) {
      const retired = candidates[0];
      if (retired) report(audience, notExportable(retired, desired.sandbox));
      else report(audience, unknown(audience, desired.sandbox));
      return [];
    }
    if (active.length > 1) {
      report(audience, {
        rule: "ambiguous-audience",
        severity: "error",
        message: `${active.length} audiences are named '${audience.name}' in sandbox '${desired.sandbox}' (${active
          .map((m) => m.id)
          .sort()
          .join(", ")}).`,
        hint: "Give the audience's id as well, to say which one.",
      });
      return [];
    }
    const live = active[0]!;
    const origin = originProblem(live, destination.type);
    if (origin) {
      report(audience, origin);
      return [];
    }
    if (audience.id !== undefined && audience.name !== undefined && audience.name !== live.name) {
      report(audience, {
        rule: "audience-name",
        severity: "warning",
        message: `Audience ${audience.id} is named '${live.name}' in sandbox '${desired.sandbox}', not '${audience.name}'.`,
        hint: `Write name: ${live.name}, or drop the name and keep the id.`,
      });
    }
    // Object.assign and plain sets, not {...audience, …}: V8 gives a spread copy that then gains keys
    // a slow path, ~6× the time, and M resolves 25,000 audiences per plan.
    const resolved: DesiredAudience = Object.assign({}, audience, { id: live.id, adobeName: live.name });
    if (audience.id === undefined) resolved.idFromName = true;
    if (live.labels?.length) resolved.labels = live.labels;
    if (live.originName) resolved.origin = live.originName;
    if (live.mergePolicyId) resolved.mergePolicyId = live.mergePolicyId;
    return [resolved];
  };

  const destinations = desired.destinations.map((destination) => ({
    ...destination,
    audiences: withoutRepeats(
      destination.audiences.flatMap((audience) => resolve(destination, audience)),
      byId,
      problems,
    ),
  }));
  return { desired: { ...desired, destinations }, problems };
}

function unknown(audience: DesiredAudience, sandbox: string): Omit<Problem, "file" | "line" | "column"> {
  return audience.id !== undefined
    ? {
        rule: "unknown-audience",
        severity: "error",
        message: `Audience ${audience.id}${audience.name ? ` (${audience.name})` : ""} does not exist in sandbox '${sandbox}'.`,
        hint: "Check the id in Adobe's Audiences view for this sandbox; ids differ per sandbox, so give the audience by name to promote across sandboxes.",
      }
    : {
        rule: "unknown-audience",
        severity: "error",
        message: `No audience named '${audience.name}' exists in sandbox '${sandbox}'.`,
        hint: "Check the spelling against Adobe's Audiences view, or give the id.",
      };
}

function notExportable(audience: KnownAudience, sandbox: string): Omit<Problem, "file" | "line" | "column"> {
  const state = audience.lifecycleState === "draft" ? "a draft (not published)" : audience.lifecycleState;
  return {
    rule: "inactive-audience",
    severity: "error",
    message: `Audience ${audience.id} (${audience.name}) is ${state} in sandbox '${sandbox}': Adobe exports active audiences only.`,
    hint:
      audience.lifecycleState === "draft"
        ? "Publish the audience in Adobe, or remove it from the destination."
        : "Remove it from the destination, or reactivate it in Adobe if it should be exported again.",
  };
}

function originProblem(
  audience: KnownAudience,
  type: DestinationType,
): Omit<Problem, "file" | "line" | "column"> | undefined {
  const spec = destinationType(type);
  // Segment definitions (the fallback when the Audiences API is refused) carry no origin: Platform-built.
  if (audience.originName === undefined || spec.audienceOrigins.includes(audience.originName)) return undefined;
  return {
    rule: "audience-origin",
    severity: "error",
    message: `Audience ${audience.id} (${audience.name}) comes from ${audience.originName}; ${spec.label} destinations export audiences of these origins only: ${spec.audienceOrigins.join(", ")}.`,
    hint: `Remove it from the destination; ${spec.label} cannot receive it.`,
  };
}

/**
 * Entries that resolve to one audience (by name and by id, or two names of it) would export it once and
 * plan to add it again forever: the later one is an error at its line (the YAML check cannot see it,
 * names are only resolved here).
 */
function withoutRepeats(
  audiences: DesiredAudience[],
  byId: Map<string, KnownAudience>,
  problems: Problem[],
): DesiredAudience[] {
  const first = new Map<string, DesiredAudience>();
  return audiences.filter((audience) => {
    const earlier = first.get(audience.id!);
    if (!earlier) {
      first.set(audience.id!, audience);
      return true;
    }
    const name = byId.get(audience.id!)?.name;
    problems.push({
      file: audience.source.file,
      line: audience.source.line,
      column: audience.source.column,
      rule: "duplicate-audience",
      severity: "error",
      message: `audience ${audience.id}${name ? ` (${name})` : ""} is listed twice (first at line ${earlier.source.line})`,
      hint: "remove one of the two entries: one names the audience, the other gives its id",
    });
    return false;
  });
}

export function needsAudienceCheck(desired: DesiredSandbox): boolean {
  return desired.destinations.some((d) => d.audiences.length > 0);
}

/** The references the list did not answer: ids it does not hold, names no listed audience has. */
export function unresolvedReferences(
  desired: DesiredSandbox,
  known: KnownAudience[],
): { ids: string[]; names: string[] } {
  const ids = new Set(known.map((a) => a.id));
  const names = new Set(known.map((a) => a.name));
  const all = desired.destinations.flatMap((d) => d.audiences);
  return {
    ids: [...new Set(all.flatMap((a) => (a.id !== undefined && !ids.has(a.id) ? [a.id] : [])))],
    names: [
      ...new Set(
        all.flatMap((a) => (a.id === undefined && a.name !== undefined && !names.has(a.name) ? [a.name] : [])),
      ),
    ],
  };
}
