// `--destination PATTERN` at the application layer, for every command that narrows itself to some
// destinations (plan, apply, drift, preview, status) and for the Action: the patterns are checked
// before anything is read, each sandbox's desired state is narrowed (src/domain/plan/destination-filter.ts),
// and a pattern that matches no destination is a usage error naming it and the nearest names.
import type { DesiredSandbox } from "../domain/state/desired.js";
import {
  destinationMatcher,
  destinationNames,
  narrowDesired,
  normalizedPatterns,
  patternProblem,
  unmatchedPatterns,
} from "../domain/plan/destination-filter.js";
import { didYouMean } from "../domain/match/did-you-mean.js";
import type { LiveSandbox } from "../domain/state/live.js";
import { AppError } from "../errors.js";

/** The patterns of a command, checked (a bad glob is a usage error); undefined when it is not narrowed. */
export function destinationPatterns(values: readonly string[] | string | undefined): string[] | undefined {
  const patterns = values === undefined ? [] : typeof values === "string" ? [values] : values;
  if (patterns.length === 0) return undefined;
  for (const pattern of patterns) {
    const problem = patternProblem(pattern);
    if (problem)
      throw new AppError("usage", `--destination '${pattern}' is not a pattern aep-gitops reads: ${problem}.`, {
        hint: HINT,
      });
  }
  return normalizedPatterns(patterns);
}

/** Each sandbox's desired state narrowed to the patterns (the sandboxes as they are without patterns). */
export function narrowSandboxes<T extends { desired: DesiredSandbox }>(
  sandboxes: T[],
  patterns: string[] | undefined,
): T[] {
  if (!patterns) return sandboxes;
  return sandboxes.map((sandbox) => ({ ...sandbox, desired: narrowDesired(sandbox.desired, patterns) }));
}

/**
 * Refuses a pattern that matches no destination of the command: one the YAML declares, or (when the live
 * state was read) one Adobe holds as managed, which a filtered plan may list or prune.

 */
export function assertPatternsMatch(
  patterns: string[] | undefined,
  desired: readonly DesiredSandbox[],
  lives: readonly (LiveSandbox | undefined)[] = [],
): void {
  if (!patterns) return;
  const names = [...new Set(desired.flatMap((d, i) => destinationNames(d, lives[i])))];
  const missed = unmatchedPatterns(patterns, names);
  if (missed.length === 0) return;
  const sandboxes = desired.map((d) => `'${d.sandbox}'`).join(", ");
  const where = `in sandbox${desired.length === 1 ? "" : "s"} ${sandboxes}`;
  const lines = missed.map(({ pattern, nearest }) => {
    const what = /[*?{]/.test(pattern) ? `No destination matches '${pattern}'` : `No destination named '${pattern}'`;
    return `${what} ${where}${nearest.length > 0 ? ` (nearest: ${nearest.join(", ")})` : " (the YAML declares none)"}.`;
  });
  // A plain name close enough to one is a typo: say which (the nearest names are in the message).
  const close = didYouMean(missed[0]!.pattern, names);
  throw new AppError("usage", lines.join("\n"), { hint: close ? `Did you mean '${close}'? ${HINT}` : HINT });
}

const HINT =
  "--destination takes a destination's YAML name, its ref (flow/NAME), or a glob of them (* any run of characters, ? one, {a,b} either); repeat it for more.";

/**
 * The filter as a predicate over (sandbox, destination name), for a command that reports on the YAML's
 * destinations without planning (`status`): patterns checked, and each must match a YAML destination.
 * Undefined without patterns: every destination.
 */
export function destinationScope(
  desired: readonly DesiredSandbox[],
  values: readonly string[] | string | undefined,
): ((sandbox: string, destination: string) => boolean) | undefined {
  const patterns = destinationPatterns(values);
  if (!patterns) return undefined;
  assertPatternsMatch(patterns, desired);
  const matches = destinationMatcher(patterns);
  return (_sandbox, destination) => matches(destination);
}
