// Maps a path inside a parsed YAML document (an ajv instancePath, or a rule's own path) to the file,
// line and column a user should look at. Positions come from the yaml Document's node ranges.
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from "yaml";
import type { SourceLocation } from "../domain/desired.js";

export type Path = ReadonlyArray<string | number>;

/** Where to point for a path: at its value, at its key (unknown fields), or at what holds it (missing fields). */
export type Anchor = "value" | "key" | "holder";

export class Locator {
  constructor(
    readonly file: string,
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
    /** Where the data sits in the document: the `aep-gitops` key of a package.json. */
    private readonly prefix: Path = [],
  ) {}

  at(relative: Path, anchor: Anchor = "value"): SourceLocation {
    const path = [...this.prefix, ...relative];
    const steps = this.walk(path);
    const last = steps[steps.length - 1];
    if (anchor === "holder") {
      // A missing field is reported at the key that introduces its map ("target:"), or the map itself.
      return this.offset(last?.pair?.key ?? last?.node ?? this.doc.contents);
    }
    if (steps.length < path.length) {
      // The path leaves the document (a missing value): point at the deepest part that exists.
      return this.offset(last?.node ?? last?.pair?.key ?? this.doc.contents);
    }
    if (anchor === "key" && last?.pair) return this.offset(last.pair.key);
    return this.offset(last?.node ?? last?.pair?.key ?? this.doc.contents);
  }

  /** The place of each item of the list at `path`, in one walk (the desired state records every item's place). */
  items(path: Path): SourceLocation[] {
    const steps = this.walk([...this.prefix, ...path]);
    const list = steps.length === this.prefix.length + path.length ? steps[steps.length - 1]?.node : null;
    if (!isSeq(list)) return [];
    return list.items.map((item) => this.offset(this.resolve(item as Node | null) ?? list));
  }

  /** Where the whole document starts and ends, to tell which document a problem belongs to. */
  get range(): { start: SourceLocation; end: SourceLocation } {
    const [start, , end] = this.doc.range ?? [0, 0, 0];
    return { start: this.position(start), end: this.position(Math.max(start, end - 1)) };
  }

  /** The positions of each step of the path that exists in the document. */
  private walk(path: Path): Array<{ node: Node | null; pair?: Pair }> {
    const steps: Array<{ node: Node | null; pair?: Pair }> = [];
    let node = this.resolve(this.doc.contents as Node | null);
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) break;
        const value = this.resolve(pair.value as Node | null);
        steps.push({ node: value, pair });
        node = value;
      } else if (isSeq(node) && typeof segment === "number") {
        const item = this.resolve(node.items[segment] as Node | null | undefined);
        if (!item) break;
        steps.push({ node: item });
        node = item;
      } else {
        break;
      }
    }
    return steps;
  }

  private resolve(node: Node | null | undefined): Node | null {
    if (isAlias(node)) return (node.resolve(this.doc) as Node | undefined) ?? null;
    return node ?? null;
  }

  private offset(node: unknown): SourceLocation {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return this.position(range ? range[0] : 0);
  }

  position(offset: number): SourceLocation {
    const { line, col } = this.lineCounter.linePos(offset);
    // A document without lines (a JavaScript config has no YAML positions) is reported at 1:1.
    return { file: this.file, line: Math.max(line, 1), column: Math.max(col, 1) };
  }
}
