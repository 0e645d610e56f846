// Making user text inert in a PR comment, an issue or a job summary. Names, descriptions, audience names
// and Adobe's own strings can hold anything (someone typed them in the UI): escaped, they can neither
// break the comment's structure (tables, fences, <details>, a line of their own) nor inject HTML, links
// or images, notify people, link issues, or hide a character from the reviewer.
//
// Markdown escapes cannot stop what GitHub does after rendering: mentions (`@org/team`), issue
// references (`#12`, `GH-1`, `owner/repo#3`) and autolinks (`https://…`, `www.…`, `a@b.c`) are found in
// the rendered text, where `\@` and `&#64;` have become a plain `@` again (github/markup#1168,
// github/cmark-gfm#181). What stops them is a node boundary: an empty HTML comment between the `@` and
// the name splits the text in two, and GitHub shows the text unchanged (the comment renders as nothing).
// Code spans and fenced blocks are inert already: GitHub links and notifies nothing inside code.
import { visible } from "./visible.js";

/** Splits a text node where GitHub would otherwise see a mention, a reference or a link. */
const BREAK = "<!-- -->";

function inert(text: string): string {
  return (
    text
      // @user, @org/team, owner/repo@sha; a@b.c (the email autolink) as well.
      .replace(/@(?!$)/g, `@${BREAK}`)
      // #12, owner/repo#3 (the `#` carries its backslash escape by now).
      .replace(/#(?=\d)/g, `#${BREAK}`)
      .replace(/\b(GH)-(?=\d)/gi, `$1-${BREAK}`)
      // https://, ftp:// and www. (GFM's extended autolinks).
      .replace(/:(?=\/\/)/g, `:${BREAK}`)
      .replace(/\b(www)\./gi, `$1${BREAK}.`)
  );
}

/** Inline text: HTML metacharacters become entities, Markdown's become backslash escapes. */
export function md(text: string): string {
  const escaped = visible(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    // Emphasis, code, links and images, tables, strikethrough, headings, math, footnotes.
    .replace(/[\\`*_[\]|~#$]/g, (c) => `\\${c}`);
  // What makes a list, quote or heading only matters at the start of a line.
  return inert(escaped.replace(/^([-+=]|\d+[.)])/, (m) => `\\${m}`));
}

/** Text inside an HTML element (a <summary>), where Markdown is not parsed but HTML is. */
export function html(text: string): string {
  return inert(
    visible(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"),
  );
}

/**
 * A code span that holds any text: delimited by more backticks than the text contains, padded when
 * the text starts or ends with a backtick. In a table cell a `|` still ends the cell, so it is escaped.
 */
export function code(text: string, opts: { inTable?: boolean } = {}): string {
  let body = visible(text);
  if (opts.inTable) body = body.replace(/\|/g, "\\|");
  const ticks = "`".repeat(longestStreak(body, "`") + 1);
  const pad = body.startsWith("`") || body.endsWith("`") ? " " : "";
  return `${ticks}${pad}${body}${pad}${ticks}`;
}

/**
 * A fenced block that no line of its content can close: the fence is longer than any row of backticks.
 * Each element of `lines` is one line of the block, whatever it holds: a line break inside one (an
 * audience name's) is shown as `\n`, so user text can never add a line to a diff. A string is split
 * at its line feeds (a JSON body, an error message of several lines).
 */
export function fence(lang: string, lines: string | string[]): string {
  const content = (typeof lines === "string" ? lines.split("\n") : lines).map(visible).join("\n");
  const ticks = "`".repeat(Math.max(3, longestStreak(content, "`") + 1));
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

function longestStreak(text: string, char: string): number {
  let longest = 0;
  let streak = 0;
  for (const c of text) {
    streak = c === char ? streak + 1 : 0;
    longest = Math.max(longest, streak);
  }
  return longest;
}
