// The common document (no anchors, aliases, tags of other schemas, merge keys or odd keys: every file
// aep-gitops itself writes, and nearly every one people write) converted to plain data and indexed for
// positions in one walk, instead of yaml's toJS plus a second walk for the positions. Anything else is
// left to the general path (doc.toJS and documentPositions), so the answers are always yaml's own.
import { Scalar, YAMLMap, YAMLSeq, type Document } from "yaml";
import {
  offsetOf,
  type DocumentPositions,
  type PositionMap,
  type PositionSeq,
  type PositionTree,
} from "./positions.js";

export interface PlainDocument {
  value: unknown;
  positions: DocumentPositions;
}

/** Thrown inside the walk where the document is not plain; never escapes. */
const NOT_PLAIN = Symbol("not plain");

export function plainDocument(doc: Document): PlainDocument | undefined {
  // Another schema (a %YAML 1.1 directive) has merge keys, sets and ordered maps: yaml knows best.
  if (doc.schema.name !== "core") return undefined;
  try {
    const [start, , end] = doc.range ?? [0, 0, 0];
    const out: { value: unknown; tree: PositionTree | null } = { value: null, tree: null };
    convert(doc.contents, out);
    return { value: out.value, positions: { root: out.tree, rootAt: offsetOf(doc.contents), start, end } };
  } catch (error) {
    // Not plain, or nested deeper than this recursion goes: the general path decides what it is.
    if (error === NOT_PLAIN || error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Sets out.value as toJS would give it and out.tree as documentPositions would. */
function convert(node: unknown, out: { value: unknown; tree: PositionTree | null }): void {
  if (node === null || node === undefined) {
    out.value = null;
    out.tree = null;
    return;
  }
  if (typeof node !== "object" || (node as { anchor?: string }).anchor) throw NOT_PLAIN;
  const proto = Object.getPrototypeOf(node) as unknown;
  if (proto === Scalar.prototype) {
    out.value = primitive((node as Scalar).value);
    out.tree = offsetOf(node);
  } else if (proto === YAMLMap.prototype) {
    const value: Record<string, unknown> = {};
    const tree: PositionMap = { at: offsetOf(node), keys: [], keyAt: [], values: [] };
    for (const pair of (node as YAMLMap).items) {
      const key = pair.key;
      if (!isPlainScalar(key)) throw NOT_PLAIN;
      const raw = primitive(key.value);
      // toJS's own key rules: null is '', the rest String(); '<<' and '__proto__' need its special cases.
      const name = raw === null ? "" : String(raw);
      if (name === "<<" || name === "__proto__") throw NOT_PLAIN;
      convert(pair.value, out);
      value[name] = out.value;
      // A path looks keys up as String(value) (a null key is "null" there), the first of equal keys.
      const lookup = String(raw);
      if (!tree.keys.includes(lookup)) {
        tree.keys.push(lookup);
        tree.keyAt.push(offsetOf(key));
        tree.values.push(out.tree);
      }
    }
    out.value = value;
    out.tree = tree;
  } else if (proto === YAMLSeq.prototype) {
    const value: unknown[] = [];
    const tree: PositionSeq = { at: offsetOf(node), items: [] };
    for (const item of (node as YAMLSeq).items) {
      convert(item, out);
      value.push(out.value);
      tree.items.push(out.tree);
    }
    out.value = value;
    out.tree = tree;
  } else {
    throw NOT_PLAIN; // an alias, a pair outside a map, a node of a custom class
  }
}

function isPlainScalar(node: unknown): node is Scalar {
  return (
    typeof node === "object" &&
    node !== null &&
    Object.getPrototypeOf(node) === Scalar.prototype &&
    !(node as Scalar).anchor
  );
}

function primitive(value: unknown): string | number | boolean | null {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return value;
  throw NOT_PLAIN;
}
