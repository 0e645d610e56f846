// Bad input: mutations of the shipped examples, each file self-contained (its own account) and with its
// names suffixed, so a batch of files in one folder only interacts through what a mutation broke.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Rng } from "./rng.js";

const EXAMPLES = path.resolve(import.meta.dirname, "../../../examples/destinations");
const read = (name: string) => readFileSync(path.join(EXAMPLES, name), "utf8");
const NAMES = [
  "summer-advertising-campaign",
  "realtime-personalization",
  "loyalty-winback",
  "event-hubs-analytics",
  "kinesis-marketing",
];

/** The environment the examples reference (their secrets are part of the secret scan). */
export const EXAMPLE_ENV = {
  KINESIS_MARKETING_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
  KINESIS_MARKETING_SECRET_KEY: "example-kinesis-secret-Hh31",
  EVENT_HUBS_ANALYTICS_SAS_KEY: "example-sas-key-Uu82",
};

/** The examples as self-contained files: loyalty-winback gets the account it shares with the summer campaign. */
export function baseCorpus(): string[] {
  const summer = read("summer-advertising-campaign.yaml");
  const account = summer.slice(summer.indexOf("apiVersion:"), summer.indexOf("---"));
  return [summer, read("realtime-personalization.yaml"), `${account}---\n${read("loyalty-winback.yaml")}`];
}

export function suffixNames(text: string, suffix: string): string {
  return NAMES.reduce((t, name) => t.replaceAll(name, `${name}-${suffix}`), text);
}

type Mutator = (text: string, r: Rng) => string | Buffer;

const SWAPS = [
  "[]",
  "{}",
  "123",
  "-1",
  "true",
  "null",
  "~",
  '""',
  "[1, 2]",
  "{a: 1}",
  ".nan",
  "0x1F",
  "1e309",
  "2024-01-01",
  "!!binary aGVsbG8=",
  "!!str 5",
  "'\\u0000'",
  "|\n  multi\n  line",
];
const JUNK = [
  ": : :",
  "- - -",
  "? complex key",
  "&anchor",
  "*undefined_alias",
  "!!python/object:os.system ls",
  "%YAML 1.1",
  "%TAG ! tag:x,2000:",
  "...",
  "---",
  "{",
  "]",
  '"unclosed',
  "'unclosed",
  "key: [1, 2",
  "\t\tkey: tab",
  "<<: *nothing",
  "@at",
  "`tick`",
  "#comment only",
];
const UNICODE = [
  "\u202e",
  "\u2066",
  "\u200b",
  "\ufeff",
  "\u0000",
  "\u001b[31m",
  "\u007f",
  "\u0085",
  "\u2028",
  "é",
  "😀",
  "\ud800",
  "Ω",
  "\u0301",
];

const lines = (text: string) => text.split("\n");
const valueLines = (text: string) =>
  lines(text)
    .map((l, i) => [l, i] as const)
    .filter(([l]) => /^\s*-?\s*[A-Za-z]+:\s*\S/.test(l));

/** Every kind of damage, by name: the figure table counts files per kind. */
export const MUTATORS: Record<string, Mutator> = {
  "type swap": (text, r) => {
    const all = lines(text);
    const targets = valueLines(text);
    if (targets.length === 0) return text;
    const [line, i] = r.pick(targets);
    all[i] = line.replace(/:\s*\S.*$/, `: ${r.pick(SWAPS)}`);
    return all.join("\n");
  },
  truncation: (text, r) => text.slice(0, r.int(0, text.length - 1)),
  "byte truncation": (text, r) => Buffer.from(text).subarray(0, r.int(1, Buffer.byteLength(text) - 1)),
  "deep nesting": (text, r) => {
    const depth = 10_000;
    const nest = r.pick([
      `${"[".repeat(depth)}${"]".repeat(depth)}`,
      `${"{a: ".repeat(depth)}1${"}".repeat(depth)}`,
      "[".repeat(depth),
      `${"- ".repeat(depth)}x`,
    ]);
    return text.replace(/^description: .*$/m, `description: ${nest}`);
  },
  "huge string": (text, r) => {
    const size = r.pick([10 * 1024 * 1024, 2 * 1024 * 1024, 600 * 1024, 70 * 1024]);
    return text.replace(/^description: .*$/m, `description: ${r.pick(["x", "é", "ab "]).repeat(Math.ceil(size / 3))}`);
  },
  "huge key or line": (text, r) => `${r.pick(["k", "name"]).repeat(r.int(50_000, 200_000))}: 1\n${text}`,
  "alias bomb": (text, r) => {
    const levels = r.int(4, 9);
    const bomb = [
      "lol: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]",
      ...Array.from({ length: levels }, (_, i) => `l${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(", ")}]`),
    ];
    if (r.bool()) return `${bomb.join("\n")}\n---\n${text}`;
    const anchors = bomb.map((l) => l.replace(/^(\w+): /, "  - "));
    return text
      .replace(/^profileAttributes:/m, `x-bomb:\n${anchors.join("\n")}\nprofileAttributes:`)
      .replace(/^audiences:/m, `audiences: *a${levels}\nx-audiences:`);
  },
  "UTF-16": (text, r) => {
    const le = Buffer.from(text, "utf16le");
    if (r.bool()) return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
    const be = Buffer.from(le);
    be.swap16();
    return r.bool() ? Buffer.concat([Buffer.from([0xfe, 0xff]), be]) : be;
  },
  "Latin-1": (text) => Buffer.from(text.replace(/^description: (.*)$/m, "description: Café $1 – résumé"), "latin1"),
  "invalid UTF-8": (text, r) => {
    const bytes = Buffer.from(text);
    const bad = r.pick([
      [0xc3, 0x28],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0xff],
      [0xe2, 0x82],
    ]);
    const at = r.int(0, bytes.length);
    return Buffer.concat([bytes.subarray(0, at), Buffer.from(bad), bytes.subarray(at)]);
  },
  "BOM and UTF-32": (text, r) =>
    r.bool() ? `\ufeff${text}` : Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from(text, "utf16le")]),
  "NUL and control bytes": (text, r) => {
    const at = r.int(0, text.length);
    return `${text.slice(0, at)}${r.pick(["\0", "\0\0\0", "\x1b[2J", "\x07", "\x08\x08", "\r", "\x0c"])}${text.slice(at)}`;
  },
  "unicode in values": (text, r) => {
    const all = lines(text);
    const targets = all
      .map((l, i) => [l, i] as const)
      .filter(([l]) => /^(description|displayName|name| {4}name| {2}- name| {2}stream| {2}namespace): /.test(l));
    if (targets.length === 0) return text;
    const [line, i] = r.pick(targets);
    const [, key, value] = /^([^:]+): (.*)$/.exec(line)!;
    all[i] =
      `${key}: ${r.bool() ? JSON.stringify(`${value}${r.pick(UNICODE)}${value}`) : `${value}${r.pick(UNICODE)}${value}`}`;
    return all.join("\n");
  },
  "escapes in quoted values": (text, r) => {
    const key = r.pick(["description", "description", "account", "name"]);
    const escape = r.pick(["\\n::error::injected", "\\e[2J", "\\r\\x1b[1A", "\\u202e", "\\0", "\\x07", "\\u2028"]);
    return text.replace(
      new RegExp(`^${key}: (.*)$`, "m"),
      (_, v: string) => `${key}: "${v.replace(/"/g, "")}${escape}"`,
    );
  },
  "duplicate key": (text, r) => {
    const all = lines(text);
    const targets = valueLines(text);
    if (targets.length === 0) return `${text}\nname: a\nname: b\n`;
    const [line, i] = r.pick(targets);
    all.splice(i + 1, 0, r.bool() ? line : line.replace(/:\s*.*$/, ": duplicate"));
    return all.join("\n");
  },
  "byte flips": (text, r) => {
    const bytes = Buffer.from(text);
    for (let n = r.int(1, 8); n > 0; n--) bytes[r.int(0, bytes.length - 1)] = r.int(0, 255);
    return bytes;
  },
  "indentation and tabs": (text, r) => {
    const all = lines(text);
    const i = r.int(0, all.length - 1);
    all[i] = r.pick([`  ${all[i]}`, all[i]!.replace(/^ +/, ""), all[i]!.replace(/^ {2}/, "\t"), ` ${all[i]}`]);
    return all.join("\n");
  },
  "lines deleted or repeated": (text, r) => {
    const all = lines(text);
    const i = r.int(0, all.length - 1);
    if (r.bool()) all.splice(i, r.int(1, 3));
    else all.splice(i, 0, ...all.slice(i, i + r.int(1, 4)));
    return all.join("\n");
  },
  "junk inserted": (text, r) => {
    const all = lines(text);
    all.splice(r.int(0, all.length), 0, r.pick(JUNK));
    return all.join("\n");
  },
  "unknown or misspelled fields": (text, r) =>
    text.replace(
      r.pick([/^state:/m, /^profileAttributes:/m, /^ {2}region:/m, /^description:/m, /^kind:/m]),
      (m) =>
        r.pick([
          "colour: red\n",
          "",
          "stat:",
          "profileAttribute:",
          "  regoin:",
          "Description:",
          "kind: Destinaton\nx:",
        ]) + (r.bool() ? m : ""),
    ),
  "bad values": (text, r) =>
    text.replace(
      r.pick([
        /^name: .*$/m,
        /^ {2}region: .*$/m,
        /^ {2}- id: .*$/m,
        /^ {2}- person\..*$/m,
        /^type: .*$/m,
        /^apiVersion: .*$/m,
        /^ {2}secretKey: .*$/m,
        /^state: .*$/m,
      ]),
      (m) =>
        m.replace(
          /: .*$/,
          `: ${r.pick(["Not-A-Name-", "US-EAST-1", "72DDD79B-6B0A-4E97-A8D2-112CCD81BD02", "person/lastName", "amazon_kinesis", "aep-gitops/v2", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "${KINESIS}", "${env:bad-name}", "paused", "a".repeat(300)])}`,
        ),
    ),
  "merge keys and anchors": (text) =>
    `base: &base\n  region: us-east-1\n---\n${text.replace(/^target:$/m, "target:\n  <<: *base")}`,
  "many documents": (text, r) => `${text}\n${"---\n".repeat(r.int(2, 3_000))}${r.bool() ? "~\n" : ""}`,
  "line endings": (text, r) => (r.bool() ? text.replaceAll("\n", "\r\n") : text.replaceAll("\n", "\r")),
  empty: (_, r) => r.pick(["", "\n\n", "# only a comment\n", "---\n", "---\n...\n", "~", "null", "[]", "{}", "   "]),
};

export const KINDS = Object.keys(MUTATORS);
/** Kinds whose every output must be rejected (the file cannot be valid whatever the draw). */
export const ALWAYS_INVALID = new Set([
  "deep nesting",
  "alias bomb",
  "UTF-16",
  "Latin-1",
  "invalid UTF-8",
  "duplicate key",
  "empty",
]);

export interface FuzzCase {
  index: number;
  kind: string;
  bytes: Buffer;
}

/** File i: a random example, its names suffixed, damaged by one kind of mutation (kinds in turn). */
export function fuzzCase(index: number, r: Rng): FuzzCase {
  const kind = KINDS[index % KINDS.length]!;
  const text = suffixNames(r.pick(baseCorpus()), `f${index}`);
  let out = MUTATORS[kind]!(text, r);
  // A second, random mutation on a third of the files, so damage combines.
  if (typeof out === "string" && !ALWAYS_INVALID.has(kind) && r.bool(0.33))
    out = MUTATORS[r.pick(KINDS.filter((k) => !ALWAYS_INVALID.has(k) && k !== "empty"))]!(out, r);
  return { index, kind, bytes: typeof out === "string" ? Buffer.from(out) : out };
}
