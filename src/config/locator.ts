// Maps a path inside a parsed YAML document (an ajv instancePath, or a rule's own path) to the file,
// line and column a user should look at. It reads a plain index of node positions (positions.ts) rather
// than the yaml Document, so a worker thread can build it and hand it over (toData / fromData), and the
// Document can be dropped as soon as its file is read.
import type { Document, LineCounter } from "yaml";
import type { SourceLocation } from "../domain/state/desired.js";
import { documentPositions, startOf, walk, type DocumentPositions } from "./positions.js";

export type Path = ReadonlyArray<string | number>;

/** Where to point for a path: at its value, at its key (unknown fields), or at what holds it (missing fields). */
export type Anchor = "value" | "key" | "holder";

/** A document's index of positions (positions.ts) and where its file's lines start. */
export interface DocumentIndex {
  positions: DocumentPositions;
  /** Offsets where each line starts (the LineCounter's); shared by the documents of one file. */
  lineStarts: number[];
}

/**
 * Reads the index of every document of a file's text, in the order the file's documents were read
 * (yaml-file.ts's readPositions). Given to a Locator rather than imported, so that this file depends on
 * no parser.
 */
export type PositionReader = (text: string) => DocumentIndex[];

/** Everything a Locator knows, as structured-clonable data: its index, or the text to read it from. */
export type LocatorData = { file: string; prefix: Path } & (DocumentIndex | { text: string; index: number });

export class Locator {
  readonly file: string;
  private indexed?: DocumentIndex;
  /** Until the index is first needed: the text to read it from, and which document this is. */
  private pending?: { text: string; index: number; read: PositionReader };
  private readonly prefix: Path;

  constructor(
    file: string,
    doc: Document,
    lineCounter: LineCounter,
    /** Where the data sits in the document: the `aep-gitops` key of a package.json. */
    prefix: Path = [],
  ) {
    this.file = file;
    this.indexed = { positions: documentPositions(doc), lineStarts: lineCounter.lineStarts };
    this.prefix = prefix;
  }

  /** A Locator from positions already indexed (in this thread or another). */
  static of(file: string, positions: DocumentPositions, lineStarts: number[], prefix: Path = []): Locator {
    return Locator.make(file, prefix, { positions, lineStarts }, undefined);
  }

  /**
   * A Locator of document `index` of `text` that reads its positions only when first asked where
   * something is: most documents of a clean run are never asked (validate reports only problems).
   */
  static onDemand(file: string, text: string, index: number, read: PositionReader, prefix: Path = []): Locator {
    return Locator.make(file, prefix, undefined, { text, index, read });
  }

  /** Without the constructor, which indexes a yaml Document: these have their index, or its text. */
  private static make(file: string, prefix: Path, indexed?: Locator["indexed"], pending?: Locator["pending"]) {
    const locator = Object.create(Locator.prototype) as { -readonly [K in keyof Locator]: Locator[K] };
    Object.assign(locator, { file, prefix, indexed, pending });
    return locator as Locator;
  }

  /** `read` reads the positions of a Locator sent as its text (see onDemand). */
  static fromData(data: LocatorData, read: PositionReader): Locator {
    return "text" in data
      ? Locator.onDemand(data.file, data.text, data.index, read, data.prefix)
      : Locator.of(data.file, data.positions, data.lineStarts, data.prefix);
  }

  /** As it stands: a Locator not asked yet travels as its text, which is smaller than its index. */
  toData(): LocatorData {
    const { file, prefix } = this;
    if (this.pending) return { file, prefix, text: this.pending.text, index: this.pending.index };
    return { file, prefix, ...this.index() };
  }

  /** With its positions read (for tests comparing one way of reading with another). */
  resolved(): LocatorData {
    return { file: this.file, prefix: this.prefix, ...this.index() };
  }

  /** Its index of positions, read now if it was not yet. */
  index(): DocumentIndex {
    if (this.indexed) return this.indexed;
    const { text, index, read } = this.pending!;
    const indexed = read(text)[index];
    // Both ways of reading a text find the same documents (fast-yaml.test.ts): anything else is a bug.
    if (!indexed) throw new Error(`${this.file}: document ${index + 1} has no positions`);
    this.indexed = indexed;
    this.pending = undefined;
    return indexed;
  }

  at(relative: Path, anchor: Anchor = "value"): SourceLocation {
    const { positions } = this.index();
    const path = [...this.prefix, ...relative];
    const steps = walk(positions.root, path);
    const last = steps[steps.length - 1];
    const node = last?.node == null ? undefined : startOf(last.node);
    const fallback = positions.rootAt;
    if (anchor === "holder") {
      // A missing field is reported at the key that introduces its map ("target:"), or the map itself.
      return this.position(last?.keyAt ?? node ?? fallback);
    }
    if (steps.length < path.length) {
      // The path leaves the document (a missing value): point at the deepest part that exists.
      return this.position(node ?? last?.keyAt ?? fallback);
    }
    if (anchor === "key" && last?.keyAt !== undefined) return this.position(last.keyAt);
    return this.position(node ?? last?.keyAt ?? fallback);
  }

  /** The place of each item of the list at `path`, in one walk (the desired state records every item's place). */
  items(path: Path): SourceLocation[] {
    const full = [...this.prefix, ...path];
    const steps = walk(this.index().positions.root, full);
    const list = steps.length === full.length ? steps[steps.length - 1]?.node : null;
    if (list == null || typeof list === "number" || !("items" in list)) return [];
    return list.items.map((item) => this.position(item === null ? list.at : startOf(item)));
  }

  /** Where the whole document starts and ends, to tell which document a problem belongs to. */
  get range(): { start: SourceLocation; end: SourceLocation } {
    const { start, end } = this.index().positions;
    return { start: this.position(start), end: this.position(Math.max(start, end - 1)) };
  }

  position(offset: number): SourceLocation {
    const { line, col } = linePos(this.index().lineStarts, offset);
    // A document without lines (a JavaScript config has no YAML positions) is reported at 1:1.
    return { file: this.file, line: Math.max(line, 1), column: Math.max(col, 1) };
  }
}

/** yaml's LineCounter.linePos, over a plain array (the LineCounter itself stays in the thread that parsed). */
function linePos(lineStarts: number[], offset: number): { line: number; col: number } {
  let low = 0;
  let high = lineStarts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (lineStarts[mid]! < offset) low = mid + 1;
    else high = mid;
  }
  if (lineStarts[low] === offset) return { line: low + 1, col: 1 };
  if (low === 0) return { line: 0, col: offset };
  return { line: low, col: offset - lineStarts[low - 1]! + 1 };
}
