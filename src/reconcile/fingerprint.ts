// Credential fingerprints: an HMAC of the resolved credentials, stored in the account's ownership
// marker, so rotation is detected without reading a secret back from Adobe (it masks them) and
// without storing anything that lets someone recover or brute-force the secret: the HMAC key is a
// secret of its own (AEP_GITOPS_FINGERPRINT_KEY, else the IMS client secret) that Adobe never sees.
import { createHmac } from "node:crypto";
import { canonicalJson } from "../domain/review/canonical.js";
import type { DesiredAccount } from "../domain/state/desired.js";

export type Env = Record<string, string | undefined>;

/** Resolves an account's credentials; undefined when a referenced variable is not set. */
export function resolveCredentials(account: DesiredAccount, env: Env): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [field, value] of Object.entries(account.credentials)) {
    const resolved = "env" in value ? env[value.env] : value.literal;
    if (resolved === undefined || resolved === "") return undefined;
    out[field] = resolved;
  }
  return out;
}

export function fingerprintKey(env: Env): string | undefined {
  return env.AEP_GITOPS_FINGERPRINT_KEY || env.AEP_CLIENT_SECRET || undefined;
}

export function fingerprint(account: DesiredAccount, env: Env): string | undefined {
  const key = fingerprintKey(env);
  const credentials = resolveCredentials(account, env);
  if (!key || !credentials) return undefined;
  return createHmac("sha256", key)
    .update(`aep-gitops/v1\0${account.type}\0${canonicalJson(credentials)}`)
    .digest("hex")
    .slice(0, 32);
}

export function fingerprints(accounts: DesiredAccount[], env: Env): Record<string, string | undefined> {
  return Object.fromEntries(accounts.map((a) => [a.name, fingerprint(a, env)]));
}
