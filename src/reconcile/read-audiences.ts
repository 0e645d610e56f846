// The audiences a plan checks references against: one paged pass over the sandbox's list, then a
// lookup of only those references the list did not answer (it hides inactive audiences), so an inactive
// audience is reported as such instead of as unknown. Nothing is read when no destination names one.
import type { AudiencePort } from "../aep/audiences.js";
import { unnamedAudienceIds } from "../domain/review/audience-names.js";
import { sizesOf } from "../domain/review/audience-sizes.js";
import { needsAudienceCheck, unresolvedReferences, type KnownAudience } from "../domain/checks/audiences.js";
import type { DesiredSandbox } from "../domain/state/desired.js";
import type { SandboxPlan } from "../domain/plan/plan.js";

export async function readAudiences(
  port: AudiencePort,
  desired: DesiredSandbox,
): Promise<{ known: KnownAudience[]; note?: string } | undefined> {
  if (!needsAudienceCheck(desired)) return undefined;
  const list = await port.listAudiences();
  const missing = unresolvedReferences(desired, list.audiences);
  const found = missing.ids.length + missing.names.length > 0 ? await port.lookUp(missing) : [];
  const listed = new Set(list.audiences.map((a) => a.id));
  return {
    known: [...list.audiences, ...found.filter((a) => !listed.has(a.id))],
    note: list.fallback,
  };
}

/**
 * Adobe's names (and sizes) for what the plan shows when readAudiences read nothing (no destination of
 * the YAML names an audience, yet the plan removes some: a flow emptied, an orphan pruned), so a reviewer
 * sees "Men over 50" and how many people stop leaving, not a bare id. Read only then, and only when the
 * plan shows one: one paged list, then a lookup of the ids it hides; the sizes come in the same answers.
 * A name is for reading only, so a refused read leaves the ids bare.
 */
export async function namesForPlan(
  port: AudiencePort,
  plan: SandboxPlan,
  names: ReadonlyMap<string, string>,
  sizes: ReadonlyMap<string, number>,
): Promise<{ names: ReadonlyMap<string, string>; sizes: ReadonlyMap<string, number> }> {
  const ids = unnamedAudienceIds(plan, names);
  if (ids.length === 0) return { names, sizes };
  try {
    const listed = (await port.listAudiences()).audiences.filter((a) => ids.includes(a.id));
    const hidden = ids.filter((id) => !listed.some((a) => a.id === id));
    const found = hidden.length > 0 ? await port.lookUp({ ids: hidden, names: [] }) : [];
    const read = [...listed, ...found];
    return {
      names: new Map([...names, ...read.map((a) => [a.id, a.name] as const)]),
      sizes: new Map([...sizes, ...sizesOf(read)]),
    };
  } catch {
    return { names, sizes };
  }
}
