// The last line of a plan comment carries the checksum the apply job reads back: `aep-gitops apply
// --expect-checksum` then refuses a fresh plan that differs from the one reviewers saw.

export function checksumLine(checksum: string): string {
  return `Plan checksum: \`${checksum}\``;
}

/** Anchored to a whole line, so escaped user text (where backticks carry a backslash) cannot fake it. */
export const CHECKSUM_LINE = /^Plan checksum: `([0-9a-f]{64})`[ \t]*$/gm;

/** The checksum of the last checksum line in a comment body; undefined when there is none. */
export function parseChecksumFromComment(body: string): string | undefined {
  let found: string | undefined;
  for (const match of body.matchAll(CHECKSUM_LINE)) found = match[1];
  return found;
}
