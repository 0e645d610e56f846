// What the Action reads back from the bodies of its own comments, and from where it wrote it only. A
// body mixes the Action's words with text it quotes (file names and problems in a fenced block, error
// messages), so a record counts only on the line the Action keeps for it:
//   - a plan comment's second line, right under the marker, records the commit it planned; the bodies
//     that stand in for a plan (validation failed, validated only, plan failed) have their title
//     there, so they hold no plan whatever they quote;
//   - a plan comment's last line, outside any code block, is the plan's checksum line;
//   - an apply comment's last line, likewise, may record what a partial apply of a commit left to do.
// Whose comment it is the conversation checks (conversation.ts); this file reads text only.
import { CHECKSUM_LINE } from "../report/comments/checksum-line.js";
import { CONTINUATION_LINE } from "../report/comments/apply-comment.js";
import { PLANNED_LINE } from "../report/comments/plan-comment.js";

export interface PlanRecord {
  /** The commit that was planned: the pull request's head when the plan ran. */
  sha: string;
  checksum: string;
}

/** The plan a plan comment shows; undefined when it stands in for one (or is not the Action's format). */
export function readPlanRecord(body: string): PlanRecord | undefined {
  const planned = PLANNED_LINE.exec(body.split("\n", 2)[1]?.trim() ?? "");
  const checksum = readChecksumLine(body);
  return planned && checksum ? { sha: planned[1]!, checksum } : undefined;
}

/** The checksum of a body's last line, when that is a checksum line outside any code block. */
export function readChecksumLine(body: string): string | undefined {
  const last = lastLineOutsideCode(body);
  return last === undefined ? undefined : CHECKSUM_LINE.exec(last)?.[1];
}

/** The checksum of what a partial apply of `sha` left to do, from an apply comment's last line. */
export function readContinuation(body: string, sha: string): string | undefined {
  const last = lastLineOutsideCode(body);
  const match = last === undefined ? null : CONTINUATION_LINE.exec(last);
  return match && match[1] === sha ? match[2] : undefined;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The last non-blank line, unless a fenced code block is open there. Indented code needs no check: its
 * lines start with four spaces or a tab, and the records above start at the line's first column.
 */
function lastLineOutsideCode(body: string): string | undefined {
  const lines = body.trimEnd().split("\n");
  let fence: RegExp | undefined;
  for (const line of lines.slice(0, -1)) {
    if (fence) {
      if (fence.test(line)) fence = undefined;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    // A backtick fence's info string may not contain a backtick; such a line opens nothing.
    if (open && !(open[1]![0] === "`" && line.slice(open[0].length).includes("`")))
      fence = new RegExp(`^ {0,3}${open[1]![0] === "`" ? "`" : "~"}{${open[1]!.length},}[ \\t]*$`);
  }
  return fence ? undefined : lines.at(-1);
}
