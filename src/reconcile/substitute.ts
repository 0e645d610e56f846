// Filling a reviewed call in at execution time: ids of objects created earlier in this apply
// (`{{ref.id}}`) and credentials from the environment (`${env:NAME}`). The plan itself never holds
// either, which is what keeps secrets out of plans and checksums stable.
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

/** Resolves `${env:NAME}` values (credential params are the only place they occur). */
export function fillEnv<T>(value: T, env: Record<string, string | undefined>): T {
  return map(value, (text) => {
    const match = ENV.exec(text);
    if (!match) return text;
    const resolved = env[match[1]!];
    if (resolved === undefined || resolved === "") {
      throw new AppError("config", `The environment variable ${match[1]} is not set, and a credential refers to it.`, {
        hint: `Set ${match[1]} in the environment of this run (in GitHub, as a secret passed to the job).`,
      });
    }
    return resolved;
  }) as T;
}

/** The variable names of every `${env:NAME}` value in a call body. */
export function envReferences(value: unknown): string[] {
  const names: string[] = [];
  map(value, (text) => {
    const match = ENV.exec(text);
    if (match) names.push(match[1]!);
    return text;
  });
  return names;
}

function map(value: unknown, fn: (text: string) => string): unknown {
  if (typeof value === "string") return fn(value);
  if (Array.isArray(value)) return value.map((item) => map(item, fn));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, map(item, fn)]));
  }
  return value;
}
