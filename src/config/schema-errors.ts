// Layer 1's voice: turns ajv errors into problems a person can act on, at the YAML node the error is
// about. One problem per place (ajv can report the same value twice), plain words instead of JSON
// Schema terms, and field-format errors handed to the rule that owns them (audience-id, xdm-path,
// literal-secret, env-ref). Credential values are never echoed: they may be secrets.
import type { ErrorObject } from "ajv";
import type { Problem } from "../domain/checks/problem.js";
import { didYouMean } from "../domain/match/did-you-mean.js";
import type { Locator, Path } from "./locator.js";
import { problem } from "../domain/checks/problems.js";
import { audienceIdProblem } from "../domain/checks/rules/audience-id.js";
import { envRefProblem } from "../domain/checks/rules/env-ref.js";
import { literalSecretProblem } from "../domain/checks/rules/literal-secret.js";
import { xdmPathProblem } from "../domain/checks/rules/xdm-path.js";
import { looksLikeEnvReference } from "../domain/checks/env-reference.js";

export interface SchemaErrorContext {
  locator: Locator;
  /** The rule id for errors no specific rule owns: `schema`, or `tool-config`. */
  rule: "schema" | "tool-config";
  /** The account name, for the environment variable a credential hint suggests. */
  account?: string | undefined;
  /** The schema's definitions, to describe a missing field declared by $ref. */
  definitions?: Record<string, { description?: string }>;
}

export function schemaProblems(errors: ErrorObject[], context: SchemaErrorContext): Problem[] {
  const problems: Problem[] = [];
  const reported = new Set<string>();
  // A misspelled field also makes the real one "missing"; the "did you mean" already says it all.
  for (const error of errors) {
    const extra = params(error).additionalProperty;
    if (typeof extra !== "string") continue;
    const allowed = Object.keys(((error.parentSchema ?? {}) as { properties?: object }).properties ?? {});
    const suggestion = didYouMean(extra, allowed);
    if (suggestion) reported.add(`${error.instancePath}|${suggestion}`);
  }
  for (const error of errors) {
    // Wrappers whose inner errors were already reported on their own.
    if (error.keyword === "propertyNames" || error.keyword === "if") continue;
    const path = toPath(error.instancePath);
    const key = `${error.instancePath}|${childKey(error)}`;
    if (reported.has(key)) continue;
    reported.add(key);
    problems.push(describe(error, path, context));
  }
  return problems;
}

function describe(error: ErrorObject, path: Path, context: SchemaErrorContext): Problem {
  const { locator, rule } = context;
  const field = label(path);
  const params = error.params as Record<string, unknown>;
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  switch (error.keyword) {
    case "required": {
      const missing = String(params.missingProperty);
      return problem(locator.at(path, "holder"), rule, `missing field '${missing}'`, {
        hint: describeProperty(parent, missing, context.definitions ?? {}),
      });
    }
    case "additionalProperties": {
      const extra = String(params.additionalProperty);
      const allowed = Object.keys((parent.properties as object | undefined) ?? {});
      const suggestion = didYouMean(extra, allowed);
      const message = suggestion
        ? `unknown field '${extra}' (did you mean '${suggestion}'?)`
        : `unknown field '${extra}'`;
      const hint = suggestion || allowed.length === 0 ? undefined : `fields allowed here: ${allowed.join(", ")}`;
      return problem(locator.at([...path, extra], "key"), rule, message, { hint });
    }
    case "type":
      return typeProblem(error, path, field, context);
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const suggestion = typeof error.data === "string" ? didYouMean(error.data, allowed) : undefined;
      const tail = suggestion ? ` (did you mean '${suggestion}'?)` : "";
      return problem(locator.at(path), rule, `'${field}' must be one of ${allowed.join(", ")}${tail}`);
    }
    case "const":
      return problem(locator.at(path), rule, `'${field}' must be ${String(params.allowedValue)}`);
    case "pattern":
      return patternProblem(error, path, field, context);
    case "minLength":
      return problem(locator.at(path), rule, `'${field}' must not be empty`);
    case "minItems":
      return problem(
        locator.at(path),
        rule,
        `'${field}' must list at least ${String(params.limit)} item${params.limit === 1 ? "" : "s"}`,
      );
    case "minProperties": {
      // The fields that can stand alone: a nested mapping (an audience's schedule) only qualifies the others.
      const properties = (parent.properties ?? {}) as Record<string, { type?: unknown }>;
      const fields = Object.keys(properties).filter((key) => properties[key]?.type !== "object");
      const message = fields.length > 0 ? `needs at least one of ${fields.join(", ")}` : "must not be empty";
      return problem(locator.at(path), rule, `'${field}' ${message}`);
    }
    case "minimum":
    case "maximum":
      return problem(
        locator.at(path),
        rule,
        `'${field}' must be at ${error.keyword === "minimum" ? "least" : "most"} ${String(params.limit)}`,
      );
    default:
      return problem(locator.at(path), rule, `'${field}' ${error.message ?? "is invalid"}`);
  }
}

function typeProblem(error: ErrorObject, path: Path, field: string, { locator, rule }: SchemaErrorContext): Problem {
  // A field with a fixed set of values says them at once: "must be text" alone sends the user to quote
  // `state: 1`, only to be told next time that it must be one of enabled, disabled.
  const allowed = (error.parentSchema as { enum?: unknown[] } | undefined)?.enum;
  if (allowed) return enumTypeProblem(error, path, field, allowed.map(String), { locator, rule });
  const expected = String((error.params as { type: string }).type).split(",");
  const words = expected.map((t) => TYPE_WORDS[t] ?? t).join(" or ");
  const gotScalar = error.data !== null && typeof error.data !== "object";
  const hint =
    expected.includes("string") && gotScalar
      ? "quote the value to make it text"
      : expected.includes("boolean") && typeof error.data === "string"
        ? "write true or false (YAML 1.2 reads yes/no/on/off as text)"
        : undefined;
  return problem(locator.at(path), rule, `'${field}' must be ${words}`, { hint });
}

/** `'state' must be one of enabled, disabled`, with a hint to quote only when the quoted value is one. */
function enumTypeProblem(
  error: ErrorObject,
  path: Path,
  field: string,
  allowed: string[],
  { locator, rule }: Pick<SchemaErrorContext, "locator" | "rule">,
): Problem {
  const scalar = error.data !== null && typeof error.data !== "object";
  const quote = scalar && allowed.includes(String(error.data)) ? "quote the value to make it text" : undefined;
  return problem(locator.at(path), rule, `'${field}' must be one of ${allowed.join(", ")}`, { hint: quote });
}

const TYPE_WORDS: Record<string, string> = {
  object: "a mapping (key: value lines)",
  array: "a list (- item lines)",
  string: "text",
  boolean: "true or false",
  number: "a number",
  integer: "a whole number",
};

function patternProblem(error: ErrorObject, path: Path, field: string, context: SchemaErrorContext): Problem {
  const at = context.locator.at(path);
  const value = String(error.data);
  const where = error.schemaPath;
  if (where.endsWith("/definitions/Audience/properties/id/pattern")) return audienceIdProblem(value, at);
  if (where.endsWith("/definitions/xdmPath/pattern")) return xdmPathProblem(value, at);
  const inCredentials = path[0] === "credentials";
  if (inCredentials && looksLikeEnvReference(value))
    return envRefProblem(value, at, { account: context.account, field });
  if (where.endsWith("/definitions/secretReference/pattern"))
    return literalSecretProblem(at, { account: context.account, field });
  const explained = (error.parentSchema as { patternErrorMessage?: string } | undefined)?.patternErrorMessage;
  const shown = inCredentials ? "" : ` ('${value}')`;
  const propertyName = (error as { propertyName?: string }).propertyName;
  if (propertyName !== undefined) {
    const name = propertyName;
    return problem(
      context.locator.at([...path, name], "key"),
      context.rule,
      `'${name}' ${explained ?? "is not a valid name"}`,
    );
  }
  return problem(at, context.rule, `'${field}'${shown} ${explained ?? "has an invalid format"}`);
}

function params(error: ErrorObject): Record<string, unknown> {
  return error.params as Record<string, unknown>;
}

/** The first sentence of a property's description, as the hint for a missing field. */
function describeProperty(
  parent: Record<string, unknown>,
  name: string,
  definitions: Record<string, { description?: string }>,
): string | undefined {
  const property = (parent.properties as Record<string, { description?: string; $ref?: string }> | undefined)?.[name];
  const text = property?.description ?? definitions[property?.$ref?.split("/").pop() ?? ""]?.description;
  return text ? `${name}: ${text.split(/(?<=\.)\s/)[0]}` : undefined;
}

/** Errors about different children of one map (two missing fields) are distinct; others at one path are not. */
function childKey(error: ErrorObject): string {
  const p = params(error);
  return String(p.missingProperty ?? p.additionalProperty ?? (error as { propertyName?: string }).propertyName ?? "");
}

/** `/audiences/0/id` → ["audiences", 0, "id"] (JSON Pointer, ~1 and ~0 unescaped). */
export function toPath(pointer: string): Path {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((segment) => (/^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment));
}

/** How a path reads in a message: the field's name, or list[index] for list items. */
export function label(path: Path): string {
  const last = path[path.length - 1];
  if (last === undefined) return "document";
  if (typeof last === "number") return `${label(path.slice(0, -1))}[${last}]`;
  return last;
}
