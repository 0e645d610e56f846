// Strings typed by someone who wants a reviewer, a terminal or a CI runner to do something, and the
// independent readings the hostile-strings specs judge every sink's output by: what GitHub would link or
// notify in a comment, what a terminal or the runner would act on, what a person could not see.
import { structure } from "../report/markdown-structure.js";

/** The parts of a hostile name, each for one sink; joined, one string that tries them all. */
export const PARTS = {
  mentions: "@acme/security @alice",
  links: "https://evil.example/x www.evil.example mallory@evil.example",
  references: "GH-1 #12 acme/aep-config#3",
  html: "<b>bold</b><img src=x>",
  forgedLines:
    "\n+ flow forged [x] — injected\n::error::forged\n::add-mask::secret\n  ::stop-commands::tok ##[error]v1",
  terminal: "\u001b[2J\u0007\rX\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007",
  invisible: "Men\u200bover\u200c50\u200d\u2060\ufeff\u00ad\u202eevil\u202c\u2066x\u2069\u200e\u200f\u0085\u009b",
};

export const HOSTILE = Object.values(PARTS).join(" ");

/** Raw control characters other than the line feed (ESC, BEL, CR, C1 …). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** Raw characters that render as nothing or reorder text. */
export const RAW_INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad\u2028\u2029]/;

/** The text with the colour codes the tool itself paints (SGR) taken out. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const withoutColour = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, "");

/**
 * Lines the GitHub runner would take as a workflow command: `::name…::` once leading white space is
 * trimmed (TryParseV2), or `##[name…]` anywhere in the line (TryParse). The runner reads lines split at
 * CR, LF or CRLF. Commands the job itself wrote are told apart by the caller.
 */
export function commandLines(log: string): string[] {
  return log.split(/\r\n|\r|\n/).filter((line) => /^[\s\u0085]*::[A-Za-z-]/.test(line) || line.includes("##["));
}

/**
 * The text GitHub's filters would see, node by node: outside code fences and code spans, split where an
 * HTML comment (or any tag) separates two text nodes, with backslash escapes and entities decoded (the
 * mention, reference and autolink passes read decoded text, so `&#64;` or `\@` would not stop them).
 */
export function textNodes(markdown: string): string[] {
  // The tool's own links (link() writes the only unescaped `](`) carry their URL on purpose.
  const outside = structure(markdown).outsideFences.replace(/(?<!\\)\]\([^)\s]*\)/g, "]");
  const withoutCode = outside.replace(/(`+)[\s\S]*?\1/g, CODE);
  return withoutCode.split(NODE_BOUNDARY).map((node) =>
    node
      .replace(/\\([!-/:-@[-`{-~])/g, "$1")
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
      .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
      .replace(/&(commat|num|colon|period);/g, (_, n: string) => ENTITIES[n]!)
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&"),
  );
}

/** Where a code span was: no text node goes on across it. */
const CODE = "\u0000";
// eslint-disable-next-line no-control-regex -- the NUL stands where a code span was
const NODE_BOUNDARY = /<!--[\s\S]*?-->|<\/?[A-Za-z][^>]*>|\u0000/;
const ENTITIES: Record<string, string> = { commat: "@", num: "#", colon: ":", period: "." };

/** What GitHub would turn into a notification or a link in a text node. */
const LIVE = {
  mention: /(^|[^A-Za-z0-9`])@[A-Za-z0-9]/,
  url: /[A-Za-z]+:\/\/[A-Za-z0-9]/,
  www: /(^|[^A-Za-z0-9])www\.[A-Za-z0-9]/i,
  email: /[A-Za-z0-9._+-]@[A-Za-z0-9-]+\.[A-Za-z]/,
  issue: /(^|[^A-Za-z0-9&])#\d/,
  gh: /(^|[^A-Za-z0-9])GH-\d/i,
};

/** Every live mention, link or reference, as `kind: node`; empty when the comment is inert. */
export function liveReferences(markdown: string): string[] {
  return textNodes(markdown).flatMap((node) =>
    Object.entries(LIVE)
      .filter(([, pattern]) => pattern.test(node))
      .map(([kind]) => `${kind}: ${node.trim().slice(0, 120)}`),
  );
}

/** Raw HTML tags outside code (other than the tool's own structure and the breaking comment). */
export function rawTags(markdown: string, allowed = /^<\/?(details|summary|br)\b|^<!--/): string[] {
  const outside = structure(markdown)
    .outsideFences.replace(/(`+)[\s\S]*?\1/g, "")
    .replace(/^<!-- aep-gitops:[^\n]*-->$/gm, "");
  return [...outside.matchAll(/<[!/A-Za-z][^>]*>/g)].map((m) => m[0]).filter((tag) => !allowed.test(tag));
}

/** The lines of every fenced block of a language, e.g. the plan comment's ```diff blocks. */
export function fencedLines(markdown: string, lang: string): string[][] {
  const blocks: string[][] = [];
  let open: { ticks: string; lines: string[]; lang: string } | undefined;
  for (const line of markdown.split("\n")) {
    if (open) {
      if (new RegExp(`^${open.ticks}\`*\\s*$`).test(line)) {
        if (open.lang === lang) blocks.push(open.lines);
        open = undefined;
      } else open.lines.push(line);
      continue;
    }
    const m = /^(`{3,})(\S*)/.exec(line);
    if (m) open = { ticks: m[1]!, lines: [], lang: m[2]! };
  }
  return blocks;
}
