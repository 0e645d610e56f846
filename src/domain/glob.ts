// Globs in the tool config and on the command line (`partner-*`, `personalEmail.*`, `core/C*`), by
// picomatch: `*` is any run of characters but `/` (so a data-usage label's `core/` stays a prefix),
// `?` one character, `{a,b}` either. Matched against the whole value.
import picomatch from "picomatch";

export function globMatcher(
  patterns: string | readonly string[],
  options: { ignoreCase?: boolean } = {},
): (value: string) => boolean {
  const list = typeof patterns === "string" ? [patterns] : [...patterns];
  if (list.length === 0) return () => false;
  return picomatch(list, { dot: true, nocase: options.ignoreCase ?? false });
}
