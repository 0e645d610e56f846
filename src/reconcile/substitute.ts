// Filling a reviewed call in at execution time: ids of objects created earlier in this apply
// (`{{ref.id}}`) and credentials from the environment (`${env:NAME}`). The plan itself never holds
// either, which is what keeps secrets out of plans and checksums stable. Credentials are filled in
// their two places only (a create's auth.params, a PATCH of /auth/params): no other string of any
// body is ever read from the environment, whatever it looks like.
import { AppError } from "../errors.js";

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
