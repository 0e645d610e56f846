// Edits a YAML file's text in place, at the source ranges the `yaml` package's parser reports, so that
// everything outside the edited lines stays byte for byte what the author wrote: comments, key order,
// quoting, blank lines, anchors, CRLF line endings. Re-serialising the document would lose all of that
// (and turn a reviewed one-line change into a rewritten file), so nothing here calls toString().
import type { NewItem } from "../domain/operate/drift-edits.js";
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  parse,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";

/** One replacement of the text between two offsets; insertions have start === end. */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** The file's line ending: the first one it uses (a CRLF file stays CRLF), "\n" for a one-line file. */
export function lineEnding(text: string): string {
  const at = text.indexOf("\n");
  return at > 0 && text[at - 1] === "\r" ? "\r\n" : "\n";
}

export function applySplices(text: string, splices: Splice[]): string {
  // From the end backwards, so earlier offsets stay valid; an insertion at a removal's end goes first.
  const sorted = [...splices].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const s of sorted) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf("\n", at - 1) + 1;
}

/** The offset just past the line holding `at` (its line ending included), or the text's end. */
function lineEnd(text: string, at: number): number {
  const nl = text.indexOf("\n", at);
  return nl === -1 ? text.length : nl + 1;
}

/** Where a node's own content ends: its last scalar's end, so comments trailing a collection are not counted. */
function contentEnd(node: Node): number {
  if (isMap(node) || isSeq(node)) {
    if (node.flow || node.items.length === 0) return node.range![1];
    const last = node.items[node.items.length - 1] as Node | Pair;
    if (isPair(last)) return contentEnd((last.value ?? last.key) as Node);
    return contentEnd(last);
  }
  return node.range![1];
}

/** The pair of `map` whose key is `key`. */
export function pairOf(map: YAMLMap, key: string): Pair<Scalar, Node | null> | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<Scalar, Node | null> | undefined;
}

/** A value written as the old one was: same quotes when they can hold it, plain only when it reads back the same. */
export function scalarText(value: string | boolean, style: Scalar["type"]): string {
  if (typeof value === "boolean") return String(value);
  const oneLine = !/[\r\n]/.test(value);
  if (style === "QUOTE_SINGLE" && oneLine) return `'${value.replace(/'/g, "''")}'`;
  if (style === "QUOTE_DOUBLE" || !oneLine || !plainSafe(value)) return JSON.stringify(value);
  return value;
}

function plainSafe(value: string): boolean {
  if (value === "" || value !== value.trim() || / #|: |:$/.test(value) || /^[\s"'`@!&*%|>{}[\],#?:-]/.test(value))
    return false;
  try {
    return parse(`k: ${value}`)?.k === value;
  } catch {
    return false;
  }
}

/** Replaces a scalar's source text with `value`, keeping its quoting style. */
export function replaceScalar(node: Scalar, value: string | boolean, eol: string): Splice {
  const block = node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED";
  // A block scalar's range runs through its last line's ending: the replacement is one line, and keeps it.
  const text = block ? `${JSON.stringify(value)}${eol}` : scalarText(value, node.type);
  return { start: node.range![0], end: node.range![1], text };
}

/** Removes a key and its value: its whole line(s). */
export function removePair(text: string, pair: Pair<Scalar, Node | null>): Splice {
  const end = pair.value ? contentEnd(pair.value) : pair.key.range![1];
  return { start: lineStart(text, pair.key.range![0]), end: lineEnd(text, end), text: "" };
}

/** A new `key: value` line in a block mapping, at its keys' indentation, after the pair `after` (else its last). */
export function insertPair(
  text: string,
  map: YAMLMap,
  key: string,
  value: string | boolean,
  after: string[],
  eol: string,
): Splice | undefined {
  if (map.flow || map.items.length === 0) return undefined;
  const first = map.items[0] as Pair<Scalar, Node | null>;
  const indent = " ".repeat(first.key.range![0] - lineStart(text, first.key.range![0]));
  const anchor = after.map((k) => pairOf(map, k)).find((p) => p !== undefined) ?? (map.items.at(-1) as Pair<Scalar>);
  const end = anchor.value ? contentEnd(anchor.value as Node) : anchor.key.range![1];
  return atLineEnd(text, lineEnd(text, end), `${indent}${key}: ${scalarText(value, "PLAIN")}`, eol);
}

/** An insertion of `line` at `at` (a line's start); at a text ending without a line ending, one is added first. */
function atLineEnd(text: string, at: number, line: string, eol: string): Splice {
  const bare = at === text.length && text.length > 0 && !text.endsWith("\n");
  return { start: at, end: at, text: bare ? `${eol}${line}` : `${line}${eol}` };
}

/**
 * Removes the items at `remove` and appends `add` to a sequence (the value of `pair`). Block items are
 * whole lines, removed or written at the existing items' indentation; a flow sequence (`[a, b]`) is
 * rewritten as one, since its items share lines. A block sequence emptied becomes `[]`, not null.
 */
export function editSequence(
  text: string,
  pair: Pair<Scalar, Node | null>,
  remove: Set<number>,
  add: NewItem[],
  eol: string,
): Splice[] {
  const seq = pair.value as YAMLSeq<Node>;
  if (seq.flow) {
    const kept = seq.items.filter((_, i) => !remove.has(i)).map((n) => text.slice(n.range![0], n.range![1]));
    const added = add.map((item) =>
      typeof item === "string"
        ? scalarText(item, "PLAIN")
        : `{ ${item.fields.map(([k, v]) => `${k}: ${scalarText(v, "PLAIN")}`).join(", ")} }`,
    );
    return [{ start: seq.range![0], end: seq.range![1], text: `[${[...kept, ...added].join(", ")}]` }];
  }
  const splices: Splice[] = seq.items
    .filter((_, i) => remove.has(i))
    .map((n) => ({ start: lineStart(text, n.range![0]), end: lineEnd(text, contentEnd(n)), text: "" }));
  const first = seq.items[0]!;
  const dash = text.lastIndexOf("-", first.range![0]);
  const dashIndent = " ".repeat(dash - lineStart(text, dash));
  // The keys of a mapping item line up with the first item's first key (usually two past the dash).
  const firstKey = isMap(first) ? (first.items[0] as Pair<Scalar> | undefined) : undefined;
  const keyIndent = " ".repeat(
    (firstKey ? firstKey.key.range![0] - lineStart(text, firstKey.key.range![0]) : dashIndent.length + 2) -
      dashIndent.length -
      2,
  );
  const lines = add.flatMap((item) => {
    if (typeof item === "string") return [`${dashIndent}- ${scalarText(item, "PLAIN")}`];
    const [head, ...rest] = item.fields.map(([k, v]) => `${k}: ${scalarText(v, "PLAIN")}`);
    const comment = item.comment ? `  # ${item.comment}` : "";
    return [`${dashIndent}- ${head}${comment}`, ...rest.map((l) => `${dashIndent}  ${keyIndent}${l}`)];
  });
  if (lines.length > 0) {
    const at = lineEnd(text, contentEnd(seq.items[seq.items.length - 1]!));
    splices.push(atLineEnd(text, at, lines.join(eol), eol));
  } else if (remove.size === seq.items.length) {
    // Emptied: `key: []` rather than a bare `key:` (null), which the schema refuses.
    const colon = text.indexOf(":", pair.key.range![1]);
    splices.push({ start: colon + 1, end: colon + 1, text: " []" });
  }
  return splices;
}
