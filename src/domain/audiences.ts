// Audience references checked against the sandbox: ids must exist, names are resolved to ids (they
// are what stays the same when a destination is promoted from dev to prod; ids differ per sandbox),
// and a name given next to an id must agree with Adobe's. Every problem points at the YAML.
import type { DesiredAudience, DesiredSandbox } from "./desired.js";
import type { Problem } from "./problem.js";

export interface KnownAudience {
  id: string;
  name: string;
}

export function resolveAudiences(
  desired: DesiredSandbox,
  known: KnownAudience[],
): { desired: DesiredSandbox; problems: Problem[] } {
  const byId = new Map(known.map((a) => [a.id, a]));
  const byName = new Map<string, KnownAudience[]>();
  for (const audience of known) byName.set(audience.name, [...(byName.get(audience.name) ?? []), audience]);
  const problems: Problem[] = [];
  const at = (source: { file: string; line: number; column: number }) => ({
    file: source.file,
    line: source.line,
    column: source.column,
  });

  const destinations = desired.destinations.map((destination) => ({
    ...destination,
    audiences: withoutRepeats(
      destination.audiences.flatMap((audience) => {
        if (audience.id !== undefined) {
          const live = byId.get(audience.id);
          if (!live) {
            problems.push({
              ...at(audience.source),
              rule: "unknown-audience",
              severity: "error",
              message: `Audience ${audience.id}${audience.name ? ` (${audience.name})` : ""} does not exist in sandbox '${desired.sandbox}'.`,
              hint: "Check the id in Adobe's Audiences view for this sandbox; ids differ per sandbox, so give the audience by name to promote across sandboxes.",
            });
            return [];
          }
          if (audience.name !== undefined && audience.name !== live.name) {
            problems.push({
              ...at(audience.source),
              rule: "audience-name",
              severity: "warning",
              message: `Audience ${audience.id} is named '${live.name}' in sandbox '${desired.sandbox}', not '${audience.name}'.`,
              hint: `Write name: ${live.name}, or drop the name and keep the id.`,
            });
          }
          return [audience];
        }
        const matches = byName.get(audience.name ?? "") ?? [];
        if (matches.length === 1) return [{ ...audience, id: matches[0]!.id }];
        problems.push({
          ...at(audience.source),
          rule: matches.length === 0 ? "unknown-audience" : "ambiguous-audience",
          severity: "error",
          message:
            matches.length === 0
              ? `No audience named '${audience.name}' exists in sandbox '${desired.sandbox}'.`
              : `${matches.length} audiences are named '${audience.name}' in sandbox '${desired.sandbox}' (${matches.map((m) => m.id).join(", ")}).`,
          hint:
            matches.length === 0
              ? "Check the spelling against Adobe's Audiences view, or give the id."
              : "Give the audience's id as well, to say which one.",
        });
        return [];
      }),
      byId,
      problems,
    ),
  }));
  return { desired: { ...desired, destinations }, problems };
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
