// Checks of a body against the seeded specs: the spec reference itself (unknown id → 1413 with Adobe's
// "Please provide a valid spec id" message; missing version → 422), and credentials against the authSpec.
import { authProblems } from "./credentials.js";
import { ApiError, flowError } from "./errors.js";
import type { SpecCatalog } from "./spec-catalog.js";
import type { ConnectionSpec, FlowSpec } from "./specs.js";

/** Resolves a `connectionSpec: {id, version}` reference in the emulator's catalog or throws Adobe's errors. */
export function connectionSpecOrThrow(ref: unknown, catalog: SpecCatalog): ConnectionSpec {
  return resolve(ref, "connectionSpec", (id) => catalog.connection(id));
}

/** Resolves a `flowSpec: {id, version}` reference in the emulator's catalog or throws Adobe's errors. */
export function flowSpecOrThrow(ref: unknown, catalog: SpecCatalog): FlowSpec {
  return resolve(ref, "flowSpec", (id) => catalog.flow(id));
}

function resolve<T extends { id: string; version: string }>(
  ref: unknown,
  field: string,
  lookup: (id: unknown) => T | undefined,
): T {
  const { id, version } = (ref ?? {}) as { id?: unknown; version?: unknown };
  const spec = lookup(id);
  if (!spec) {
    throw flowError(
      1413,
      400,
      "Bad request",
      `Spec ID ${String(id)} in '${field}.id' is invalid. Please provide a valid spec id.`,
      { field: `${field}.id` },
      { message: "Please provide a valid spec id" },
    );
  }
  if (version === undefined) {
    throw flowError(
      1413,
      422,
      "Unprocessable entity",
      `'${field}.version' is required (spec ${spec.id} has version ${spec.version}).`,
      { field: `${field}.version` },
    );
  }
  if (version !== spec.version) {
    throw flowError(
      1413,
      400,
      "Bad request",
      `Version ${String(version)} of spec ${spec.id} in '${field}.version' is invalid; the spec's version is ${spec.version}.`,
      { field: `${field}.version` },
    );
  }
  return spec;
}

export function credentialsOrThrow(spec: ConnectionSpec, auth: unknown): void {
  const problems = authProblems(spec, auth);
  if (!problems) return;
  const title = problems.code === 1415 ? "Auth spec not found" : "Invalid params";
  const error: ApiError = flowError(
    problems.code,
    400,
    title,
    `Invalid credentials for ${spec.name}: ${problems.messages.join("; ")}.`,
    { errors: problems.messages },
  );
  throw error;
}
