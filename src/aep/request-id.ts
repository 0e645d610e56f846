// The x-request-id every call carries: `aep-gitops-<uuid>.<signature>`. Adobe lets the caller give this
// tracing id (audit-query.yaml) and records it as an audit event's requestId, which is how a drift
// report tells this tool's writes from other people's. The signature is an HMAC of the uuid under a key
// derived from the client secret, so another client (Adobe's UI, a script on another integration, even
// one using this tool's code) cannot make an id that passes for ours without our secret.
import { createHash, createHmac, randomUUID, timingSafeEqual } from "node:crypto";

const PREFIX = "aep-gitops-";
const SIGNATURE_HEX = 16;

function keyOf(clientSecret: string): Buffer {
  return createHash("sha256").update(`aep-gitops request id\0${clientSecret}`).digest();
}

function sign(key: Buffer, uuid: string): string {
  return createHmac("sha256", key).update(uuid).digest("hex").slice(0, SIGNATURE_HEX);
}

/** Makes request ids signed for this client, and tells whether an id was made by it. */
export function requestIds(clientSecret: string): { next(): string; isOwn(id: string): boolean } {
  const key = keyOf(clientSecret);
  return {
    next() {
      const uuid = randomUUID().replace(/-/g, "");
      return `${PREFIX}${uuid}.${sign(key, uuid)}`;
    },
    isOwn(id) {
      const match = /^aep-gitops-([0-9a-f]{32})\.([0-9a-f]{16})$/.exec(id);
      if (!match) return false;
      return timingSafeEqual(Buffer.from(sign(key, match[1]!)), Buffer.from(match[2]!));
    },
  };
}
