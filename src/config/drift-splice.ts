// Makes the edits of src/domain/operate/drift-edits.ts in one YAML file's text. The parser only finds the
// nodes and their source ranges; the text is changed at those ranges alone (yaml-splice.ts), so the
// rest of the file, comments and quoting and line endings included, is left exactly as it was.
import { isMap, isScalar, isSeq, parseAllDocuments, type Node, type YAMLMap } from "yaml";
import type { DocumentEdits, YamlEdit } from "../domain/operate/drift-edits.js";
import {
  applySplices,
  editSequence,
  insertPair,
  lineEnding,
  pairOf,
  removePair,
  replaceScalar,
  type Splice,
} from "./yaml-splice.js";

/** The file's new text, and each edit that could not be made (the file is then left as it was for it). */
export function spliceDriftEdits(text: string, documents: DocumentEdits[]): { text: string; notes: string[] } {
  const eol = lineEnding(text);
  const parsed = parseAllDocuments(text);
  const docs = Array.isArray(parsed) ? parsed : [];
  const splices: Splice[] = [];
  const notes: string[] = [];
  for (const wanted of documents) {
    const doc = docs.find(
      (d) =>
        isMap(d.contents) &&
        d.errors.length === 0 &&
        scalarAt(d.contents, "kind") === wanted.kind &&
        scalarAt(d.contents, "name") === wanted.name,
    );
    if (!doc) {
      notes.push(`${wanted.kind} ${wanted.name}: its document was not found in the file; not written.`);
      continue;
    }
    for (const edit of wanted.edits) {
      const made = spliceOf(text, doc.contents as YAMLMap, edit, eol);
      if (made) splices.push(...made);
      else
        notes.push(`${wanted.kind} ${wanted.name}: ${describeEdit(edit)} could not be written in place; not written.`);
    }
  }
  return { text: applySplices(text, splices), notes };
}

function scalarAt(map: YAMLMap, key: string): unknown {
  const value = pairOf(map, key)?.value;
  return isScalar(value) ? value.value : undefined;
}

function describeEdit(edit: YamlEdit): string {
  return edit.op === "list"
    ? edit.key
    : edit.op === "item-set"
      ? `${edit.list}[${edit.index}].${edit.key}`
      : edit.key.join(".");
}

/** The mapping at `path` (all but the last key), or undefined when one is missing or not a mapping. */
function mapAt(root: YAMLMap, path: string[]): YAMLMap | undefined {
  let map: Node = root;
  for (const key of path) {
    const value: Node | null | undefined = isMap(map) ? pairOf(map, key)?.value : undefined;
    if (!isMap(value)) return undefined;
    map = value;
  }
  return map as YAMLMap;
}

function spliceOf(text: string, root: YAMLMap, edit: YamlEdit, eol: string): Splice[] | undefined {
  switch (edit.op) {
    case "set": {
      const map = mapAt(root, edit.key.slice(0, -1));
      const key = edit.key.at(-1)!;
      if (!map) return undefined;
      const pair = pairOf(map, key);
      if (!pair) {
        const inserted = insertPair(text, map, key, edit.value, edit.after ?? [], eol);
        return inserted ? [inserted] : undefined;
      }
      return isScalar(pair.value) && pair.value.range ? [replaceScalar(pair.value, edit.value, eol)] : undefined;
    }
    case "unset": {
      const map = mapAt(root, edit.key.slice(0, -1));
      const pair = map && pairOf(map, edit.key.at(-1)!);
      if (!map) return undefined;
      // Already absent: the YAML says what Adobe holds.
      if (!pair) return [];
      return map.flow ? undefined : [removePair(text, pair)];
    }
    case "list": {
      const pair = pairOf(root, edit.key);
      if (!pair || !isSeq(pair.value) || (!pair.value.flow && pair.value.items.length === 0)) return undefined;
      const items = pair.value.items as Node[];
      const remove = new Set(edit.removeAt);
      items.forEach((item, i) => {
        if (isScalar(item) && edit.removeValues.includes(String(item.value))) remove.add(i);
      });
      if ([...remove].some((i) => i >= items.length)) return undefined;
      return editSequence(text, pair, remove, edit.add, eol);
    }
    case "item-set": {
      const list = pairOf(root, edit.list)?.value;
      const item = isSeq(list) ? list.items[edit.index] : undefined;
      const value = isMap(item) ? pairOf(item, edit.key)?.value : undefined;
      return isScalar(value) && value.range ? [replaceScalar(value, edit.value, eol)] : undefined;
    }
  }
}
