// The one reader (yaml-file.ts) reads a file's data with js-yaml where js-yaml's own parse shows it reads
// it as yaml does (yaml-data.ts), and with yaml otherwise. Both readings must give exactly what yaml
// alone gives: the same data, the same problems, and the same position for every path into every
// document. Each case below, every fixture and example, and YAML written in every style yaml writes
// are read both ways and compared whole.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDocument, stringify, type Scalar } from "yaml";
import type { Path } from "../../src/config/locator.js";
import { parseYamlFile } from "../../src/config/yaml-file.js";
import { resolvePlain, yamlData } from "../../src/config/yaml-data.js";
import { repositoryYamlFiles } from "../support/repo-yaml.js";

/** Every path into a value, each also with a segment that does not exist, and a few odd ones. */
function pathsOf(value: unknown, prefix: Array<string | number> = [], out: Path[] = [], depth = 0): Path[] {
  out.push(prefix, [...prefix, "missing"], [...prefix, 0], [...prefix, "0"], [...prefix, 99]);
  if (depth > 12 || out.length > 600 || typeof value !== "object" || value === null) return out;
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...prefix, i], out, depth + 1));
  else for (const [key, item] of Object.entries(value)) pathsOf(item, [...prefix, key], out, depth + 1);
  return out;
}

/** One reading of a text, as comparable plain data: its problems, and each document's data and positions. */
function reading(text: string, yamlOnly: boolean) {
  const read = parseYamlFile("f.yaml", Buffer.from(text, "utf8"), { yamlOnly });
  return {
    problems: read.problems,
    documents: read.documents.map(({ value, locator }) => ({
      value,
      range: locator.range,
      positions: pathsOf(value).map((p) => ({
        path: p,
        value: locator.at(p),
        key: locator.at(p, "key"),
        holder: locator.at(p, "holder"),
      })),
    })),
  };
}

/** Reads `text` both ways, expects them equal (in every key's order too), and says whether js-yaml read it. */
function compare(text: string, label: string = text): boolean {
  const general = reading(text, true);
  const actual = reading(text, false);
  expect({ label, ...actual }).toStrictEqual({ label, ...general });
  // Equal in every key's order too (toStrictEqual ignores it), where the data has no cycle.
  const json = (r: typeof actual) => {
    try {
      return JSON.stringify(r.documents.map((d) => d.value));
    } catch {
      return "a cycle";
    }
  };
  expect(json(actual)).toBe(json(general));
  return yamlData(text) !== undefined;
}

/** Each case, and whether js-yaml reads it (true) or leaves it to yaml (false). */
const CASES: Record<string, [string, boolean]> = {
  "a destination file": [
    `# yaml-language-server: $schema=x\napiVersion: aep-gitops/v1\nkind: Destination\nname: a\naudiences:\n  - id: x\n    name: Y\n`,
    true,
  ],
  "scalars of every core type": [
    `a: 1\nb: -2\nc: +3\nd: 0o17\ne: 0x1F\nf: 1.5\ng: .5\nh: 1e3\ni: -1.5E-2\nj: .inf\nk: -.Inf\nl: .nan\nm: true\nn: False\no: NULL\np: ~\nq:\nr: 0b101\ns: 1_000\nt: 2001-12-14\nu: 012\nv: 1.\n`,
    true,
  ],
  "YAML 1.1 words and octals, text in 1.2": [`a: yes\nb: no\nc: on\nd: off\ne: y\nf: 0755\ng: 1:30\n`, true],
  "quoted and block scalars": [
    `a: 'it''s'\nb: "tab\\tnew\\nline \\u00e9"\nc: |\n  line 1\n  line 2\nd: >-\n  folded\n  text\n\ne: |+\n  kept\n\nf: "1"\ng: 'true'\n`,
    true,
  ],
  "multi-line plain and non-ASCII": [
    `description: a long\n  description over\n  three lines\nname: café ☕ 名前\nemoji: "😀"\n`,
    true,
  ],
  "an ampersand, a bang and a percent in text": [
    `description: sales & marketing! 50% off\nname: "a & b"\nc: 'x !y'\nd: a&b\n`,
    true,
  ],
  "a comment ending in a bang, one with an ampersand": [`# owned by marketing!\n# a & b\na: 1 # yes!\n`, true],
  "a percent at the start of a value": [`a: "%x"\nb: 50%\n`, true],
  "empty values and comments": [
    `# head\n\na:\nb: # trailing\n  - x\n  -\n  - # c\n    y\nc:   \nd: 1 # c\n# tail\n`,
    true,
  ],
  "flow collections": [`a: []\nb: {}\nc: [1, two, "three", {k: v}]\nd: {x: 1, y: [a, b]}\ne: [ ]\n`, true],
  "sequences at the key's indentation": [`audiences:\n- id: a\n  name: b\n- id: c\nlists:\n  - [1, 2]\n  - []\n`, true],
  "compact nested sequences": [`lists:\n  - - 1\n    - 2\n  - []\n`, true],
  "flow pairs in a sequence": [`list: [a: 1, b, c: [2]]\n`, true],
  "a flow pair with a collection key": [`list: [[a]: 1]\n`, false],
  "odd keys": [`1: one\n1.5: x\ntrue: t\n"quoted key": q\n~x: y\n0x1F: hex\n`, true],
  "keys that objects already have": [`constructor: x\ntoString: y\nhasOwnProperty: z\n`, true],
  "a tab after a colon and in a value": [`a:\t1\nb: x\ty\n`, true],
  "a tab before a comment": [`a: 1\t# c\n`, true],
  "a tab as indentation": [`a:\n\tb: 1\n`, false],
  "CRLF line ends": [
    `a: 1\r\nb:\r\n  - x\r\n  - "y\r\n    z"\r\nc: |\r\n  one\r\n  two\r\nd: >\r\n  x\r\n  y\r\n`,
    true,
  ],
  "a warning js-yaml gives (deficient indentation)": [`a:\n  - "y\n  z"\n`, false],
  "a BOM": [`\uFEFFa: 1\n`, true],
  "two documents": [`a: 1\n---\nb: 2\n`, true],
  "a document start": [`---\na: 1\n`, true],
  "documents with comments between": [`# c\n---\na: 1\n--- # two\n# x\n\nb: 2\n# t\n`, true],
  "a document end": [`a: 1\n...\n---\nb: 2\n`, true],
  "an empty last document": [`a: 1\n---\n`, true],
  "an empty document between": [`a: 1\n---\n---\nb: 2\n`, true],
  "a null document between": [`a: 1\n--- ~\n---\nb: 2\n`, true],
  "several documents of every kind": [`a: 1\n---\n- x\n- y\n---\n---\nplain text\n...\n`, true],
  "a scalar document": [`just text\n`, true],
  "a list document": [`- a\n- b\n`, true],
  "an explicit key": [`? a\n: 1\n`, true],
  "no newline at the end": [`a: 1\nb: [x]`, true],
  "deep nesting": [`${Array.from({ length: 40 }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n")} end\n`, true],
  "a line of exactly 1024 characters": [`a: 1\n${"k".repeat(1021)}: 1\nb: 2\n`, false],
  // yaml's reading wins wherever the two could differ:
  "anchors and aliases": [`base: &b\n  region: us-east-1\ncopy: *b\nlist: [&x 1, *x, *x]\n`, false],
  "an alias inside its own anchor": [`a: &a [1, *a]\n`, false],
  "an anchor on a key": [`&k key: 1\nother: *k\n`, false],
  "an anchor redefined": [`a: &x 1\nb: *x\nc: &x 2\nd: *x\n`, false],
  "an alias bomb": [
    `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b]\n`,
    false,
  ],
  "a merge key": [`base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\n`, false],
  "a merge key without an alias": [`a: {x: 1}\nb:\n  <<: {y: 2}\n`, false],
  "YAML 1.1 with a merge key": [`%YAML 1.1\n---\nbase: &b {x: 1}\nuse:\n  <<: *b\n  on: yes\n`, false],
  "a %YAML 1.1 directive": [`%YAML 1.1\n---\na: yes\nb: 012\n`, false],
  "a %YAML 1.2 directive": [`%YAML 1.2\n---\na: 1\n`, false],
  "an unknown directive": [`%FOO bar\n---\na: 1\n`, false],
  tags: [`a: !!str 12\nb: !custom x\nc: !!float 1\nd: !!binary aGk=\ne: !!set {x, y}\n`, false],
  "a core tag": [`a: !!str 12\n`, false],
  "a non-specific tag": [`a: ! 12\n`, false],
  "a duplicate key": [`a: 1\nb: 2\na: 3\n`, false],
  "keys that collide once resolved": [`1: a\n01: b\n`, false],
  "keys that are both '' once read": [`'': empty\nnull: n\n`, false],
  "number, boolean and null keys": [`1: one\ntrue: yes\nnull: none\n~: tilde\n`, false],
  "a key that reads as null": [`~: x\na: 1\n`, false],
  "a collection as a key": [`[a, b]: c\nd: 1\n`, false],
  "a flow mapping as a key": [`x: {{a: 1}: c}\n`, false],
  "non-scalar explicit keys": [`? [a, b]\n: 1\n? {c: d}\n: 2\ne: 3\n`, false],
  "a __proto__ key": [`__proto__: {polluted: true}\nsafe: 1\n`, false],
  "a key over 1024 characters": [`${"k".repeat(1100)}: 1\n`, false],
  "a syntax error": [`a: [1, 2\nb: 3\n`, false],
  "a comment right after a quoted value": [`a: "b"#c\nd: 'e'#f\n`, false],
  "a comment right after a flow collection": [`a: [b]#c\nd: {e: f}#g\n`, false],
  "a hash inside a plain value": [`a: b#c\nd: "e" #f\n`, true],
  "a flow collection with a trailing comma": [`a: [b,]\nc: {d,}\n`, true],
  "a tab as indentation of a list item": [`a:\n  - 1\n\t- 2\n`, false],
  "a tab inside a block scalar's indentation": [`a: |\n  x\n\ty\n`, false],
  "a mapping in a plain value": [`a: b: c\n`, false],
  "an unterminated quote": [`a: "unterminated\n`, false],
  escapes: [`"a\\x41": "\\/ \\N\\_\\L\\P \\u00e9"\nb: "x\\\n  y"\n`, true],
  "odd numbers": [`a: 0x_1\nb: 1e\nc: +.inf\nd: -.NaN\ne: 0o\nf: 00\ng: -0x1\nh: 1__0\n`, true],
  "a document end, then more": [`a: b\n...\nc: d\n`, true],
  "a value after the document start": [`--- a\n`, true],
  "flow collections over lines": [`a: {b: [c,\n d]}\ne: [\n  f]\n`, true],
  "flow collections over lines, under-indented": [`a: [\n1]\n`, false],
  "quoted text over lines, under-indented": [`a: "x\ny"\n`, false],
  "unusual spaces and line breaks": [`a: b\u0085c\nd: \u00a0e\nf: g\u2028h\n`, true],
  "a control character": [`a: \u0001\n`, false],
  "several syntax errors": [`a: [1, 2\nb: : c\n  bad: indent\n`, false],
  "a bad indentation": [`a:\n  b: 1\n c: 2\n`, false],
  "nesting over 100": [`a: ${"[".repeat(150)}${"]".repeat(150)}\n`, false],
  "an empty file of comments": [`# nothing\n`, false],
  "only a separator": [`---\n`, false],
  "only a null": [`~\n`, false],
};

describe("js-yaml's reading is yaml's", () => {
  it.each(Object.entries(CASES))("%s", (name, [text, jsYaml]) => {
    expect({ name, jsYaml: compare(text) }).toEqual({ name, jsYaml });
  });

  it("on every fixture and example in the repository, most read by js-yaml", () => {
    const files = repositoryYamlFiles();
    expect(files.length).toBeGreaterThan(50);
    let jsYaml = 0;
    for (const file of files) if (compare(readFileSync(file, "utf8"), file)) jsYaml++;
    expect(jsYaml).toBeGreaterThan(files.length * 0.8);
  });

  it("on YAML written from arbitrary data, in block and flow style", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (value, flow) => {
        compare(stringify({ value }, { collectionStyle: flow ? "flow" : "block" }));
      }),
      { numRuns: 300 },
    );
  });

  it("on a thousand random documents written in every style yaml writes, line ends and all", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
    const SCALARS = [
      "x",
      "a b",
      "1",
      "-2.5",
      "true",
      "yes",
      "null",
      "",
      "~",
      "0x1f",
      "0o7",
      "012",
      "1e5",
      "it's",
      'say "hi"',
      "a: b",
      "- x",
      "#no",
      "a # b",
      "sales & marketing",
      "&x",
      "*y",
      "!z",
      "%p",
      "wow!",
      "tab\there",
      "é ☕ 😀",
      "line\nbreak",
      " lead",
      "trail ",
      12,
      3.25,
      -7,
      true,
      false,
      null,
    ];
    const value = (depth: number): unknown => {
      const r = random();
      if (depth > 3 || r < 0.45) return pick(SCALARS);
      if (r < 0.7) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 4) }, (_, i) => [
          `${pick(["k", "name", "1", "a b", "x&y", "wow!"])}${i}`,
          value(depth + 1),
        ]),
      );
    };
    let jsYaml = 0;
    for (let i = 0; i < 1000; i++) {
      const doc = { apiVersion: "aep-gitops/v1", n: i, body: value(0) };
      let text = stringify(doc, {
        indentSeq: random() < 0.5,
        collectionStyle: pick(["any", "block", "flow"] as const),
        defaultStringType: pick(["PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE", "BLOCK_LITERAL", "BLOCK_FOLDED"] as const),
        defaultKeyType: pick([null, "PLAIN", "QUOTE_DOUBLE"] as const),
        lineWidth: pick([0, 20, 80]),
      });
      if (random() < 0.2) text = `# a comment!\n${text}`;
      if (random() < 0.2) text = text.replace(/\n/g, "\r\n");
      if (random() < 0.1) text = `${text}---\n${text}`;
      if (compare(text)) jsYaml++;
    }
    expect(jsYaml).toBeGreaterThan(900);
  });
});

describe("plain scalars", () => {
  it("resolve exactly as yaml resolves them, on ten thousand texts made of number and word characters", () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const ALPHABET = "0123456789+-.eExXoOabcdfinINFaAlLsStTrRuU_~";
    const WORDS = [
      "null",
      "Null",
      "NULL",
      "true",
      "True",
      "TRUE",
      "false",
      "False",
      "FALSE",
      ".inf",
      ".NaN",
      "0x",
      "0o",
    ];
    let compared = 0;
    for (let i = 0; i < 10_000; i++) {
      const length = 1 + Math.floor(random() * 6);
      // A word with its letters' case flipped at random ("nULL", "tRue"), or nothing, then more characters.
      const word = random() < 0.4 ? WORDS[Math.floor(random() * WORDS.length)]! : "";
      let text = [...word]
        .map((c) => (random() < 0.2 ? c.toUpperCase() : random() < 0.2 ? c.toLowerCase() : c))
        .join("");
      while (text.length < length) text += ALPHABET[Math.floor(random() * ALPHABET.length)];
      const doc = parseDocument(`v: ${text}`);
      const scalar = doc.get("v", true) as Scalar | undefined;
      // Only what yaml itself reads as this one plain scalar is a fair comparison.
      if (doc.errors.length > 0 || scalar?.type !== "PLAIN" || scalar.source !== text) continue;
      expect({ text, value: resolvePlain(text) }).toEqual({ text, value: scalar.value });
      compared++;
    }
    expect(compared).toBeGreaterThan(5000);
  });

  it("resolve as yaml's core schema resolves them", () => {
    expect(
      ["1", "-0", "0o10", "0x10", "1.50", ".Inf", "-.inf", "1e2", "TRUE", "True", "tRue", "Null", "", "0b1", "1_0"].map(
        resolvePlain,
      ),
    ).toEqual([1, -0, 8, 16, 1.5, Infinity, -Infinity, 100, true, true, "tRue", null, null, "0b1", "1_0"]);
  });
});
