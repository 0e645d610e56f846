// The Locator answers from a plain position index (positions.ts, plain-data.ts) exactly what walking the
// yaml Document answered, for every path of every document, with each anchor; and the one-walk
// conversion gives exactly yaml's toJS. The reference below is the Document-walking Locator as it was.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  stringify,
  type Document,
  type Node,
  type Pair,
} from "yaml";
import { Locator, type Anchor, type Path } from "../../src/config/locator.js";
import { plainDocument } from "../../src/config/plain-data.js";
import { documentPositions } from "../../src/config/positions.js";
import { repositoryYamlFiles } from "../support/repo-yaml.js";

class ReferenceLocator {
  constructor(
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
  ) {}

  at(path: Path, anchor: Anchor = "value") {
    const steps = this.walk(path);
    const last = steps[steps.length - 1];
    if (anchor === "holder") return this.offset(last?.pair?.key ?? last?.node ?? this.doc.contents);
    if (steps.length < path.length) return this.offset(last?.node ?? last?.pair?.key ?? this.doc.contents);
    if (anchor === "key" && last?.pair) return this.offset(last.pair.key);
    return this.offset(last?.node ?? last?.pair?.key ?? this.doc.contents);
  }

  items(path: Path) {
    const steps = this.walk(path);
    const list = steps.length === path.length ? steps[steps.length - 1]?.node : null;
    if (!isSeq(list)) return [];
    return list.items.map((item) => this.offset(this.resolve(item as Node | null) ?? list));
  }

  get range() {
    const [start, , end] = this.doc.range ?? [0, 0, 0];
    return { start: this.position(start), end: this.position(Math.max(start, end - 1)) };
  }

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
      } else break;
    }
    return steps;
  }

  private resolve(node: Node | null | undefined): Node | null {
    if (isAlias(node)) return (node.resolve(this.doc) as Node | undefined) ?? null;
    return node ?? null;
  }

  private offset(node: unknown) {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return this.position(range ? range[0] : 0);
  }

  private position(offset: number) {
    const { line, col } = this.lineCounter.linePos(offset);
    return { file: "f.yaml", line: Math.max(line, 1), column: Math.max(col, 1) };
  }
}

/** Every path into a value, each also with a segment that does not exist, and a few odd ones. */
function pathsOf(value: unknown, prefix: Array<string | number> = [], out: Path[] = [], depth = 0): Path[] {
  out.push(prefix, [...prefix, "missing"], [...prefix, 0], [...prefix, "0"], [...prefix, 99]);
  // Bounded: the guardrail fixtures hold hundreds of items, and a few paths into each say enough.
  if (depth > 12 || out.length > 3000 || typeof value !== "object" || value === null) return out;
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...prefix, i], out, depth + 1));
  else for (const [key, item] of Object.entries(value)) pathsOf(item, [...prefix, key], out, depth + 1);
  return out;
}

/** Checks every document of a text; returns how many went the one-walk way. */
function check(text: string): number {
  const lineCounter = new LineCounter();
  let plainCount = 0;
  for (const doc of parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true })) {
    const reference = new ReferenceLocator(doc, lineCounter);
    const general = new Locator("f.yaml", doc, lineCounter);
    const plain = plainDocument(doc);
    const locators = [general];
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch {
      value = null; // an alias bomb, too deep, an unresolved alias: the paths from the top still apply
    }
    if (plain) {
      plainCount++;
      expect(plain.value).toStrictEqual(value);
      expect(JSON.stringify(plain.value)).toBe(JSON.stringify(value));
      expect(plain.positions).toStrictEqual(documentPositions(doc));
      locators.push(Locator.of("f.yaml", plain.positions, lineCounter.lineStarts));
    }
    for (const locator of locators) {
      expect(locator.range).toStrictEqual(reference.range);
      for (const p of pathsOf(value)) {
        for (const anchor of ["value", "key", "holder"] as const) {
          expect(locator.at(p, anchor), `${JSON.stringify(p)} ${anchor}`).toStrictEqual(reference.at(p, anchor));
        }
        expect(locator.items(p)).toStrictEqual(reference.items(p));
      }
    }
  }
  return plainCount;
}

const ODD_DOCUMENTS: Record<string, string> = {
  "anchors and aliases": "base: &b\n  region: us-east-1\ncopy: *b\nlist: [&x 1, *x, *x]\n",
  "an alias inside its own anchor": "a: &a [1, *a]\n",
  "an anchor on a key": "&k key: 1\nother: *k\n",
  "an anchor inside a complex key": "? &c [1, 2]\n: one\nlater: *c\n",
  "an anchor redefined": "a: &x 1\nb: *x\nc: &x 2\nd: *x\n",
  "duplicate keys": "a: 1\nb: 2\na: 3\n",
  "non-scalar keys": "? [a, b]\n: 1\n? {c: d}\n: 2\ne: 3\n",
  "flow pairs in a sequence": "list: [a: 1, b, c: [2]]\n",
  "empty values and items": "a:\nb: ~\nlist:\n  -\n  - x\n  - \n",
  "number, boolean and null keys": "1: one\ntrue: yes\nnull: none\n~: tilde\n0x1F: hex\n",
  "keys that objects already have": "constructor: 1\ntoString: 2\nhasOwnProperty: 3\n",
  "a __proto__ key": "__proto__: {polluted: true}\nsafe: 1\n",
  "a merge key": "base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\n",
  "YAML 1.1 with a merge key": "%YAML 1.1\n---\nbase: &b {x: 1}\nuse:\n  <<: *b\n  on: yes\n",
  tags: "a: !!str 12\nb: !custom x\nc: !!float 1\nd: !!binary aGk=\ne: !!set {x, y}\n",
  "block scalars and quotes": "a: |\n  line\n  two\nb: >-\n  folded\nc: 'it''s'\nd: \"\\u00e9\"\n",
  "special numbers": "a: .inf\nb: -.inf\nc: .nan\nd: -0\ne: 0o17\nf: 1e3\n",
  "several documents": "a: 1\n---\n- x\n- y\n---\n---\nplain text\n...\n",
  "a scalar document": "just text\n",
  "an empty document": "# nothing\n",
  "deep nesting": "a: " + "[".repeat(300) + "]".repeat(300) + "\n",
  "syntax errors": "a: [1, 2\nb: : c\n  bad: indent\n",
  "tabs and comments": "a: 1 # c\n#x\nb:\n  - 2 # d\n",
};

describe("positions from the index are the Document's", () => {
  it("for every YAML file of the fixtures and examples, and the one-walk way takes most of them", () => {
    const files = repositoryYamlFiles();
    expect(files.length).toBeGreaterThan(40);
    let plain = 0;
    for (const file of files) plain += check(readFileSync(file, "utf8"));
    expect(plain).toBeGreaterThan(files.length / 2);
  });

  it.each(Object.entries(ODD_DOCUMENTS))("for %s", (_, text) => {
    check(text);
  });

  it("for YAML written from arbitrary data, in block and flow style", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (value, flow) => {
        check(stringify(value, { collectionStyle: flow ? "flow" : "block" }));
      }),
      { numRuns: 300 },
    );
  });
});
