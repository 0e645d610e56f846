// Credentials are write-only: `format: password` fields of the connection's auth spec are masked on every
// read ("***"), and the mask is refused as a value so a client cannot store it back by accident. (At rest
// they are digests: see secrets.ts.)
import type { SpecCatalog } from "./spec-catalog.js";
import { secretFields, type ConnectionSpec } from "./specs.js";
import { validateAgainstSpec } from "./validation.js";
import type { Entity } from "./types.js";
import { isPlainObject } from "./types.js";

export const SECRET_MASK = "***";

/** The object as served to API clients: secrets replaced by the mask. */
export function maskSecrets(entity: Entity, catalog: SpecCatalog): Entity {
  const auth = entity.auth;
  if (!isPlainObject(auth) || !isPlainObject(auth.params)) return entity;
  const secrets = secretFields(
    catalog.connection((entity.connectionSpec as { id?: unknown } | undefined)?.id),
    auth.specName,
  );
  if (secrets.length === 0) return entity;
  const params = { ...auth.params };
  for (const name of secrets) if (name in params) params[name] = SECRET_MASK;
  return { ...entity, auth: { ...auth, params } };
}

/** Checks `auth` against the spec's authSpec: the named auth spec must exist and its params validate. */
export function authProblems(spec: ConnectionSpec, auth: unknown): { code: number; messages: string[] } | undefined {
  if (spec.authSpec.length === 0) {
    return auth === undefined
      ? undefined
      : {
          code: 1451,
          messages: [`'auth' is not allowed: connection spec ${spec.id} (${spec.name}) takes no credentials`],
        };
  }
  if (!isPlainObject(auth))
    return { code: 1451, messages: [`'auth' is required for connection spec ${spec.id} (${spec.name})`] };
  const authSpec = spec.authSpec.find((a) => a.name === auth.specName);
  if (!authSpec) {
    const names = spec.authSpec.map((a) => `'${a.name}'`).join(", ");
    return {
      code: 1415,
      messages: [
        `Auth spec '${String(auth.specName)}' not found for connection spec ID ${spec.id}. Known auth specs: ${names}`,
      ],
    };
  }
  const messages = validateAgainstSpec(authSpec.spec, auth.params, "auth.params");
  const params = isPlainObject(auth.params) ? auth.params : {};
  for (const name of secretFields(spec, auth.specName)) {
    if (params[name] === SECRET_MASK)
      messages.push(`'auth.params.${name}' is the mask '${SECRET_MASK}' that reads return; send the real secret`);
  }
  return messages.length > 0 ? { code: 1451, messages } : undefined;
}
