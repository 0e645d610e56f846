// Maps a path inside a parsed YAML document (an ajv instancePath, or a rule's own path) to the file,
// line and column a user should look at. It reads a plain index of node positions (positions.ts) rather
// than the yaml Document, so a worker thread can build it and hand it over (toData / fromData), and the
// Document can be dropped as soon as its file is read.
import type { Document, LineCounter } from "yaml";
import type { SourceLocation } from "../domain/desired.js";
import { documentPositions, startOf, walk, type DocumentPositions } from "./positions.js";

export type Path = ReadonlyArray<string | number>;

/** Where to point for a path: at its value, at its key (unknown fields), or at what holds it (missing fields). */
export type Anchor = "value" | "key" | "holder";

/** Everything a Locator knows, as structured-clonable data. */
export interface LocatorData {
  file: string;
  positions: DocumentPositions;
  /** Offsets where each line starts (the LineCounter's); shared by the documents of one file. */
  lineStarts: number[];
  prefix: Path;
}

export class Locator {
  readonly file: string;
  private readonly positions: DocumentPositions;
  private readonly lineStarts: number[];
  private readonly prefix: Path;

  constructor(
    file: string,
    doc: Document,
    lineCounter: LineCounter,
    /** Where the data sits in the document: the `aep-gitops` key of a package.json. */
    prefix: Path = [],
  ) {
    this.file = file;
    this.positions = documentPositions(doc);
    this.lineStarts = lineCounter.lineStarts;
    this.prefix = prefix;
  }

  /** A Locator from positions already indexed (in this thread or another). */
  static of(file: string, positions: DocumentPositions, lineStarts: number[], prefix: Path = []): Locator {
    const locator = Object.create(Locator.prototype) as { -readonly [K in keyof LocatorData]: LocatorData[K] };
    locator.file = file;
    locator.positions = positions;
    locator.lineStarts = lineStarts;
    locator.prefix = prefix;
    return locator as unknown as Locator;
  }

  static fromData(data: LocatorData): Locator {
    return Locator.of(data.file, data.positions, data.lineStarts, data.prefix);
  }

  toData(): LocatorData {
    return { file: this.file, positions: this.positions, lineStarts: this.lineStarts, prefix: this.prefix };
  }

  at(relative: Path, anchor: Anchor = "value"): SourceLocation {
    const path = [...this.prefix, ...relative];
    const steps = walk(this.positions.root, path);
    const last = steps[steps.length - 1];
    const node = last?.node == null ? undefined : startOf(last.node);
    const fallback = this.positions.rootAt;
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
    const steps = walk(this.positions.root, full);
    const list = steps.length === full.length ? steps[steps.length - 1]?.node : null;
    if (list == null || typeof list === "number" || !("items" in list)) return [];
    return list.items.map((item) => this.position(item === null ? list.at : startOf(item)));
  }

  /** Where the whole document starts and ends, to tell which document a problem belongs to. */
  get range(): { start: SourceLocation; end: SourceLocation } {
    const { start, end } = this.positions;
    return { start: this.position(start), end: this.position(Math.max(start, end - 1)) };
  }

  position(offset: number): SourceLocation {
    const { line, col } = linePos(this.lineStarts, offset);
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
