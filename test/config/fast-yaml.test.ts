// The fast paths (fast-yaml.ts, and fast-values.ts with its positions read on demand) must give exactly
// what yaml gives: the same data, problems and the position of every node, or step aside. Each case
// below is read every way and compared whole.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDocument, stringify, type Scalar } from "yaml";
import { fastFile, resolvePlain } from "../../src/config/fast-yaml.js";
import { fastValues } from "../../src/config/fast-values.js";
import { parseYamlFile, type Positions } from "../../src/config/yaml-file.js";
import { repositoryYamlFiles } from "../support/repo-yaml.js";

/** Every reading of one text, as comparable plain data (positions read on demand are read here). */
function bothWays(text: string) {
  const bytes = Buffer.from(text, "utf8");
  const plain = (fast: boolean, positions: Positions = "eager") => {
    const read = parseYamlFile("f.yaml", bytes, { fast, positions });
    return {
      problems: read.problems,
      documents: read.documents.map((d) => ({ value: d.value, locator: d.locator.resolved() })),
    };
  };
  return {
    fast: plain(true),
    onDemand: plain(true, "on-demand"),
    general: plain(false),
    tookFastPath: fastFile(text) !== undefined,
    tookValuePath: fastValues(text) !== undefined,
  };
}

const CASES: Record<string, string> = {
  "scalars of every core type": `a: 1\nb: -2\nc: +3\nd: 0o17\ne: 0x1F\nf: 1.5\ng: .5\nh: 1e3\ni: -1.5E-2\nj: .inf\nk: -.Inf\nl: .nan\nm: true\nn: False\no: NULL\np: ~\nq:\nr: 0b101\ns: 1_000\nt: 2001-12-14\nu: 012\nv: 1.\n`,
  "quoted and block scalars": `a: 'it''s'\nb: "tab\\tnew\\nline \\u00e9"\nc: |\n  line 1\n  line 2\nd: >-\n  folded\n  text\n\ne: |+\n  kept\n\nf: "1"\ng: 'true'\n`,
  "multi-line plain and unicode": `description: a long\n  description over\n  three lines\nname: café ☕ 名前\nemoji: "😀"\n`,
  "empty values and comments": `# head\n\na:\nb: # trailing\n  - x\n  -\n  - # c\n    y\nc:   \nd: 1 # c\n# tail\n`,
  "flow collections": `a: []\nb: {}\nc: [1, two, "three", {k: v}]\nd: {x: 1, y: [a, b]}\ne: [ ]\n`,
  "sequences at the key's indentation": `audiences:\n- id: a\n  name: b\n- id: c\nlists:\n  - [1, 2]\n  - []\n`,
  "compact nested sequences": `lists:\n  - - 1\n    - 2\n  - []\n`,
  "odd keys": `1: one\n1.5: x\ntrue: t\n"quoted key": q\nnull: n\n~x: y\n`,
  "keys that are both '' once read": `'': empty\nnull: n\n`,
  "keys that collide once resolved": `1: a\n01: b\n`,
  "a duplicate key": `a: 1\nb: 2\na: 3\n`,
  "a syntax error": `a: [1, 2\nb: 3\n`,
  "a bad indentation": `a:\n  b: 1\n c: 2\n`,
  "anchors and aliases": `a: &x [1]\nb: *x\n`,
  "a tag": `a: !!str 1\n`,
  "a merge key": `a: {x: 1}\nb:\n  <<: {y: 2}\n`,
  "two documents": `a: 1\n---\nb: 2\n`,
  "a document start": `---\na: 1\n`,
  "documents with comments between": `# c\n---\na: 1\n--- # two\n# x\n\nb: 2\n# t\n`,
  "a document end": `a: 1\n...\n---\nb: 2\n`,
  "an empty last document": `a: 1\n---\n`,
  "a tab": `a:\t1\n`,
  "CRLF line ends": `a: 1\r\nb: 2\r\n`,
  "a scalar document": `just text\n`,
  "a list document": `- a\n- b\n`,
  "an explicit key": `? a\n: 1\n`,
  "a __proto__ key": `__proto__: 1\na: 2\n`,
  "no newline at the end": `a: 1\nb: [x]`,
  "a key over 1024 characters": `${"k".repeat(1100)}: 1\n`,
  "a line of exactly 1024 characters": `a: 1\n${"k".repeat(1021)}: 1\nb: 2\n`,
  "a last line over 1024 characters, no newline": `a: 1\n${"k".repeat(1022)}: 1`,
  "a key that reads as null": `~: x\na: 1\n`,
  "a collection as a key": `[a, b]: c\nd: 1\n`,
  "a flow mapping as a key": `x: {{a: 1}: c}\n`,
  "keys Object.prototype also has": `constructor: x\ntoString: y\nhasOwnProperty: z\n`,
  "deep nesting": `${Array.from({ length: 40 }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n")} end\n`,
};

describe("the fast path reads exactly what yaml reads", () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(name, () => {
      const { fast, onDemand, general } = bothWays(text);
      expect(fast).toEqual(general);
      expect(onDemand).toEqual(general);
    });
  }

  it("and takes every plain case itself, leaving the unusual ones to yaml", () => {
    const took = Object.fromEntries(Object.entries(CASES).map(([name, text]) => [name, bothWays(text).tookFastPath]));
    expect(took).toEqual({
      "scalars of every core type": true,
      "quoted and block scalars": true,
      "multi-line plain and unicode": true,
      "empty values and comments": false, // an empty node followed by a comment: yaml places it
      "flow collections": true,
      "sequences at the key's indentation": true,
      "compact nested sequences": true,
      "odd keys": true,
      "keys that collide once resolved": false,
      "a duplicate key": false,
      "a syntax error": false,
      "a bad indentation": false,
      "anchors and aliases": false,
      "a tag": false,
      "a merge key": false,
      "two documents": true,
      "a document start": true,
      "documents with comments between": true,
      "a document end": false,
      "an empty last document": false,
      "keys that are both '' once read": false,
      "a tab": false,
      "CRLF line ends": false,
      "a scalar document": false,
      "a list document": false,
      "an explicit key": false,
      "a __proto__ key": false,
      "no newline at the end": true,
      "a key over 1024 characters": false, // yaml refuses it: its message, at its place
      "a line of exactly 1024 characters": true,
      "a last line over 1024 characters, no newline": false,
      "a key that reads as null": true,
      "a collection as a key": false,
      "a flow mapping as a key": false,
      "keys Object.prototype also has": false, // yaml reads them; the walk is cautious
      "deep nesting": true,
    });
  });

  it("and the data-only path (fast-values.ts) takes what it can prove yaml reads the same", () => {
    const took = Object.entries(CASES).flatMap(([name, text]) => (bothWays(text).tookValuePath ? [name] : []));
    expect(took).toEqual([
      "scalars of every core type",
      "quoted and block scalars",
      "multi-line plain and unicode",
      "empty values and comments", // its positions, when asked for, are yaml's
      "flow collections",
      "sequences at the key's indentation",
      "compact nested sequences",
      "two documents",
      "a document start",
      "documents with comments between",
      "no newline at the end",
      "a line of exactly 1024 characters",
      "keys Object.prototype also has",
      "deep nesting",
    ]);
  });

  it("on every fixture and example in the repository", () => {
    const files = repositoryYamlFiles();
    expect(files.length).toBeGreaterThan(50);
    let tookFast = 0;
    let tookValues = 0;
    for (const file of files) {
      const { fast, onDemand, general, tookFastPath, tookValuePath } = bothWays(readFileSync(file, "utf8"));
      expect({ file, ...fast }).toEqual({ file, ...general });
      expect({ file, ...onDemand }).toEqual({ file, ...general });
      if (tookFastPath) tookFast++;
      if (tookValuePath) tookValues++;
    }
    expect(tookFast).toBeGreaterThan(files.length / 2);
    expect(tookValues).toBeGreaterThan(files.length / 2);
  });

  it("on a thousand random documents written in every style yaml writes", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
    const SCALARS = [
      "x",
      "a b",
      "1",
      "-2.5",
      "true",
      "null",
      "",
      "~",
      "0x1f",
      "0o7",
      "1e5",
      "it's",
      'say "hi"',
      "a: b",
      "- x",
      "#no",
      "é",
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
          `${pick(["k", "name", "1", "a b"])}${i}`,
          value(depth + 1),
        ]),
      );
    };
    let tookFast = 0;
    let tookValues = 0;
    for (let i = 0; i < 1000; i++) {
      const doc = { apiVersion: "aep-gitops/v1", n: i, body: value(0) };
      const text = stringify(doc, {
        indentSeq: random() < 0.5,
        collectionStyle: pick(["any", "block", "flow"] as const),
        defaultStringType: pick(["PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE", "BLOCK_LITERAL", "BLOCK_FOLDED"] as const),
        defaultKeyType: pick([null, "PLAIN", "QUOTE_DOUBLE"] as const),
        lineWidth: pick([0, 20, 80]),
      });
      const { fast, onDemand, general, tookFastPath, tookValuePath } = bothWays(text);
      expect({ text, ...fast }).toEqual({ text, ...general });
      expect({ text, ...onDemand }).toEqual({ text, ...general });
      if (tookFastPath) tookFast++;
      if (tookValuePath) tookValues++;
    }
    expect(tookFast).toBeGreaterThan(500);
    expect(tookValues).toBeGreaterThan(500);
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
