// Maps a path inside a parsed YAML document (an ajv instancePath, or a rule's own path) to the file,
// line and column a user should look at. Positions are yaml's: a Locator reads its file's text with
// yaml's Document API the first time it is asked where something is, and most are never asked (a clean
// document reports nothing; yaml-file.ts reads the data with js-yaml). A file yaml has read already
// hands its Locators that reading, so no file is parsed by yaml twice.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from "yaml";
import type { Anchor, Locator as DomainLocator, Path } from "../domain/checks/document.js";
import type { SourceLocation } from "../domain/state/desired.js";

export type { Anchor, Path };

/** yaml's reading of a text: the documents that hold something, in order, and where its lines start. */
export interface Parsed {
  documents: Document[];
  lineCounter: LineCounter;
}

/** A file's text, read by yaml once, when a Locator of one of its documents first needs a position. */
export class YamlSource {
  constructor(
    readonly text: string,
    private parsed?: Parsed,
  ) {}

  get(): Parsed {
    return (this.parsed ??= parseHolding(this.text));
  }
}

/** The documents of a text that hold something (holdsSomething), as yaml reads them. */
function parseHolding(text: string): Parsed {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  return { documents: (Array.isArray(documents) ? documents : []).filter(holdsSomething), lineCounter };
}

/**
 * Whether a document is one a Locator may point into: read without a syntax error (a duplicate key is
 * not one) and neither empty nor null (a lone `---`, a `~`), as js-yaml's documents are (yaml-data.ts).
 */
export function holdsSomething(doc: Document): boolean {
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return false;
  return !doc.errors.some((e) => e.code !== "DUPLICATE_KEY");
}

export class Locator implements DomainLocator {
  constructor(
    readonly file: string,
    readonly source: YamlSource,
    /** Which document of the source's this is. */
    readonly document: number,
    /** Where the data sits in the document: the `aep-gitops` key of a package.json. */
    readonly prefix: Path = [],
  ) {}

  private doc(): Document | undefined {
    return this.source.get().documents[this.document];
  }

  at(relative: Path, anchor: Anchor = "value"): SourceLocation {
    const path = [...this.prefix, ...relative];
    const steps = this.walk(path);
    const last = steps[steps.length - 1];
    const fallback = this.doc()?.contents;
    if (anchor === "holder") return this.offset(last?.key ?? last?.node ?? fallback);
    // The path leaves the document (a missing value): point at the deepest part that exists.
    if (steps.length < path.length) return this.offset(last?.node ?? last?.key ?? fallback);
    if (anchor === "key" && last?.key) return this.offset(last.key);
    return this.offset(last?.node ?? last?.key ?? fallback);
  }

  /** Where the whole document starts and ends, to tell which document a problem belongs to. */
  get range(): { start: SourceLocation; end: SourceLocation } {
    const [start, , end] = this.doc()?.range ?? [0, 0, 0];
    return { start: this.position(start), end: this.position(Math.max(start, end - 1)) };
  }

  position(offset: number): SourceLocation {
    return positionIn(this.file, this.source.get().lineCounter, offset);
  }

  /** The nodes `path` reaches, as far as it exists; in a mapping, the first of equal keys, with its key. */
  private walk(path: Path): Array<{ node: Node | null; key?: Node }> {
    const steps: Array<{ node: Node | null; key?: Node }> = [];
    let node = this.resolve(this.doc()?.contents as Node | null);
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) break;
        const value = this.resolve(pair.value as Node | null);
        steps.push({ node: value, key: pair.key as Node });
        node = value;
      } else if (isSeq(node) && typeof segment === "number") {
        const item = this.resolve(node.items[segment] as Node | null | undefined);
        if (!item) break;
        steps.push({ node: item });
        node = item;
      } else break;
    }
    return steps;
  }

  /** An alias stands for the node it names. */
  private resolve(node: Node | null | undefined): Node | null {
    if (isAlias(node)) return (node.resolve(this.doc()!) as Node | undefined) ?? null;
    return node ?? null;
  }

  private offset(node: unknown): SourceLocation {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    return this.position(range ? range[0] : 0);
  }
}

/** An offset of a text as file:line:column (a text without lines, such as a JavaScript config's, at 1:1). */
export function positionIn(file: string, lineCounter: LineCounter, offset: number): SourceLocation {
  const { line, col } = lineCounter.linePos(offset);
  return { file, line: Math.max(line, 1), column: Math.max(col, 1) };
}
