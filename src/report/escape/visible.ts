// What a person reads must be what the string is. Names and messages come from YAML and from Adobe, where
// anyone may type anything: a control character can repaint a terminal or start a line of its own, and an
// invisible one (a zero-width space, a bidi override, a soft hyphen) makes a look-alike read as the real
// name. Every sink meant for people (text, markdown, annotations, mermaid) shows these characters as the
// escapes below; JSON keeps the real string.

/**
 * Controls (C0, DEL, C1), format characters (zero-width, bidi, soft hyphen, BOM, tags), line and paragraph
 * separators, lone surrogates, and the letters that render as nothing (Hangul fillers, Khmer inherent
 * vowels, Mongolian selectors, the combining grapheme joiner, variation selectors 17–256). Variation
 * selectors 1–16 are left alone: emoji need them (❤️), and on their own they change no letter.
 */
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class -- the combining marks listed are invisible ones, on purpose
  /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\uffa0\u{e0100}-\u{e01ef}]/gu;

/** `\n`, `\r`, `\t` by name, anything else as `\u200b` (UTF-16 units: the same escape JSON and JavaScript read). */
function escape(char: string): string {
  if (char === "\n") return "\\n";
  if (char === "\r") return "\\r";
  if (char === "\t") return "\\t";
  let out = "";
  for (let i = 0; i < char.length; i++) out += `\\u${char.charCodeAt(i).toString(16).padStart(4, "0")}`;
  return out;
}

/** One line: every invisible or control character, line breaks and tabs included, as its escape. */
export function visible(text: string): string {
  return text.replace(INVISIBLE, escape);
}

/**
 * Text of several lines (a message, a stack): each line made visible but for its tabs (indentation), the
 * line ends between lines kept (LF or CRLF). A lone CR is no line end but what overwrites a line in a
 * terminal: it is escaped.
 */
export function visibleLines(text: string): string {
  return text
    .split(/(\r\n|\n)/)
    .map((part, i) => (i % 2 === 1 ? part : part.split("\t").map(visible).join("\t")))
    .join("");
}
