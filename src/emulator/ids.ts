// Identifiers: object ids are random UUIDs; sandbox ids are derived from org and name so they stay
// stable across restarts; etags follow Adobe's `"xxxxxxxx-0000-0200-0000-<hex8>0000"` shape.
import { createHash, randomBytes, randomUUID } from "node:crypto";

export function newId(): string {
  return randomUUID();
}

/** A stable UUID-shaped id for a name, so a sandbox keeps its id across restarts. */
export function stableUuid(...parts: string[]): string {
  const hex = createHash("sha1").update(parts.join("\u0000")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A new etag. The JSON value contains literal double quotes, as Adobe's does; the first group is random,
 * the last one encodes the current epoch seconds like Cosmos DB etags that Adobe exposes.
 */
export function newEtag(previous?: string, now = Date.now()): string {
  for (;;) {
    const seconds = Math.floor(now / 1000)
      .toString(16)
      .padStart(8, "0")
      .slice(-8);
    const etag = `"${randomBytes(4).toString("hex")}-0000-0200-0000-${seconds}0000"`;
    if (etag !== previous) return etag;
  }
}
