// Where every node of a parsed YAML document starts, as plain data: arrays, numbers and strings only, so
// it can cross from a worker thread (a yaml Document cannot) and lets the Document be dropped as soon as
// a file is read. Built to give exactly the answers a walk over the Document's nodes gives (locator.ts).
import { isAlias, isMap, isPair, isScalar, isSeq, type Document } from "yaml";

/** A scalar (or anything without children) is just its start offset. */
export type PositionTree = number | PositionMap | PositionSeq;

export interface PositionMap {
  at: number;
  /** Scalar keys as text, the first of equal keys only (a lookup takes the first match). */
  keys: string[];
  keyAt: number[];
  /** null where the value is empty (`key:`) or an alias that resolves to nothing. */
  values: Array<PositionTree | null>;
}

export interface PositionSeq {
  at: number;
  items: Array<PositionTree | null>;
}

export interface DocumentPositions {
  /** The document's contents as the parser left them (null for an empty document). */
  root: PositionTree | null;
  /** Start of `doc.contents` itself, not resolved through an alias. */
  rootAt: number;
  /** Start and end offsets of the whole document. */
  start: number;
  end: number;
}

/** The positions of every node, from the Document (any document: anchors, aliases, odd keys). */
export function documentPositions(doc: Document): DocumentPositions {
  const [start, , end] = doc.range ?? [0, 0, 0];
  // In document order, as yaml resolves an alias: to the last node with its anchor before it. An alias
  // shares that node's subtree, so a "billion laughs" document stays as small as its text (and an alias
  // inside its own anchor makes a cycle, which structured clone keeps). Iterative: a deeply nested
  // document is a problem the caller reports, never a stack overflow here.
  const anchors = new Map<string, PositionTree>();
  const root: Array<PositionTree | null> = [null];
  const stack: Task[] = [{ node: doc.contents, into: root, index: 0 }];
  while (stack.length > 0) {
    const { node, into, index } = stack.pop()!;
    const tree = enter(node, anchors, stack);
    if (into) into[index] = tree;
  }
  return { root: root[0] ?? null, rootAt: offsetOf(doc.contents), start, end };
}

/** A node still to visit, and the slot its positions go in (none for keys: only their anchors count). */
interface Task {
  node: unknown;
  into: Array<PositionTree | null> | null;
  index: number;
}

function enter(node: unknown, anchors: Map<string, PositionTree>, stack: Task[]): PositionTree | null {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return anchors.get(node.source) ?? null;
  const children: Task[] = [];
  let tree: PositionTree;
  if (isMap(node)) {
    const map: PositionMap = { at: offsetOf(node), keys: [], keyAt: [], values: [] };
    for (const pair of node.items) {
      children.push({ node: pair.key, into: null, index: 0 });
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      // A lookup finds the first of equal keys, so later ones (a duplicate-key error) are not indexed.
      if (key === undefined || map.keys.includes(key)) {
        children.push({ node: pair.value, into: null, index: 0 });
        continue;
      }
      map.keys.push(key);
      map.keyAt.push(offsetOf(pair.key));
      map.values.push(null);
      children.push({ node: pair.value, into: map.values, index: map.values.length - 1 });
    }
    tree = map;
  } else if (isSeq(node)) {
    const seq: PositionSeq = { at: offsetOf(node), items: [] };
    node.items.forEach((item, i) => {
      seq.items.push(null);
      children.push({ node: item, into: seq.items, index: i });
    });
    tree = seq;
  } else {
    if (isPair(node))
      children.push({ node: node.key, into: null, index: 0 }, { node: node.value, into: null, index: 0 });
    tree = offsetOf(node);
  }
  const anchor = (node as { anchor?: string }).anchor;
  if (anchor) anchors.set(anchor, tree);
  // Reversed onto the stack, so that they are visited in document order.
  for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  return tree;
}

export function offsetOf(node: unknown): number {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range ? range[0] : 0;
}

export function startOf(tree: PositionTree): number {
  return typeof tree === "number" ? tree : tree.at;
}

/** One step of a path that exists: the node it reaches and, inside a mapping, where its key starts. */
export interface Step {
  node: PositionTree | null;
  keyAt?: number;
}

/** The steps of `path` that exist in the document, as the walk over the Document's nodes finds them. */
export function walk(root: PositionTree | null, path: ReadonlyArray<string | number>): Step[] {
  const steps: Step[] = [];
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node === "number") break;
    if ("keys" in node) {
      const index = node.keys.indexOf(String(segment));
      if (index < 0) break;
      const value = node.values[index]!;
      steps.push({ node: value, keyAt: node.keyAt[index]! });
      node = value;
    } else if (typeof segment === "number") {
      const item = node.items[segment];
      if (item === undefined || item === null) break;
      steps.push({ node: item });
      node = item;
    } else {
      break;
    }
  }
  return steps;
}
