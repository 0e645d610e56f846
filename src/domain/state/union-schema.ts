// The sandbox's Profile union schema, as the fields a destination can export. Adobe's Schema Registry
// answers the union fully resolved (Accept: application/vnd.adobe.xed-full+json; version=1); this turns
// it into an index by dotted XDM path, and checks each `profileAttributes` path against it: a path the
// union lacks (with a did-you-mean), an array or a map (Adobe exports neither, identityMap aside, which
// is exported whole anyway), or an object that is not a leaf (with the leaves it holds).
import type { DesiredSandbox } from "./desired.js";
import { didYouMean } from "../match/did-you-mean.js";
import type { Problem } from "../checks/problem.js";

export type FieldKind = "leaf" | "object" | "array" | "map";

export interface UnionField {
  path: string;
  kind: FieldKind;
  /** JSON Schema type and XDM type of a leaf (string, integer, number, boolean; date, date-time, int…). */
  type?: string;
  xdmType?: string;
  format?: string;
  enum?: string[];
  title?: string;
}

export interface UnionIndex {
  fields: Map<string, UnionField>;
}

interface SchemaNode {
  type?: string | string[];
  "meta:xdmType"?: string;
  format?: string;
  enum?: unknown[];
  title?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: unknown;
  items?: unknown;
}

/** Every field of the union by its dotted path; objects are walked, arrays and maps are not. */
export function indexUnionSchema(schema: unknown): UnionIndex {
  const fields = new Map<string, UnionField>();
  const walk = (properties: Record<string, SchemaNode> | undefined, prefix: string) => {
    for (const [key, node] of Object.entries(properties ?? {})) {
      const path = prefix ? `${prefix}.${key}` : key;
      const type = Array.isArray(node.type) ? node.type.find((t) => t !== "null") : node.type;
      const kind: FieldKind =
        type === "array"
          ? "array"
          : node["meta:xdmType"] === "map" || (type === "object" && !node.properties && node.additionalProperties)
            ? "map"
            : type === "object" || node.properties
              ? "object"
              : "leaf";
      fields.set(path, {
        path,
        kind,
        ...(kind === "leaf" && type ? { type } : {}),
        ...(node["meta:xdmType"] ? { xdmType: node["meta:xdmType"] } : {}),
        ...(node.format ? { format: node.format } : {}),
        ...(Array.isArray(node.enum) ? { enum: node.enum.map(String) } : {}),
        ...(node.title ? { title: node.title } : {}),
      });
      if (kind === "object") walk(node.properties, path);
    }
  };
  walk((schema as SchemaNode | undefined)?.properties, "");
  return { fields };
}

/** The leaves under an object path, in schema order. */
export function leavesUnder(index: UnionIndex, path: string): string[] {
  return [...index.fields.values()]
    .filter((f) => f.kind === "leaf" && f.path.startsWith(`${path}.`))
    .map((f) => f.path);
}

export function checkAttributePaths(desired: DesiredSandbox, index: UnionIndex): Problem[] {
  const problems: Problem[] = [];
  const leaves = [...index.fields.values()].filter((f) => f.kind === "leaf").map((f) => f.path);
  for (const destination of desired.destinations) {
    for (const attribute of destination.profileAttributes) {
      // A path into an array or a map (`_acme.purchases.sku`) is judged by the array or map it enters.
      const field = index.fields.get(attribute.path) ?? containerOf(index, attribute.path);
      // The place is read only for a problem: reading it parses the file (src/config/to-desired.ts).
      const problem = (message: string, hint?: string) => {
        const { file, line, column } = attribute.source;
        problems.push({ file, line, column, rule: "xdm-union", severity: "error", message, hint });
      };
      if (!field) {
        const guess = didYouMean(attribute.path, leaves);
        problem(
          `'${attribute.path}' is not a field of sandbox '${desired.sandbox}''s Profile union schema${guess ? ` (did you mean '${guess}'?)` : ""}`,
          guess
            ? `XDM paths are case-sensitive: write '${guess}'.`
            : "Check the path in the sandbox's Schemas view (Profile union); a field of a new field group must be added to a Profile-enabled schema first.",
        );
      } else if (field.kind === "array" || field.kind === "map") {
        problem(
          `'${attribute.path}' is ${field.kind === "array" ? "an array" : "a map"}: Adobe's streaming destinations export no ${field.kind === "array" ? "arrays" : "maps"} (only identityMap, which every export carries whole)`,
          "Export a field that is not inside an array or map, or leave it out.",
        );
      } else if (field.kind === "object") {
        const under = leavesUnder(index, attribute.path);
        problem(
          `'${attribute.path}' is an object, not a field: list the fields to export (${under.slice(0, 8).join(", ")}${under.length > 8 ? `, … ${under.length - 8} more` : ""})`,
          "Each profileAttributes entry is one leaf field of the union schema.",
        );
      }
    }
  }
  return problems;
}

/** The array or map a path reaches into, if one of its prefixes is one. */
function containerOf(index: UnionIndex, path: string): UnionField | undefined {
  const parts = path.split(".");
  for (let i = parts.length - 1; i > 0; i--) {
    const field = index.fields.get(parts.slice(0, i).join("."));
    if (field) return field.kind === "array" || field.kind === "map" ? field : undefined;
  }
  return undefined;
}
