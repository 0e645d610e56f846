// Ownership: every object aep-gitops creates carries a marker in its description, set in the create
// call itself (so a crash can never leave an unmarked object of ours behind). Only marked objects are
// updated or deleted; an unmarked object with a desired name is someone else's and is never taken over
// silently. Accounts also carry a keyed fingerprint of their credentials, so rotation is detectable
// without reading (or storing) the secret: see reconcile/fingerprint.ts.

export type OwnerKind = "account" | "destination" | "profile";

export interface Owner {
  kind: OwnerKind;
  name: string;
  /** Accounts only: HMAC of the credentials that were last written. */
  fingerprint?: string;
  /**
   * Accounts only: credential field → the environment variable it was last written from. Names, never
   * values: a plan compares them with the YAML's, so switching a credential to another variable is a
   * change a pull request shows and its checksum binds, even when the plan runs without the secrets.
   */
  refs?: Record<string, string>;
}

const MARKER =
  /\n*\[managed by aep-gitops: (account|destination|profile)\/([A-Za-z0-9._-]+)(?: fp=([0-9a-f]{8,64}))?(?: refs=([A-Za-z0-9_:,]*))?\]\s*$/;

export function formatMarker(owner: Owner): string {
  const fp = owner.fingerprint ? ` fp=${owner.fingerprint}` : "";
  const refs = owner.refs ? ` refs=${formatRefs(owner.refs)}` : "";
  return `[managed by aep-gitops: ${owner.kind}/${owner.name}${fp}${refs}]`;
}

/** `secretKey:KINESIS_SECRET_KEY,sasKey:HUB_KEY`, by field: one stable form for the same references. */
function formatRefs(refs: Record<string, string>): string {
  return Object.keys(refs)
    .sort()
    .map((field) => `${field}:${refs[field]}`)
    .join(",");
}

function parseRefs(text: string): Record<string, string> {
  const refs: Record<string, string> = {};
  for (const pair of text.split(",").filter(Boolean)) {
    const [field, name] = pair.split(":");
    if (field && name) refs[field] = name;
  }
  return refs;
}

/** The description as sent to Adobe: the user's text, a blank line, the marker. */
export function markedDescription(description: string | undefined, owner: Owner): string {
  const text = (description ?? "").trim();
  return text ? `${text}\n\n${formatMarker(owner)}` : formatMarker(owner);
}

/** Splits a live description into the user's text and the marker (if any). */
export function parseDescription(description: string | undefined): { text: string; owner?: Owner } {
  const value = description ?? "";
  const match = MARKER.exec(value);
  if (!match) return { text: value.trim() };
  const owner: Owner = { kind: match[1] as OwnerKind, name: match[2]! };
  if (match[3]) owner.fingerprint = match[3];
  if (match[4] !== undefined) owner.refs = parseRefs(match[4]);
  return { text: value.slice(0, match.index).trim(), owner };
}
