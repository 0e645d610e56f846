// The reviewer reads Adobe's truth: every audience a plan shows carries Adobe's name for its id, next
// to the label the flow's selector carries (the YAML's `name`, or a removed selector's). An id written
// with another audience's name ("Newsletter subscribers" on the id of "Men over 50") would otherwise
// show the reviewer the label, not what leaves; where the two differ, a warning note says so.
// Outside the checksum: it binds audiences by id (checksum.ts), so names change nothing it hashes.
import type { AudienceRef, Change, FieldChange, Note, SandboxPlan } from "../plan/plan.js";

/** `names`: Adobe's name of each audience id the sandbox's Audiences API listed. */
export function withAdobeNames(plan: SandboxPlan, names: ReadonlyMap<string, string>): SandboxPlan {
  const named = <T extends Pick<AudienceRef, "id" | "adobeName">>(audience: T): T => {
    const adobeName = audience.adobeName ?? names.get(audience.id);
    return adobeName === undefined || adobeName === audience.adobeName ? audience : { ...audience, adobeName };
  };
  const field = (f: FieldChange): FieldChange =>
    f.field !== "audiences"
      ? f
      : {
          ...f,
          before: f.before && named(f.before as AudienceRef),
          after: f.after && named(f.after as AudienceRef),
        };
  const changes = plan.changes.map((c) =>
    c.fields.some((f) => f.field === "audiences") ? { ...c, fields: c.fields.map(field) } : c,
  );
  const egress = plan.egress.map((e) => ({
    ...e,
    audiencesAdded: e.audiencesAdded.map(named),
    audiencesRemoved: e.audiencesRemoved.map(named),
    audiencesRescheduled: e.audiencesRescheduled?.map(named),
  }));
  const notes = mislabelled(changes, egress, names);
  return { ...plan, changes, egress, ...(notes.length > 0 ? { notes: [...plan.notes, ...notes] } : {}) };
}

/** One warning per destination and audience whose YAML label, as this plan sends it, is not Adobe's name. */
function mislabelled(changes: Change[], egress: SandboxPlan["egress"], names: ReadonlyMap<string, string>): Note[] {
  const found = new Map<string, Note>();
  const check = (destination: string, id: string, label: unknown) => {
    const adobeName = names.get(id);
    if (typeof label !== "string" || adobeName === undefined || label === adobeName) return;
    found.set(`${destination}\n${id}`, {
      level: "warning",
      message: `destination '${destination}': audience ${id} is '${adobeName}' in Adobe, but the YAML calls it '${label}'. What leaves is '${adobeName}'; write name: ${adobeName}, or drop the name.`,
    });
  };
  for (const delta of egress) for (const a of delta.audiencesAdded) check(delta.destination, a.id, a.name);
  // A label the YAML changes on an audience already exported.
  for (const change of changes) {
    for (const f of change.fields) {
      const renamed = /^audiences\[(.+)\]\.name$/.exec(f.field);
      if (renamed) check(change.name, renamed[1]!, f.after);
    }
  }
  return [...found.values()];
}

/**
 * The audience ids the plan shows without Adobe's name and `names` does not hold: those of a flow whose
 * YAML lists no audience any more (or of a pruned orphan), for which no name was read before planning.
 */
export function unnamedAudienceIds(plan: SandboxPlan, names: ReadonlyMap<string, string>): string[] {
  const refs: Pick<AudienceRef, "id" | "adobeName">[] = [
    ...plan.changes.flatMap((c) =>
      c.fields.flatMap((f) => (f.field === "audiences" ? [(f.after ?? f.before) as AudienceRef] : [])),
    ),
    ...plan.egress.flatMap((e) => [...e.audiencesAdded, ...e.audiencesRemoved, ...(e.audiencesRescheduled ?? [])]),
  ];
  return [...new Set(refs.filter((a) => a.adobeName === undefined && !names.has(a.id)).map((a) => a.id))];
}
