// The reviewed-plan checksum: a sha256 over what a plan *means*, so that an apply can prove it does what
// a reviewer saw. Per change: the object's identity, the action, and each field change with the
// identities involved (audience ids, attribute paths, param values, state, names, descriptions,
// credential references); per destination, what starts or stops leaving the company, and when (an
// audience's schedule: the dates an added audience gets, a kept one's before and after). Never an array
// index, an etag or a credential value: a reorder in Adobe's UI leaves it as it is, a swapped audience
// changes it, and a plan made without the destination secrets has the same checksum as one with them.
// A partial plan binds its filter too. docs/design.md ("The checksum's canonical form") writes the form down.
import { canonicalJson, sha256 } from "./canonical.js";
import type { Change, EgressDelta, FieldChange, SandboxPlan } from "../plan/plan.js";

/** Bumped whenever the canonical form changes: an old checksum can then never match a new one. */
export const CHECKSUM_FORM = "aep-gitops.checksum/v3";

export function planChecksum(sandboxes: SandboxPlan[]): string {
  return sha256(canonicalJson(canonicalPlan(sandboxes)));
}

export function canonicalPlan(sandboxes: SandboxPlan[]) {
  return {
    form: CHECKSUM_FORM,
    sandboxes: sandboxes.map((s) => ({
      sandbox: s.sandbox,
      // A partial plan (--destination) is not the full one, even where their changes agree. Only
      // present when filtered (canonicalJson drops what is undefined), so every full plan keeps the
      // checksum it had.
      filter: s.filter,
      changes: s.changes.filter(hashed).map(canonicalChange),
      // An orphan that still exports is reported, not changed: live state apply does not touch.
      egress: s.egress.filter((e) => e.status !== "still-exporting").map(canonicalEgress),
    })),
  };
}

/**
 * Orphans make no call, and a write that only rotates credentials carries nothing a reviewer can see
 * (the values are write-only; a pull request's plan may not even have them): neither is part of the
 * meaning bound by review. A rotation is reported by the apply that makes it.
 */
function hashed(change: Change): boolean {
  if (change.action === "orphan") return false;
  return !(change.action === "update" && change.fields.length === 0 && change.credentials !== undefined);
}

function canonicalChange(change: Change) {
  return {
    action: change.action,
    resource: change.resource,
    name: change.name,
    liveId: change.liveId,
    duplicate: change.action === "delete" ? change.duplicate : undefined,
    dependsOn: [...change.dependsOn].sort(),
    fields: sortedByJson(change.fields.map(canonicalField)),
    credentialRefs: bindsCredentialRefs(change) ? change.credentialRefs : undefined,
  };
}

/**
 * A create's credentials and a switch of their variables are known without the secrets, so they are
 * bound; a rotation found by fingerprint exists only where the secrets are (apply), so it is not.
 */
function bindsCredentialRefs(change: Change): boolean {
  return change.action === "create" || change.fields.some((f) => f.field.startsWith("credentials."));
}

/** Selector items are known by their identity: an audience by its id (its name is a label), an attribute by its path. */
function canonicalField(field: FieldChange): FieldChange {
  const identity = (value: unknown) =>
    field.field === "audiences" && value && typeof value === "object" ? { id: (value as { id: string }).id } : value;
  return {
    field: field.field,
    before: identity(field.before),
    after: identity(field.after),
  };
}

function canonicalEgress(delta: EgressDelta) {
  const ids = (audiences: { id: string }[]) => audiences.map((a) => a.id).sort();
  // When data leaves: each scheduled audience by id, with its dates (an added one has no before).
  const schedules = [
    ...delta.audiencesAdded.flatMap((a) => (a.schedule ? [{ id: a.id, after: a.schedule }] : [])),
    ...(delta.audiencesRescheduled ?? []).map((a) => ({
      id: a.id,
      before: a.before,
      after: a.after,
    })),
  ];
  return {
    destination: delta.destination,
    status: delta.status,
    state: delta.state,
    target: delta.target,
    audiencesAdded: ids(delta.audiencesAdded),
    audiencesRemoved: ids(delta.audiencesRemoved),
    attributesAdded: [...delta.attributesAdded].sort(),
    attributesRemoved: [...delta.attributesRemoved].sort(),
    ...(schedules.length > 0 ? { schedules: sortedByJson(schedules) } : {}),
  };
}

function sortedByJson<T>(items: T[]): T[] {
  return items
    .map((item) => [canonicalJson(item), item] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, item]) => item);
}
