// The runner's files: step outputs (GITHUB_OUTPUT) and the job summary (GITHUB_STEP_SUMMARY). Writing
// them directly keeps the bundle free of @actions/core for two small file formats.
import { randomUUID } from "node:crypto";
import { appendFileSync } from "node:fs";
import { fitComment } from "../report/comments/overflow.js";

/** GitHub refuses a step summary over 1 MiB (bytes). */
const SUMMARY_LIMIT_BYTES = 1024 * 1024;

/**
 * Appends outputs in the heredoc form (`name<<DELIMITER`), which carries any value, multi-line ones
 * too; the delimiter is random so no value can end it early.
 */
export function writeOutputs(file: string | undefined, outputs: Record<string, string>): void {
  if (!file) return;
  let text = "";
  for (const [name, value] of Object.entries(outputs)) {
    const delimiter = `ghadelimiter_${randomUUID()}`;
    text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  appendFileSync(file, text);
}

/**
 * Appends markdown to the job summary, cut explicitly (never by GitHub) when it would not fit.
 * `pointer` says where the rest is. fitComment counts UTF-16 units; a unit is at most 3 UTF-8 bytes.
 */
export function appendSummary(file: string | undefined, markdown: string, pointer = "the job log"): void {
  if (!file) return;
  const text =
    Buffer.byteLength(markdown) <= SUMMARY_LIMIT_BYTES - 1
      ? markdown
      : fitComment(markdown, Math.floor(SUMMARY_LIMIT_BYTES / 3) - 1, pointer);
  appendFileSync(file, text.endsWith("\n") ? text : `${text}\n`);
}
