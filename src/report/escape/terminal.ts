// Text for terminals and CI logs, the sink of every text renderer and of the output port. Two rules:
//
// - Untrusted text is made visible (visible.ts) before it is painted: an escape sequence in an audience
//   name must not clear a reviewer's screen, hide a link (OSC 8), overwrite a line (CR) or forge one.
//   The tool's own colours are added after, so they still work.
// - No line the tool prints is a workflow command. GitHub's runner reads every line of a step's output:
//   `::name::` after leading white space, or `##[name]` anywhere in the line, is a command (error,
//   add-mask, stop-commands …). The output port passes everything it prints through inertCommands; only
//   the Action's own commands, built by src/github/workflow-commands.ts, are written around it.
import { visible, visibleLines } from "./visible.js";

/** One line of a text report (or a fragment of one): line breaks, controls and invisibles escaped. */
export function printable(line: string): string {
  return visible(line);
}

/** A message of several lines (an error, a stack): each line printable, the line feeds kept. */
export function printableLines(text: string): string {
  return visibleLines(text);
}

/**
 * A line of pretty-printed JSON (a call body): what JSON.stringify leaves raw (DEL, C1 controls, line
 * separators, bidi and zero-width characters) becomes the `\u` escape that means the same string.
 */
export function printableJson(line: string): string {
  return visible(line);
}

/**
 * The controls a terminal acts on, except the ones the tool writes itself: a line feed, a tab, colours
 * (SGR, `ESC [ … m`) and the progress line's carriage return that clears its line (`CR ESC [ K`).
 * What else reaches the output port is shown as an escape: the last line of defence, not the only one.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FOREIGN_CONTROL = /\r\u001b\[K|\u001b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function withoutForeignControls(text: string): string {
  return text.replace(FOREIGN_CONTROL, (match) => (match.length > 1 ? match : visible(match)));
}

/** White space the runner trims before it looks for `::` (.NET's, which includes NEL). */
const COMMAND_START = /^([\s\u0085]*):(?=:)/;

/**
 * Text no line of which the runner takes for a workflow command: a line starting with `::` has its first
 * colon escaped (`\u003a:error::…`), and `##[` anywhere becomes `#\u0023[`. Both are the escape grammar
 * of visible(), and valid JSON escapes inside a JSON string (where `##[` can only occur).
 */
export function inertCommands(text: string): string {
  // Most output holds neither: a plan of thousands of lines is not split for nothing.
  if (!text.includes("::") && !text.includes("##[")) return text;
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part) => part.replace(COMMAND_START, "$1\\u003a").replace(/##\[/g, "#\\u0023["))
    .join("");
}
