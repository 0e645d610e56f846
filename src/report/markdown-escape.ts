// Making user text inert in a PR comment. Names, descriptions, audience names and Adobe's own strings
// can hold anything (someone typed them in the UI): escaped, they can neither break the comment's
// structure (tables, fences, <details>) nor inject HTML, links, images or a fake hidden marker.

/** Inline text: HTML metacharacters become entities, Markdown's become backslash escapes. */
export function md(text: string): string {
  const escaped = oneLine(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    // Emphasis, code, links and images, tables, strikethrough, headings, math, footnotes.
    .replace(/[\\`*_[\]|~#$]/g, (c) => `\\${c}`);
  // What makes a list, quote or heading only matters at the start of a line.
  return escaped.replace(/^([-+=]|\d+[.)])/, (m) => `\\${m}`);
}

/** Text inside an HTML element (a <summary>), where Markdown is not parsed but HTML is. */
export function html(text: string): string {
  return oneLine(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * A code span that holds any text: delimited by more backticks than the text contains, padded when
 * the text starts or ends with a backtick. In a table cell a `|` still ends the cell, so it is escaped.
 */
export function code(text: string, opts: { inTable?: boolean } = {}): string {
  let body = oneLine(text);
  if (opts.inTable) body = body.replace(/\|/g, "\\|");
  const ticks = "`".repeat(longestRun(body, "`") + 1);
  const pad = body.startsWith("`") || body.endsWith("`") ? " " : "";
  return `${ticks}${pad}${body}${pad}${ticks}`;
}

/** A fenced block that no line of its content can close: the fence is longer than any backtick run. */
export function fence(lang: string, content: string): string {
  content = visibleBidi(content);
  const ticks = "`".repeat(Math.max(3, longestRun(content, "`") + 1));
  return `${ticks}${lang}\n${content}\n${ticks}`;
}

/** A link, only to http(s) URLs, with the characters that would end the Markdown link encoded. */
export function link(label: string, url: string): string {
  if (!/^https?:\/\//i.test(url)) return md(label);
  const safe = encodeURI(decodeSafe(url)).replace(
    /[()<>"'`]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `[${md(label)}](${safe})`;
}

function decodeSafe(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

function oneLine(text: string): string {
  return visibleBidi(text.replace(/\r\n|[\r\n\u2028\u2029]/g, " "));
}

/**
 * Bidi controls (U+202A–U+202E, U+2066–U+2069) would show a reviewer text in another order than it is
 * ("Trojan Source"): they are written as `\u202e` escapes, which in a JSON body mean the same string.
 */
function visibleBidi(text: string): string {
  return text.replace(
    /[\u202a-\u202e\u2066-\u2069\u200e\u200f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}
