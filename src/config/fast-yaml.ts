// The fast way through a plain file: js-yaml (about fifteen times faster than yaml's Document API on
// destination files) reads it as text only, and its node events give where each node starts. The
// answers must be yaml's own, so this path takes only what it can prove it reads the same way:
// - files without anchors, aliases, tags, directives, merge or explicit keys, tabs, CRs, a BOM, a
//   line over 1024 characters or a document end marker (a quick scan of the text; a quoted '&' sends a file the general way, which is
//   slower, never wrong), each of whose documents is a mapping;
// - plain scalars resolved by the YAML 1.2 core schema exactly as yaml resolves them (below), quoted
//   and block scalars kept as text;
// - every event accounted for: anything js-yaml rejects (a syntax error, a duplicate key) or builds in a
//   way the walk does not expect goes to yaml, which reports it with its own message and position.
// test/config/fast-yaml.test.ts holds both paths equal, data and positions, on every fixture.
import { FAILSAFE_SCHEMA, loadAll, type State } from "js-yaml";
import type { DocumentPositions, PositionMap, PositionSeq, PositionTree } from "./positions.js";

export interface FastFile {
  documents: Array<{ value: Record<string, unknown>; positions: DocumentPositions }>;
  /** Where each line starts, as yaml's LineCounter records them. */
  lineStarts: number[];
}

/** What only the general path reads exactly as yaml does. */
const UNUSUAL = /[\t\r&*!%\uFEFF]|<<|(?:^|\n)\.\.\.|(?:^|\n)[ -]*\?[ \n]/;
/**
 * yaml refuses an implicit key of more than 1024 characters, which needs a line that long. A scan, not
 * the regular expression /[^\n]{1025}/: that one re-reads the rest of the line from every position,
 * quadratic in the line's length (a third of a 1,000-file load, before this).
 */
function hasLongLine(text: string): boolean {
  for (let start = 0; ;) {
    const end = text.indexOf("\n", start);
    if ((end === -1 ? text.length : end) - start > 1024) return true;
    if (end === -1) return false;
    start = end + 1;
  }
}
/** The quick scan both fast paths start with (this one and fast-values.ts): false sends a file to yaml. */
export function plainText(text: string): boolean {
  return !UNUSUAL.test(text) && !hasLongLine(text);
}

/** A document start marker, at the start of a line. */
const MARKER = /(?:^|\n)---(?=[ \n]|$)/g;

interface Frame {
  open: number;
  kind: string | null;
  tag: string | null;
  result: unknown;
  children: Frame[];
}

/** Thrown inside the walk where the file is not one this path reads; never escapes. */
const NOT_FAST = Symbol("not fast");

/** The documents of a plain file, or undefined: then yaml reads it. */
export function fastFile(text: string): FastFile | undefined {
  if (!plainText(text)) return undefined;
  const stack: Frame[] = [];
  const roots: Frame[] = [];
  const listener = (event: "open" | "close", state: State) => {
    if (event === "open") {
      stack.push({ open: state.position, kind: null, tag: null, result: null, children: [] });
      return;
    }
    const frame = stack.pop()!;
    frame.kind = state.kind;
    frame.tag = (state as State & { tag: string | null }).tag; // set by js-yaml, not in its typings
    frame.result = state.result;
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(frame);
    else roots.push(frame);
  };
  try {
    loadAll(text, undefined, { schema: FAILSAFE_SCHEMA, listener, json: false });
    // yaml starts a document at its '---' (the first may have none) and ends it where the next starts.
    const markers = [...text.matchAll(MARKER)].map((m) => m.index + (m[0].startsWith("\n") ? 1 : 0));
    const unmarked = roots.length - markers.length;
    if (roots.length === 0 || (unmarked !== 0 && unmarked !== 1)) return undefined;
    const documents = roots.map((root, i) => {
      if (root.kind !== "mapping") throw NOT_FAST;
      const out = { value: null as unknown, tree: null as PositionTree | null };
      convert(text, root, out);
      const rootAt = (out.tree as PositionMap).at;
      const start = i < unmarked ? rootAt : markers[i - unmarked]!;
      const end = i + 1 < roots.length ? markers[i + 1 - unmarked]! : text.length;
      if (rootAt < start || rootAt > end) throw NOT_FAST;
      return { value: out.value as Record<string, unknown>, positions: { root: out.tree, rootAt, start, end } };
    });
    return { documents, lineStarts: lineStarts(text) };
  } catch (error) {
    if (error === NOT_FAST || (error as { name?: string }).name === "YAMLException" || error instanceof RangeError)
      return undefined;
    throw error;
  }
}

function convert(text: string, frame: Frame, out: { value: unknown; tree: PositionTree | null }): void {
  // A node js-yaml read through a nested one whose result it kept (a value tried as a mapping that
  // was not one): the nested node is the node.
  const only = frame.children.length === 1 ? frame.children[0]! : undefined;
  if (only && only.result === frame.result && only.kind === frame.kind) return convert(text, only, out);
  if (frame.kind === "scalar" || frame.kind === null) {
    if (frame.children.length > 0) throw NOT_FAST;
    if (frame.kind === null) {
      // An empty node: yaml places it after the spaces that follow its indicator, before any newline.
      if (frame.result !== null || commentFollows(text, frame.open)) throw NOT_FAST;
      out.value = null;
      out.tree = skipSpaces(text, frame.open);
      return;
    }
    if (typeof frame.result !== "string") throw NOT_FAST;
    out.value = frame.tag === "?" ? resolvePlain(frame.result) : frame.result;
    out.tree = contentStart(text, frame.open);
    return;
  }
  const at = contentStart(text, frame.open);
  // Where a collection ends before a '---', js-yaml has tried to read one more key or item and found
  // nothing: that attempt is the one empty node too many.
  const extra = frame.children.at(-1);
  const attempted = extra?.kind === null && extra.children.length === 0 ? 1 : 0;
  if (frame.kind === "mapping") {
    const pairs = frame.children.slice(0, frame.children.length - (frame.children.length % 2 === 1 ? attempted : 0));
    const result = frame.result as Record<string, unknown>;
    if (pairs.length % 2 !== 0 || Object.keys(result).length !== pairs.length / 2) throw NOT_FAST;
    const value: Record<string, unknown> = {};
    const tree: PositionMap = { at, keys: [], keyAt: [], values: [] };
    for (let i = 0; i < pairs.length; i += 2) {
      convert(text, pairs[i]!, out);
      const raw = out.value;
      const keyAt = out.tree;
      if (typeof keyAt !== "number" || (raw !== null && typeof raw === "object")) throw NOT_FAST;
      // yaml's toJS key rules (null is ''), and its lookups (String(value)); '__proto__' is its special case.
      const name = raw === null ? "" : String(raw);
      if (name === "__proto__" || name in value) throw NOT_FAST;
      convert(text, pairs[i + 1]!, out);
      value[name] = out.value;
      tree.keys.push(String(raw));
      tree.keyAt.push(keyAt);
      tree.values.push(out.tree);
    }
    out.value = value;
    out.tree = tree;
    return;
  }
  if (frame.kind === "sequence") {
    const length = (frame.result as unknown[]).length;
    const items = frame.children.length === length + attempted ? frame.children.slice(0, length) : frame.children;
    if (items.length !== length) throw NOT_FAST;
    const value: unknown[] = [];
    const tree: PositionSeq = { at, items: [] };
    for (const item of items) {
      convert(text, item, out);
      value.push(out.value);
      tree.items.push(out.tree);
    }
    out.value = value;
    out.tree = tree;
    return;
  }
  throw NOT_FAST;
}

/**
 * A plain scalar as yaml's core schema resolves it: its tags in yaml's order (null, bool, octal, int,
 * hex, NaN/infinity, exponent, float), each with yaml's test and yaml's conversion. Every key and
 * plain value of every file comes through here, so the common case (a name, an id) is answered first:
 * not one of the words, and not a number of any form (one test of their union).
 */
export function resolvePlain(text: string): string | number | boolean | null {
  const word = WORDS.get(text);
  if (word !== undefined) return word;
  if (!NUMBER.test(text)) return text;
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(text)) return parseInt(text, 10);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text))
    return text.slice(-3).toLowerCase() === "nan" ? NaN : text[0] === "-" ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(text)) return parseFloat(text);
  return parseFloat(text); // the union leaves only yaml's float: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/
}

/** yaml's null (/^(?:~|[Nn]ull|NULL)?$/) and bool (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/), word by word. */
const WORDS = new Map<string, null | boolean>([
  ...["", "~", "null", "Null", "NULL"].map((w) => [w, null] as const),
  ...["true", "True", "TRUE"].map((w) => [w, true] as const),
  ...["false", "False", "FALSE"].map((w) => [w, false] as const),
]);

/** The union of yaml's number tests below, in one. */
const NUMBER =
  /^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/;

/** Where a node's content starts: past spaces, line breaks and comments from where its event opened. */
function contentStart(text: string, from: number): number {
  let i = from;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a) i++;
    else if (c === 0x23 /* # */) {
      const end = text.indexOf("\n", i);
      if (end < 0) return text.length;
      i = end + 1;
    } else return i;
  }
}

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (text.charCodeAt(i) === 0x20) i++;
  return i;
}

function commentFollows(text: string, from: number): boolean {
  return text.charCodeAt(skipSpaces(text, from)) === 0x23;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}
