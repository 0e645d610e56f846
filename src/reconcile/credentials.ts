// Credentials at apply time: filled into the reviewed calls from the environment, and fingerprinted.
//
// Filling a reviewed call in at execution time: ids of objects created earlier in this apply
// (`{{ref.id}}`) and credentials from the environment (`${env:NAME}`). The plan itself never holds
// either, which is what keeps secrets out of plans and checksums stable. Credentials are filled in
// their two places only (a create's auth.params, a PATCH of /auth/params): no other string of any
// body is ever read from the environment, whatever it looks like.
import { AppError } from "../errors.js";
import { createHmac } from "node:crypto";
import { canonicalJson } from "../domain/review/canonical.js";
import type { DesiredAccount } from "../domain/state/desired.js";

const REF = /\{\{([^{}]+)\.id\}\}/g;
const ENV = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;

export function fillRefs<T>(value: T, ids: ReadonlyMap<string, string>): T {
  return map(value, (text) =>
    text.replace(REF, (_, ref: string) => {
      const id = ids.get(ref);
      if (id === undefined) throw new Error(`no id for ${ref}: its create did not run`);
      return id;
    }),
  ) as T;
}

/** Resolves the `${env:NAME}` values of a body's credential params; everything else is left as it is. */
export function fillEnv<T>(body: T, env: Record<string, string | undefined>): T {
  return withCredentialParams(body, (params) =>
    Object.fromEntries(Object.entries(params).map(([field, value]) => [field, resolve(value, env)])),
  ) as T;
}

/** The variable names of the `${env:NAME}` credential params of a call body. */
export function envReferences(body: unknown): string[] {
  const names: string[] = [];
  withCredentialParams(body, (params) => {
    for (const value of Object.values(params)) {
      const match = typeof value === "string" ? ENV.exec(value) : null;
      if (match) names.push(match[1]!);
    }
    return params;
  });
  return names;
}

type Params = Record<string, unknown>;

/** Rewrites the credential params of a create (`auth.params`) or of a PATCH op on `/auth/params`. */
function withCredentialParams(body: unknown, fn: (params: Params) => Params): unknown {
  if (Array.isArray(body))
    return body.map((op: unknown) =>
      isRecord(op) && op.path === "/auth/params" && isRecord(op.value) ? { ...op, value: fn(op.value) } : op,
    );
  if (isRecord(body) && isRecord(body.auth) && isRecord(body.auth.params))
    return { ...body, auth: { ...body.auth, params: fn(body.auth.params) } };
  return body;
}

function resolve(value: unknown, env: Record<string, string | undefined>): unknown {
  const match = typeof value === "string" ? ENV.exec(value) : null;
  if (!match) return value;
  const resolved = env[match[1]!];
  if (resolved === undefined || resolved === "") {
    throw new AppError("config", `The environment variable ${match[1]} is not set, and a credential refers to it.`, {
      hint: `Set ${match[1]} in the environment of this run (in GitHub, as a secret passed to the job).`,
    });
  }
  return resolved;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function map(value: unknown, fn: (text: string) => string): unknown {
  if (typeof value === "string") return fn(value);
  if (Array.isArray(value)) return value.map((item) => map(item, fn));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, map(item, fn)]));
  }
  return value;
}

// Credential fingerprints: an HMAC of the resolved credentials, stored in the account's ownership
// marker, so rotation is detected without reading a secret back from Adobe (it masks them) and
// without storing anything that lets someone recover or brute-force the secret: the HMAC key is a
// secret of its own (AEP_GITOPS_FINGERPRINT_KEY, else the IMS client secret) that Adobe never sees.
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
