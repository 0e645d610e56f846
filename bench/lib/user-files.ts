// How users' YAML really looks, for the benchmark corpora (bench/lib/scenario.ts: S, M, L; and
// bench/validate-bench.ts: 1,000 files). Issue 26: "the target was met on a vocabulary, not on users'
// files": the old corpora held only plain ASCII words, no comment, no quote, LF only, which is exactly
// what the loader's fast path takes (src/config/fast-yaml.ts sends a file with a tab, a CR, '&', '!' or '%'
// the slow way). What users write, and what this module puts in the files, deterministically (seeded per
// file: the same file always comes out the same, whatever order the files are written in):
// - '&' and '%' in free text ("Sales & Marketing", "50% off"), non-ASCII names ("Café Zürich – Ünïcode",
//   Japanese), apostrophes and double quotes inside names;
// - plain, single-quoted and double-quoted strings, a literal tab inside some quoted ones;
// - comments: whole-line, at the end of a value, some ending in '!', some with '&' or '%';
// - 10 % of the files with CRLF line endings (written on Windows, or with core.autocrlf);
// - a share written exactly as `aep-gitops import` writes them (src/cli/handlers/import.ts: emitYaml, its
//   header, the schema's key order, displayName, block style, yaml's own quoting).
// Every file stays valid, and what it declares is what the old corpus declared: same destinations,
// accounts, audiences (by id) and attributes, so the plan's calls are the same.
import { createHash } from "node:crypto";
import { emitYaml } from "../../src/config/emit.js";

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), seeded from strings. */
export function seeded(...parts: string[]): () => number {
  let state = createHash("sha256").update(parts.join("\0")).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)]!;

/** Names as people type them in Adobe's UI (audiences, display names): `n` keeps each one unique. */
const NAMES: ReadonlyArray<(n: string) => string> = [
  (n) => `Sales & Marketing ${n}`,
  (n) => `50% off – spring ${n}`,
  (n) => `Café Zürich – Ünïcode ${n}`,
  (n) => `東京の顧客 ${n}`,
  (n) => `ロイヤル会員 ${n} (ゴールド)`,
  (n) => `O'Brien's "VIP" buyers ${n}`,
  (n) => `Crème brûlée fans ${n}`,
  (n) => `Müller & Söhne – B2B ${n}`,
  (n) => `Newsletter subscribers ${n}`,
  (n) => `Cart abandoners (EU) ${n}`,
];

export function userName(key: string, n: string): string {
  return pick(seeded("name", key), NAMES)(n);
}

/** Descriptions; a tab typed (or pasted from a spreadsheet) into some. */
const DESCRIPTIONS: ReadonlyArray<(n: string) => string> = [
  (n) => `Sales & Marketing – campaign ${n}`,
  (n) => `50% off summer sale, wave ${n}`,
  (n) => `Café Zürich – Ünïcode loyalty feed ${n}`,
  (n) => `東京チーム向けのキャンペーン ${n}`,
  (n) => `Team\tEMEA\tcampaign ${n}`,
  (n) => `Don't export before the "go" from legal! (${n})`,
  (n) => `Generated campaign ${n}`,
];

export function userDescription(key: string, n: string): string {
  return pick(seeded("description", key), DESCRIPTIONS)(n);
}

const COMMENTS = [
  "Owner: Sales & Marketing",
  "Reviewed by legal – do not widen the audiences!",
  "50% of EU traffic goes through this stream",
  "TODO: 東京チームに確認する",
  "Zürich team's feed; ask Zoë before changing it!",
  "Kept in sync with the CRM export (see the wiki)",
];

const INLINE = ["# paused during the freeze!", "# 100% of the budget", "# Café & Co.", "# ok'd by Jürgen"];

/** A YAML scalar for `value`: plain where that reads back the same, else (or by chance) quoted. */
export function scalar(next: () => number, value: string): string {
  const plainOk =
    /^\p{L}/u.test(value) && !/[\t:#'"\n]|\s$/.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value);
  const style = next();
  if (plainOk && style < 0.5) return value;
  if (style < 0.75 || value.includes('"')) return `'${value.replace(/'/g, "''")}'`;
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

export function comment(next: () => number, indent = ""): string {
  return `${indent}# ${pick(next, COMMENTS)}\n`;
}

/** A value line with, now and then, a comment after it. */
export function valueLine(next: () => number, key: string, value: string, indent = ""): string {
  return `${indent}${key}: ${value}${next() < 0.15 ? ` ${pick(next, INLINE)}` : ""}\n`;
}

/** One file in ten with Windows line endings (chosen by a stable key, not by position). */
export function lineEndings(text: string, key: string): string {
  return seeded("crlf", key)() < 0.1 ? text.replace(/\n/g, "\r\n") : text;
}

export interface DestinationDoc {
  name: string;
  displayName?: string;
  type: "amazon-kinesis";
  account: string;
  description: string;
  state: "enabled" | "disabled";
  marketingActions?: string[];
  target: Record<string, string | boolean>;
  audiences: { id: string; name: string }[];
  profileAttributes: string[];
}

/** A destination as a person writes it by hand: comments, any quoting, a flow-style list now and then. */
export function handWritten(doc: DestinationDoc, key: string, schemaPath: string): string {
  const next = seeded("hand", key);
  const maybe = (p: number, text: string) => (next() < p ? text : "");
  let out = `# yaml-language-server: $schema=${schemaPath}\n`;
  out += maybe(0.5, comment(next));
  out += `apiVersion: aep-gitops/v1\nkind: Destination\nname: ${doc.name}\n`;
  if (doc.displayName) out += `displayName: ${scalar(next, doc.displayName)}\n`;
  out += `type: ${doc.type}\n`;
  out += valueLine(next, "account", doc.account);
  out += `description: ${scalar(next, doc.description)}\n`;
  out += valueLine(next, "state", doc.state);
  if (doc.marketingActions) {
    out += "# Adobe's data-usage verdict is asked for what starts leaving (issue 25)!\n";
    out += `marketingActions: [${doc.marketingActions.join(", ")}]\n`;
  }
  out += `target:\n`;
  for (const [k, v] of Object.entries(doc.target))
    out += valueLine(next, k, typeof v === "string" ? scalar(next, v) : String(v), "  ");
  out += maybe(0.3, comment(next));
  out += "audiences:\n";
  for (const a of doc.audiences) {
    out += maybe(0.05, comment(next, "  "));
    out +=
      next() < 0.2
        ? `  - { id: ${a.id}, name: ${next() < 0.5 ? `'${a.name.replace(/'/g, "''")}'` : JSON.stringify(a.name)} }\n`
        : `  - id: ${a.id}\n    name: ${scalar(next, a.name)}\n`;
  }
  out += "profileAttributes:\n";
  for (const p of doc.profileAttributes) out += `  - ${p}\n`;
  return out;
}

/** Exactly what `aep-gitops import` writes for a destination (src/cli/handlers/import.ts). */
export function imported(doc: DestinationDoc, sandbox: string, schemaPath: string, adoptId?: string): string {
  const ordered = {
    apiVersion: "aep-gitops/v1",
    kind: "Destination",
    name: doc.name,
    ...(doc.displayName ? { displayName: doc.displayName } : {}),
    type: doc.type,
    account: doc.account,
    description: doc.description,
    state: doc.state,
    ...(adoptId ? { adoptId } : {}),
    target: doc.target,
    audiences: doc.audiences,
    profileAttributes: doc.profileAttributes,
  };
  const header = [
    `Imported by aep-gitops from sandbox '${sandbox}'. adoptId marks the existing object the next apply adopts.`,
  ];
  return emitYaml(ordered, { schemaPath, header });
}
