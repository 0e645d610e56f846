// GitHub rejects a comment body over 65,536 characters; silently cut comments (safe-settings #989)
// hide the end of a plan without saying so. fitComment cuts explicitly: only where a line ends outside
// a code fence, closing any <details> still open, and says how much is missing and where the rest is.
// The hidden marker (first line) and the checksum line (last) always survive: the sticky comment is
// found by the one, and the apply job reads the other back.
//
// Length is counted in UTF-16 code units (JavaScript's string length), which is how GitHub counts the
// limit; an emoji counts as two, so we never undercount.
import { CHECKSUM_LINE } from "./checksum-line.js";

export const GITHUB_COMMENT_LIMIT = 65_536;

export function fitComment(markdown: string, limit = GITHUB_COMMENT_LIMIT, pointer: string): string {
  if (markdown.length <= limit) return markdown;
  const { body, tail } = splitChecksum(markdown);
  const cuts = cutPoints(body);
  // Prefer a section boundary (after a blank line: a paragraph, list or table kept whole), then any
  // line end outside a fence (a 300-row table has no blank line to cut at).
  for (const candidates of [cuts.filter((c) => c.section), cuts]) {
    // The latest cut whose result fits; the note's length depends on how much is cut, so each is measured.
    for (let i = candidates.length - 1; i >= 0; i--) {
      const parts = pieces(body, candidates[i]!, tail, pointer);
      if (parts.reduce((n, part) => n + part.length, 0) <= limit) return parts.join("");
    }
  }
  throw new RangeError(
    `fitComment: a limit of ${limit} characters cannot hold even the marker, the truncation note and the checksum line`,
  );
}

interface Cut {
  /** Offset in the body just after a line break. */
  offset: number;
  /** How many <details> are open there. */
  openDetails: number;
  /** Just after a blank line: between two blocks. */
  section: boolean;
}

/** The kept body, closers for open <details>, the note, the checksum line: measured before joined. */
function pieces(body: string, cut: Cut, tail: string, pointer: string): string[] {
  const omitted = body.length - cut.offset;
  const closers = "\n</details>\n".repeat(cut.openDetails);
  const note = `> [!WARNING]\n> … plan truncated: ${omitted} characters omitted. The full plan is in the job summary: ${pointer}\n`;
  const kept = body.slice(0, cut.offset);
  // One blank line before the note, whether or not the cut already ended on one.
  const gap = `${kept}${closers}`.endsWith("\n\n") ? "" : "\n";
  return [kept, closers, gap, note, tail ? `\n${tail}` : ""];
}

/**
 * The checksum line, kept whole, when it is the last line (where the plan renderers put it); the body
 * is what may be cut. A checksum line anywhere else is quoted text (a file name in a problem list, in a
 * fence): kept as the tail it would be moved out of its code block and read as the plan's own.
 */
function splitChecksum(markdown: string): { body: string; tail: string } {
  const trimmed = markdown.trimEnd();
  const start = trimmed.lastIndexOf("\n") + 1;
  if (!CHECKSUM_LINE.test(trimmed.slice(start))) return { body: markdown, tail: "" };
  return { body: markdown.slice(0, start), tail: markdown.slice(start) };
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const DETAILS_OPEN = /^\s*<details[\s>]/i;
const DETAILS_CLOSE = /^\s*<\/details>/i;

/**
 * Every line end outside a fenced code block, with the <details> depth there. Cutting between lines
 * keeps what comes before valid Markdown (a table or list cut between rows is still one). The earliest
 * cut is after the first line, so a hidden marker there is always kept.
 */
function cutPoints(body: string): Cut[] {
  const cuts: Cut[] = [];
  let fence: { char: string; length: number } | undefined;
  let depth = 0;
  let offset = 0;
  const lines = body.split("\n");
  lines.forEach((line, index) => {
    offset += line.length + (index < lines.length - 1 ? 1 : 0);
    if (fence) {
      const close = new RegExp(`^ {0,3}${fence.char === "`" ? "`" : "~"}{${fence.length},}\\s*$`);
      if (close.test(line)) fence = undefined;
    } else {
      const open = FENCE_OPEN.exec(line);
      if (open) fence = { char: open[1]![0]!, length: open[1]!.length };
      else if (DETAILS_OPEN.test(line)) depth++;
      else if (DETAILS_CLOSE.test(line)) depth = Math.max(0, depth - 1);
    }
    if (!fence && index < lines.length - 1) cuts.push({ offset, openDetails: depth, section: line.trim() === "" });
  });
  return cuts;
}
