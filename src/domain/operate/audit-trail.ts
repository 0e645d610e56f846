// Who did what in Adobe since this tool last wrote an object: Adobe's audit events for its asset, in
// order, with this tool's own writes left out. Pure: the events come in already read.

/** One audit event, as the aep edge maps it (help/landing/governance-privacy-security/audit-logs/api/events.md). */
export interface AuditEvent {
  /** epoch ms */
  at: number;
  /** userEmail: a person, or a technical account's address. */
  user?: string;
  /** Adobe's action: Create, Update, Delete, Enable, Disable, Segment Activate, Profile Remove, … */
  action: string;
  assetType?: string;
  assetId: string;
  assetName?: string;
  requestId?: string;
  /** What the enhanced events name beside the asset (the segment of a Segment Activate), when any. */
  detail?: string;
}

export interface TrailEntry {
  at: number;
  /** The e-mail Adobe recorded, or "an unknown user" where it recorded none. */
  who: string;
  action: string;
  detail?: string;
}

/**
 * How this tool recognises its own writes in the log: by the request id it sends with every call, which
 * Adobe records as the event's requestId and which only this client can sign (src/aep/request-id.ts); or
 * by the users configured as its identity (`audit.self` in the tool config), which Adobe records itself.
 */
export interface OwnWrites {
  /** Lower-cased e-mails: when any is given, only these users' events are this tool's. */
  users: readonly string[];
  isOwnRequestId: (requestId: string) => boolean;
}

function isOwnWrite(event: AuditEvent, own: OwnWrites): boolean {
  if (own.users.length > 0) return event.user !== undefined && own.users.includes(event.user.toLowerCase());
  return event.requestId !== undefined && own.isOwnRequestId(event.requestId);
}

/**
 * The asset's events after this tool's latest write to it (all of them when the log holds none of its
 * writes), oldest first, its own writes left out. Several ids may stand for one drifted object.
 */
export function trailOf(events: readonly AuditEvent[], assetIds: readonly string[], own: OwnWrites): TrailEntry[] {
  const ids = new Set(assetIds);
  const mine = events.filter((e) => ids.has(e.assetId)).sort((a, b) => a.at - b.at);
  let start = 0;
  mine.forEach((event, index) => {
    if (isOwnWrite(event, own)) start = index + 1;
  });
  return mine.slice(start).map((e) => ({
    at: e.at,
    who: e.user || "an unknown user",
    action: e.action,
    ...(e.detail ? { detail: e.detail } : {}),
  }));
}

/** The trails of a report: by the drifted object's ref, and one note per sandbox whose log could not be read. */
export interface AuditTrails {
  byRef: Record<string, TrailEntry[]>;
  notes: string[];
}
