// Adobe's two Flow Service specs as an index of operations with their REQUEST side: parameters (with
// `#/components/parameters` refs resolved) and request body, each schema reachable by a JSON Pointer into
// the spec document that ajv holds (so `#/components/schemas/...` refs resolve). The documents go through
// openapi.ts's OpenAPI 3.0 → JSON Schema conversion (`nullable`, documentation keys).
import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import YAML from "yaml";
import { SPEC_FILES, specDir, toJsonSchema, type SpecFile } from "../emulator/helpers/openapi.js";

export interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  explode?: boolean;
  schema?: { type?: string };
  /** Where the parameter's schema is, in its spec. */
  pointer: string;
}

export interface Operation {
  spec: SpecFile;
  method: string;
  specPath: string;
  segments: string[];
  parameters: Parameter[];
  body?: { required: boolean; media: string[]; pointer?: string };
}

export type RequestKind = "GET list" | "GET one" | "POST create" | "POST action" | "PATCH" | "DELETE" | "other";

type Doc = { paths: Record<string, Record<string, Record<string, unknown>>> };

const pointerOf = (parts: string[]) =>
  parts.map((p) => encodeURIComponent(p.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");

export class SpecOperations {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, verbose: true });
  private readonly operations: Operation[] = [];

  constructor() {
    for (const spec of SPEC_FILES) {
      // Parsing both files takes about half a second; openapi.ts keeps its parse cache private.
      const doc = toJsonSchema(YAML.parse(readFileSync(path.join(specDir, spec), "utf8"))) as Doc;
      this.ajv.addSchema({ ...doc, $id: spec });
      for (const [specPath, item] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(item)) {
          if (typeof op === "object" && op !== null && "responses" in op)
            this.operations.push(operationOf(doc, spec, method, specPath, op));
        }
      }
    }
  }

  /**
   * This spec's operation for a request (path relative to the server): a literal segment beats a template
   * (`/flows/search` over `/flows/{FLOW_ID}`). When only the path's trailing-slash twin is declared, that
   * operation is returned with `viaSlash`, which the validator reports as a failed `route` check.
   */
  find(spec: SpecFile, method: string, flowPath: string): { op: Operation; viaSlash: boolean } | undefined {
    const match = (segments: string[]) =>
      this.operations
        .filter((op) => op.spec === spec && op.method === method && op.segments.length === segments.length)
        .filter((op) => op.segments.every((s, i) => (s.startsWith("{") ? segments[i] !== "" : s === segments[i])))
        .sort((a, b) => literals(b) - literals(a))[0];
    const segments = flowPath.split("/").slice(1);
    const exact = match(segments);
    if (exact) return { op: exact, viaSlash: false };
    const other = match(segments.at(-1) === "" ? segments.slice(0, -1) : [...segments, ""]);
    return other ? { op: other, viaSlash: true } : undefined;
  }

  schema(spec: SpecFile, pointer: string): ValidateFunction {
    const validate = this.ajv.getSchema(`${spec}#/${pointer}`);
    if (!validate) throw new Error(`cannot compile ${spec}#/${pointer}`);
    return validate;
  }
}

function operationOf(
  doc: Doc,
  spec: SpecFile,
  method: string,
  specPath: string,
  op: Record<string, unknown>,
): Operation {
  const base = ["paths", specPath, method];
  const parameters = ((op.parameters ?? []) as Record<string, unknown>[]).map((raw, i): Parameter => {
    const ref = typeof raw.$ref === "string" ? raw.$ref.replace(/^#\//, "").split("/") : undefined;
    const param = (ref ? ref.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], doc) : raw) as Omit<
      Parameter,
      "pointer"
    >;
    return { ...param, pointer: pointerOf([...(ref ?? [...base, "parameters", String(i)]), "schema"]) };
  });
  const requestBody = op.requestBody as
    { required?: boolean; content?: Record<string, { schema?: unknown }> } | undefined;
  const json = requestBody?.content?.["application/json"]?.schema !== undefined;
  return {
    spec,
    method: method.toUpperCase(),
    specPath,
    segments: specPath.split("/").slice(1),
    parameters,
    ...(requestBody
      ? {
          body: {
            required: requestBody.required === true,
            media: Object.keys(requestBody.content ?? {}),
            ...(json ? { pointer: pointerOf([...base, "requestBody", "content", "application/json", "schema"]) } : {}),
          },
        }
      : {}),
  };
}

const literals = (op: Operation) => op.segments.filter((s) => !s.startsWith("{")).length;

/** What kind of call this is, for the test's "every kind was checked" assertion. */
export function kindOf(op: Operation): RequestKind {
  const segments = op.segments.filter((s) => s !== "");
  const last = segments.at(-1) ?? "";
  if (op.method === "GET") return last.startsWith("{") ? "GET one" : "GET list";
  if (op.method === "POST") return last === "action" ? "POST action" : segments.length === 1 ? "POST create" : "other";
  if (op.method === "PATCH") return "PATCH";
  if (op.method === "DELETE") return "DELETE";
  return "other";
}
