// The last line of a plan comment carries the checksum the apply job reads back: `aep-gitops apply
// --expect-checksum` then refuses a fresh plan that differs from the one reviewers saw. Only the
// Action reads it back (src/github/comment-records.ts), and only from its own comment's last line.

export function checksumLine(checksum: string): string {
  return `Plan checksum: \`${checksum}\``;
}

/** One whole line, so escaped user text (where backticks carry a backslash) cannot fake it. */
export const CHECKSUM_LINE = /^Plan checksum: `([0-9a-f]{64})`[ \t]*$/;
