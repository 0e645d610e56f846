// The audiences a plan checks references against: one paged pass over the sandbox's list, then a
// lookup of only those references the list did not answer (it hides inactive audiences), so an inactive
// audience is reported as such instead of as unknown. Nothing is read when no destination names one.
import type { AudiencePort } from "../aep/audiences.js";
import { needsAudienceCheck, unresolvedReferences, type KnownAudience } from "../domain/audiences.js";
import type { DesiredSandbox } from "../domain/desired.js";

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
    ...(list.fallback ? { note: list.fallback } : {}),
  };
}
