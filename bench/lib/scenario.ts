// The benchmark's scenarios: what each one declares (sandboxes × destinations × audiences × attributes),
// the YAML and tool config a user would write for it, and its 10 % churn (what the minimum client and the
// critical path look like is in accounting.ts). Deterministic: the same scenario always writes the same files.
// The files are written as users write them (bench/lib/user-files.ts says what that means, issue 26): '&',
// '%', non-ASCII and quoted names, tabs in quoted descriptions, comments, 10 % CRLF, a fifth of the
// destinations exactly as `aep-gitops import` writes them (without adoptId: the emulator's org starts
// empty, and an adoptId naming nothing would add a "deleted in Adobe" warning to every such create).
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  comment,
  handWritten,
  imported,
  lineEndings,
  scalar,
  seeded,
  userDescription,
  userName,
} from "./user-files.js";

export type ScenarioId = "S" | "M" | "L";
export type PhaseName = "first-apply" | "no-op-plan" | "churn-apply";

export interface ScenarioSpec {
  id: ScenarioId;
  title: string;
  sandboxes: string[];
  destinationsPerSandbox: number;
  audiencesPerDestination: number;
  attributesPerDestination: number;
  /** Audiences defined in each sandbox (destinations pick theirs from this pool). */
  audiencePool: number;
  /** Assumption: one Kinesis account per sandbox, shared by all its destinations. */
  accountsPerSandbox: number;
}

export const SCENARIOS: Record<ScenarioId, ScenarioSpec> = {
  S: {
    id: "S",
    title: "10 destinations",
    sandboxes: ["prod"],
    destinationsPerSandbox: 10,
    audiencesPerDestination: 10,
    attributesPerDestination: 10,
    audiencePool: 20,
    accountsPerSandbox: 1,
  },
  M: {
    id: "M",
    title: "100 destinations × 250 audiences × 50 attributes (Adobe's guardrail maxima)",
    sandboxes: ["prod"],
    destinationsPerSandbox: 100,
    audiencesPerDestination: 250,
    attributesPerDestination: 50,
    audiencePool: 300,
    accountsPerSandbox: 1,
  },
  L: {
    id: "L",
    title: "1,000 destinations over 10 sandboxes",
    sandboxes: Array.from({ length: 10 }, (_, i) => `sandbox-${String(i + 1).padStart(2, "0")}`),
    destinationsPerSandbox: 100,
    audiencesPerDestination: 20,
    attributesPerDestination: 10,
    audiencePool: 40,
    accountsPerSandbox: 1,
  },
};

/** The churn applied after the no-op plan, per sandbox. */
export interface Churn {
  /** Destinations whose audiences change (2 removed, 2 added): one PATCH each. */
  changed: number[];
  /** Destinations removed from YAML (deleted with prune: flow + target connection). */
  removed: number[];
  /** New destinations (target connection + flow). */
  added: number[];
}

export function churnOf(spec: ScenarioSpec): Churn {
  const n = spec.destinationsPerSandbox;
  const few = Math.max(1, Math.round(n * 0.02));
  const changed = Array.from({ length: Math.ceil(n / 10) }, (_, k) => k * 10); // every 10th: 10 %
  const removed = Array.from({ length: few }, (_, k) => n - 1 - k * 10); // never one of the changed
  const added = Array.from({ length: few }, (_, k) => n + k);
  return { changed, removed, added };
}

/** A lower-case v4-shaped UUID derived from a string: stable across runs. */
export function stableUuid(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join("\0")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface Audience {
  id: string;
  name: string;
}

export function audiencePool(spec: ScenarioSpec, sandbox: string): Audience[] {
  return Array.from({ length: spec.audiencePool }, (_, i) => ({
    id: stableUuid("bench-audience", sandbox, String(i)),
    name: userName(`audience/${sandbox}/${i}`, `${sandbox}-${i}`),
  }));
}

const ATTRIBUTE_POOL = Array.from({ length: 60 }, (_, i) => `_acme.bench.attribute${String(i).padStart(2, "0")}`);

export function destinationName(i: number): string {
  return `campaign-${String(i).padStart(4, "0")}`;
}

/** The audiences destination i exports (before and after churn). */
export function audiencesOf(spec: ScenarioSpec, pool: Audience[], i: number, churned: boolean): Audience[] {
  const start = (i * 7) % pool.length;
  const picked = Array.from({ length: spec.audiencesPerDestination }, (_, k) => pool[(start + k) % pool.length]!);
  if (!churned) return picked;
  // Drop the first two, add the two that follow the window: 2 removed + 2 added, one PATCH.
  const extra = [0, 1].map((k) => pool[(start + spec.audiencesPerDestination + k) % pool.length]!);
  return [...picked.slice(2), ...extra];
}

function attributesOf(spec: ScenarioSpec, i: number): string[] {
  const start = i % 10;
  return ATTRIBUTE_POOL.slice(start, start + spec.attributesPerDestination);
}

const HAND_SCHEMA = "../../schemas/aep-gitops.schema.json";
/** Where import points a file outside any repository: the schema's published $id (src/config/schema-location.ts). */
let importSchema: string | undefined;
function importSchemaPath(): string {
  importSchema ??= (
    JSON.parse(
      readFileSync(fileURLToPath(new URL("../../schemas/aep-gitops.schema.json", import.meta.url)), "utf8"),
    ) as { $id: string }
  ).$id;
  return importSchema;
}
/** A fifth of the destinations are written by `aep-gitops import`, the rest by hand. */
export const isImported = (sandbox: string, i: number): boolean => seeded("imported", sandbox, String(i))() < 0.2;
/** The marketing action hand-written files declare; the tool config gives it to the imported ones. */
export const MARKETING_ACTIONS = ["core/onsitePersonalization"];

function accountYaml(sandbox: string, k: number): string {
  const next = seeded("account", sandbox, String(k));
  return `# yaml-language-server: $schema=${HAND_SCHEMA}
${comment(next)}apiVersion: aep-gitops/v1
kind: Account
name: kinesis-${k}
type: amazon-kinesis
description: ${scalar(next, `${userDescription(`account/${sandbox}/${k}`, `${k}`)} (${sandbox})`)}
credentials:
  accessKeyId: AKIAIOSFODNN7EXAMPLE
  secretKey: \${env:KINESIS_SECRET_KEY} # never a literal secret!
  region: 'us-east-1'
`;
}

function destinationYaml(spec: ScenarioSpec, sandbox: string, pool: Audience[], i: number, churned: boolean): string {
  const name = destinationName(i);
  const key = `${sandbox}/${i}`;
  const named = seeded("display-name", key)() < 0.3;
  const doc = {
    name,
    ...(named ? { displayName: userName(`destination/${key}`, name) } : {}),
    type: "amazon-kinesis" as const,
    account: `kinesis-${i % spec.accountsPerSandbox}`,
    description: userDescription(`destination/${key}`, String(i)),
    state: "enabled" as const,
    target: { stream: name, region: "us-east-1" },
    audiences: audiencesOf(spec, pool, i, churned),
    profileAttributes: attributesOf(spec, i),
  };
  const text = isImported(sandbox, i)
    ? imported(doc, sandbox, importSchemaPath())
    : handWritten({ ...doc, marketingActions: MARKETING_ACTIONS }, key, HAND_SCHEMA);
  return lineEndings(text, key);
}

/** Writes one folder per sandbox: an accounts file and one file per destination, as users lay it out. */
export function writeScenario(spec: ScenarioSpec, root: string): { sandbox: string; dir: string }[] {
  return spec.sandboxes.map((sandbox) => {
    const dir = path.join(root, sandbox);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const pool = audiencePool(spec, sandbox);
    writeFileSync(
      path.join(dir, "accounts.yaml"),
      lineEndings(
        Array.from({ length: spec.accountsPerSandbox }, (_, k) => accountYaml(sandbox, k)).join("---\n"),
        `accounts/${sandbox}`,
      ),
    );
    for (let i = 0; i < spec.destinationsPerSandbox; i++)
      writeFileSync(path.join(dir, `${destinationName(i)}.yaml`), destinationYaml(spec, sandbox, pool, i, false));
    return { sandbox, dir };
  });
}

/** Edits the YAML in place: the 10 % churn (audiences moved, a few destinations removed and added). */
export function writeChurn(spec: ScenarioSpec, root: string): void {
  const churn = churnOf(spec);
  for (const sandbox of spec.sandboxes) {
    const dir = path.join(root, sandbox);
    const pool = audiencePool(spec, sandbox);
    for (const i of churn.changed)
      writeFileSync(path.join(dir, `${destinationName(i)}.yaml`), destinationYaml(spec, sandbox, pool, i, true));
    for (const i of churn.removed) rmSync(path.join(dir, `${destinationName(i)}.yaml`));
    for (const i of churn.added)
      writeFileSync(path.join(dir, `${destinationName(i)}.yaml`), destinationYaml(spec, sandbox, pool, i, false));
  }
}

/** The tool config a user would write for the tree: every sandbox and its folder (docs/design.md "Tool config"). */
export function writeToolConfig(root: string, folders: { sandbox: string; dir: string }[]): string {
  const file = path.join(root, "aep-gitops.config.yaml");
  const lines = folders.map((f) => `  ${f.sandbox}: ${JSON.stringify(path.relative(root, f.dir))}`);
  // The imported destinations declare no marketing action: the default below gives them the hand-written ones'.
  const actions = `marketingActions:\n  all: [${MARKETING_ACTIONS.join(", ")}]\n`;
  writeFileSync(file, `# Written by bench/lib/scenario.ts\nsandboxes:\n${lines.join("\n")}\n${actions}`);
  return file;
}

/**
 * The Profile union schema the emulator serves in every sandbox of a scenario (its `unionSchema` config),
 * fully resolved as the Schema Registry answers `xed-full`: the tenant's `_acme.bench.attributeNN` leaves
 * every destination exports, so the plan's attribute check finds them all.
 */
export function unionSchemaFor(): Record<string, unknown> {
  const leaf = (name: string) => ({ type: "string", "meta:xdmType": "string", title: name, description: name });
  const attributes = Object.fromEntries(ATTRIBUTE_POOL.map((p) => p.split(".").at(-1)!).map((n) => [n, leaf(n)]));
  return {
    $id: "https://ns.adobe.com/xdm/context/profile__union",
    "meta:altId": "_xdm.context.profile__union",
    title: "Union object for https://ns.adobe.com/xdm/context/profile",
    type: "object",
    "meta:xdmType": "object",
    "meta:resourceType": "unions",
    "meta:class": "https://ns.adobe.com/xdm/context/profile",
    "meta:tenantNamespace": "_acme",
    properties: {
      _id: leaf("Identifier"),
      _acme: {
        type: "object",
        "meta:xdmType": "object",
        title: "_acme",
        properties: { bench: { type: "object", "meta:xdmType": "object", title: "Bench", properties: attributes } },
      },
    },
  };
}
