// How environment references are written, read and repaired. Secrets never live in Git: only the
// reference does. Which credential fields are secret is each destination type's fact (its registry
// entry, held against the schema's writeOnly fields by a test).

/**
 * The one accepted form, `${env:NAME}` as the whole value: the schema's
 * `definitions.secretReference.pattern`, which a test holds this equal to.
 */
export const ENV_REFERENCE_PATTERN = "^\\$\\{env:[A-Za-z_][A-Za-z0-9_]*\\}$";
const ENV_REFERENCE = new RegExp(ENV_REFERENCE_PATTERN);

/** The variable name of a well-formed `${env:NAME}` reference, else undefined. */
export function envReferenceName(value: string): string | undefined {
  return ENV_REFERENCE.test(value) ? value.slice("${env:".length, -1) : undefined;
}

/** True for values that were meant as a reference (`$NAME`, `${NAME}`, `${ENV:x}`…), well-formed or not. */
export function looksLikeEnvReference(value: string): boolean {
  return value.startsWith("$") || value.includes("${");
}

/**
 * The well-formed reference a malformed one most likely meant, when its variable name can be read
 * from explicit markers (`${NAME}`, `${ENV:NAME}`, `$env:NAME`); a bare `$…` could be a secret itself,
 * so nothing is echoed for it.
 */
export function repairEnvReference(value: string): string | undefined {
  const match = /^\$(?:\{\s*(?:env\s*[:.]\s*)?([A-Za-z_][A-Za-z0-9_]*)\s*\}|env:([A-Za-z_][A-Za-z0-9_]*))$/i.exec(
    value.trim(),
  );
  const name = match?.[1] ?? match?.[2];
  return name ? `\${env:${name}}` : undefined;
}
