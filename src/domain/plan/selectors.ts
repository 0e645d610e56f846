// The flow's transformations as JSON: the empty ones a create sends, and the minimal RFC 6902 patch that
// turns the live selectors into the desired ones (a create's PATCH starts from empty). Items are matched
// by identity (audience id, attribute path), never by position, so reordering in YAML or in Adobe's UI is
// not a change. A selector that changes is sent back as Adobe holds it with only the fields the YAML
// sets changed (its name, its schedule's dates): update-destination-dataflows.md asks for "all the
// audience information in the payload", and what the UI or another client set there (a schedule, a
// mapping id) is not ours to drop.
import type { AudienceSchedule } from "../state/desired.js";
import type { AudienceRef, AudienceRescheduled } from "./plan.js";
import type { LiveAttributeSelector, LiveAudienceSelector } from "../state/live.js";

const SEGMENTS = "/transformations/0/params/segmentSelectors/selectors";
const PROFILE = "/transformations/0/params/profileSelectors/selectors";

export interface PatchOp {
  op: "add" | "replace" | "remove";
  path: string;
  value?: unknown;
}

export function audienceSelector(audience: AudienceRef): unknown {
  const value: Record<string, unknown> = { id: audience.id };
  if (audience.name !== undefined) value.name = audience.name;
  if (audience.schedule !== undefined) value.schedule = withDates(undefined, audience.schedule);
  return { type: "PLATFORM_SEGMENT", value };
}

/** Whether the live selector's dates are the ones the YAML sets. */
export function sameSchedule(wanted: AudienceSchedule, live: AudienceSchedule | undefined): boolean {
  return wanted.startDate === live?.startDate && wanted.endDate === live?.endDate;
}

export function attributeSelector(path: string): unknown {
  return { type: "JSON_PATH", value: { path } };
}

export function transformations(audiences: AudienceRef[], attributes: string[]): unknown[] {
  return [
    {
      name: "GeneralTransform",
      params: {
        profileSelectors: { selectors: attributes.map(attributeSelector) },
        segmentSelectors: { selectors: audiences.map(audienceSelector) },
      },
    },
  ];
}

export interface SelectorDiff {
  ops: PatchOp[];
  audiencesAdded: AudienceRef[];
  audiencesRemoved: AudienceRef[];
  audiencesRenamed: { id: string; before?: string; after: string }[];
  audiencesRescheduled: AudienceRescheduled[];
  attributesAdded: string[];
  attributesRemoved: string[];
}

/**
 * Ops are ordered so that every index is valid when RFC 6902 applies them one after another:
 * replaces first (nothing has moved yet), then removes in descending index order (a remove only
 * shifts what comes after it), then adds appended with `/-`.
 */
export function diffSelectors(
  live: { audiences: LiveAudienceSelector[]; attributes: LiveAttributeSelector[] },
  desired: { audiences: AudienceRef[]; attributes: string[] },
): SelectorDiff {
  const replaces: PatchOp[] = [];
  const removes: { index: number; op: PatchOp }[] = [];
  const adds: PatchOp[] = [];
  const diff: SelectorDiff = {
    ops: [],
    audiencesAdded: [],
    audiencesRemoved: [],
    audiencesRenamed: [],
    audiencesRescheduled: [],
    attributesAdded: [],
    attributesRemoved: [],
  };

  const wantedAudiences = new Map(desired.audiences.map((a) => [a.id, a]));
  const seenAudiences = new Set<string>();
  live.audiences.forEach((selector, index) => {
    const wanted = wantedAudiences.get(selector.id);
    if (!wanted || seenAudiences.has(selector.id)) {
      // Not desired, or a duplicate of one already kept: both go.
      removes.push({ index, op: removeOp(`${SEGMENTS}/${index}`, selector.item ?? audienceSelector(selector)) });
      if (!wanted)
        diff.audiencesRemoved.push(
          selector.name === undefined ? { id: selector.id } : { id: selector.id, name: selector.name },
        );
      return;
    }
    seenAudiences.add(selector.id);
    // A name or a schedule in YAML is kept in sync; one the YAML leaves out is Adobe's, left as it is.
    const renamed = wanted.name !== undefined && wanted.name !== selector.name;
    const rescheduled = wanted.schedule !== undefined && !sameSchedule(wanted.schedule, selector.schedule);
    if (!renamed && !rescheduled) return;
    replaces.push({ op: "replace", path: `${SEGMENTS}/${index}`, value: updatedSelector(selector, wanted) });
    if (renamed) diff.audiencesRenamed.push({ id: wanted.id, before: selector.name, after: wanted.name! });
    if (rescheduled) {
      const name = wanted.name ?? selector.name;
      diff.audiencesRescheduled.push({
        id: wanted.id,
        name,
        adobeName: wanted.adobeName,
        before: selector.schedule,
        after: wanted.schedule!,
      });
    }
  });
  for (const audience of desired.audiences) {
    if (seenAudiences.has(audience.id)) continue;
    adds.push({ op: "add", path: `${SEGMENTS}/-`, value: audienceSelector(audience) });
    diff.audiencesAdded.push(audience);
    seenAudiences.add(audience.id);
  }

  const wantedPaths = new Set(desired.attributes);
  const seenPaths = new Set<string>();
  live.attributes.forEach((selector, index) => {
    if (!wantedPaths.has(selector.path) || seenPaths.has(selector.path)) {
      removes.push({
        index: index + OFFSET,
        op: removeOp(`${PROFILE}/${index}`, selector.item ?? attributeSelector(selector.path)),
      });
      if (!wantedPaths.has(selector.path)) diff.attributesRemoved.push(selector.path);
      return;
    }
    seenPaths.add(selector.path);
  });
  for (const path of desired.attributes) {
    if (seenPaths.has(path)) continue;
    adds.push({ op: "add", path: `${PROFILE}/-`, value: attributeSelector(path) });
    diff.attributesAdded.push(path);
    seenPaths.add(path);
  }

  // The two arrays are independent; sorting by (array, index) descending keeps each array's removes
  // in descending order, which is all RFC 6902 needs.
  removes.sort((a, b) => b.index - a.index);
  diff.ops = [...replaces, ...removes.map((r) => r.op), ...adds];
  return diff;
}

/** The live selector with the fields the YAML sets (name, schedule dates) changed and nothing else. */
function updatedSelector(selector: LiveAudienceSelector, wanted: AudienceRef): unknown {
  const fallback = { id: selector.id, name: selector.name };
  const item = isRecord(selector.item) ? selector.item : { type: "PLATFORM_SEGMENT" };
  const value: Record<string, unknown> = isRecord(item.value) ? { ...item.value } : fallback;
  if (wanted.name !== undefined) value.name = wanted.name;
  if (wanted.schedule !== undefined) value.schedule = withDates(value.schedule, wanted.schedule);
  return { ...item, value };
}

/** A schedule with the YAML's dates; anything else in it stays. No end date in YAML: none is sent. */
function withDates(live: unknown, dates: AudienceSchedule): Record<string, unknown> {
  const schedule: Record<string, unknown> = isRecord(live) ? { ...live } : {};
  for (const key of ["startDate", "endDate"] as const) {
    if (dates[key] === undefined) delete schedule[key];
    else schedule[key] = dates[key];
  }
  return schedule;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * RFC 6902 needs no value on a remove, but both of Adobe's specs require one on every op and every
 * Adobe example sends one: the item being removed, as Adobe holds it.
 */
function removeOp(path: string, value: unknown): PatchOp {
  return { op: "remove", path, value };
}

/** Profile-selector removes sort apart from segment-selector removes (any offset above a guardrail works). */
const OFFSET = 1_000_000;
