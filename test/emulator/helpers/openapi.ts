// Adobe's OpenAPI 3.0 specs as JSON Schema validators: each spec document is registered with ajv as one
// schema (so `#/components/...` refs resolve), `nullable` is turned into a JSON Schema type union, and
// known spec bugs are corrected by the explicit, reasoned allow-list in deviations.ts.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import YAML from "yaml";
import { SPEC_DEVIATIONS } from "./deviations.js";

export const SPEC_FILES = ["destinations.yaml", "flow-service.yaml"] as const;
export type SpecFile = (typeof SPEC_FILES)[number];

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const specDir = process.env.AEP_OPENAPI_DIR ?? path.resolve(repoRoot, "../shared/specs");
export const specsAvailable = SPEC_FILES.every((file) => existsSync(path.join(specDir, file)));

export interface Operation {
  spec: SpecFile;
  method: string;
  specPath: string;
  pattern: RegExp;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/** Keys that only document (dropped to keep ajv's work small); never dropped where they name properties. */
const DOC_KEYS = new Set([
  "description",
  "example",
  "examples",
  "x-summary",
  "summary",
  "externalDocs",
  "tags",
  "info",
]);
const NAME_MAPS = new Set([
  "properties",
  "patternProperties",
  "paths",
  "responses",
  "schemas",
  "content",
  "parameters",
  "definitions",
]);

/** OpenAPI 3.0 → JSON Schema: `nullable: true` becomes a union with null; documentation keys are dropped. */
export function toJsonSchema(node: unknown, namesOnly = false): unknown {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item));
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!namesOnly && (key === "nullable" || DOC_KEYS.has(key))) continue;
    out[key] = toJsonSchema(value, !namesOnly && NAME_MAPS.has(key));
  }
  if (!namesOnly && (node as { nullable?: unknown }).nullable === true) {
    if (typeof out.type === "string") out.type = [out.type, "null"];
    else return { anyOf: [out, { type: "null" }] };
  }
  return out;
}

function setPointer(doc: Record<string, unknown>, pointer: string, value: unknown): void {
  const parts = pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  let node: Record<string, unknown> = doc;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== "object" || node[part] === null)
      throw new Error(`deviation pointer ${pointer} does not exist`);
    node = node[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1]!;
  if (!(last in node)) throw new Error(`deviation pointer ${pointer} does not exist`);
  node[last] = value;
}

/** Parses a spec, caching the parse as JSON in the temp dir (YAML parsing 13k lines costs seconds per file). */
function readSpec(file: SpecFile): unknown {
  const text = readFileSync(path.join(specDir, file), "utf8");
  const cached = path.join(os.tmpdir(), `aep-emulator-openapi-${createHash("sha1").update(text).digest("hex")}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, "utf8"));
  const parsed: unknown = YAML.parse(text);
  const temp = `${cached}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(parsed));
  renameSync(temp, cached);
  return parsed;
}

export class OpenApiContract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  readonly operations: Operation[] = [];
  private readonly cache = new Map<string, ValidateFunction>();

  constructor() {
    for (const spec of SPEC_FILES) {
      const doc = toJsonSchema(readSpec(spec)) as Record<string, unknown>;
      for (const deviation of SPEC_DEVIATIONS.filter((d) => d.spec === spec && d.pointer))
        setPointer(doc, deviation.pointer!, deviation.replacement);
      this.ajv.addSchema({ ...doc, $id: spec });
      for (const [specPath, item] of Object.entries(
        doc.paths as Record<string, Record<string, Operation["responses"]>>,
      )) {
        const normalized = specPath.replace(/\/+$/, "");
        const pattern = new RegExp(`^${normalized.replace(/\{[^}]+\}/g, "[^/]+")}$`);
        for (const [method, op] of Object.entries(item)) {
          const responses = (op as { responses?: Operation["responses"] }).responses;
          if (responses) this.operations.push({ spec, method: method.toUpperCase(), specPath, pattern, responses });
        }
      }
    }
  }

  /** The operations (one per spec at most) that describe a request to this Flow Service path. */
  operationsFor(method: string, flowPath: string): Operation[] {
    const found: Operation[] = [];
    for (const spec of SPEC_FILES) {
      const candidates = this.operations.filter(
        (op) => op.spec === spec && op.method === method && op.pattern.test(flowPath),
      );
      // A literal path (e.g. /flows/search) wins over a templated one.
      candidates.sort((a, b) => (a.specPath.includes("{") ? 1 : 0) - (b.specPath.includes("{") ? 1 : 0));
      if (candidates[0]) found.push(candidates[0]);
    }
    return found;
  }

  /** The validator of an operation's response schema for a status, or undefined when none is defined. */
  validator(op: Operation, status: number): ValidateFunction | undefined {
    const schema = op.responses[String(status)]?.content?.["application/json"]?.schema;
    if (!schema) return undefined;
    const pointer = [
      "paths",
      op.specPath,
      op.method.toLowerCase(),
      "responses",
      String(status),
      "content",
      "application/json",
      "schema",
    ]
      .map((p) => encodeURIComponent(p.replace(/~/g, "~0").replace(/\//g, "~1")))
      .join("/");
    const key = `${op.spec}#/${pointer}`;
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.getSchema(key);
      if (!validate) throw new Error(`cannot compile ${key}`);
      this.cache.set(key, validate);
    }
    return validate;
  }

  /** Whether the spec documents this status for the operation (with or without a body). */
  documents(op: Operation, status: number): boolean {
    return String(status) in op.responses;
  }
}
