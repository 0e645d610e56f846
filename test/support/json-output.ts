// Every JSON document the CLI prints is checked against its published schema: lab.cli() (lab.ts) hands
// each run's stdout here, so any test that runs a command with --format json also tests that the
// document is what schemas/output/<kind>.schema.json promises, whatever the test itself asserts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";

const DIR = path.resolve(import.meta.dirname, "../../schemas/output");

/** The kinds of document the CLI prints, one schema each. */
export const OUTPUT_KINDS = [
  "validate",
  "plan",
  "apply",
  "apply-event",
  "drift",
  "doctor",
  "preview",
  "status",
  "error",
] as const;

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new Map<string, ValidateFunction>();
/** How many documents of each kind were checked in this process: proof that the hook ran. */
const checked = new Map<string, number>();

/** The schema of one kind, compiled once per process; undefined for a kind that has none. */
export function outputValidator(kind: string): ValidateFunction | undefined {
  if (!(OUTPUT_KINDS as readonly string[]).includes(kind)) return undefined;
  let validate = validators.get(kind);
  if (!validate) {
    validate = ajv.compile(JSON.parse(readFileSync(path.join(DIR, `${kind}.schema.json`), "utf8")));
    validators.set(kind, validate);
  }
  return validate;
}

export function checkedDocuments(kind?: string): number {
  return kind === undefined ? [...checked.values()].reduce((a, b) => a + b, 0) : (checked.get(kind) ?? 0);
}

/**
 * Why a run's stdout breaks its schema, as an Error naming the command, the schema's complaints and the
 * start of stdout; undefined when it is valid or not an aep-gitops JSON document (text, help, …).
 */
export function jsonOutputError(args: readonly string[], stdout: string): Error | undefined {
  const text = stdout.trim();
  if (!text.startsWith("{")) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return jsonLinesError(args, stdout);
  }
  return documentError(args, stdout, doc);
}

/**
 * `--format jsonl` (apply's events, then its summary): every line must be one JSON document, and each
 * is checked against the schema of its kind. Other output that is not one document is left alone.
 */
function jsonLinesError(args: readonly string[], stdout: string): Error | undefined {
  if (!args.includes("jsonl") && !args.includes("--format=jsonl")) return undefined;
  for (const [i, line] of stdout.replace(/\n$/, "").split("\n").entries()) {
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch {
      doc = undefined;
    }
    if (typeof (doc as { format?: unknown } | undefined)?.format !== "string")
      return new Error(
        `aep-gitops ${args.join(" ")} printed line ${i + 1}, which is not an aep-gitops document:\n${line}`,
      );
    const error = documentError(args, line, doc);
    if (error) return error;
  }
  return undefined;
}

function documentError(args: readonly string[], stdout: string, doc: unknown): Error | undefined {
  const format = (doc as { format?: unknown }).format;
  if (typeof format !== "string" || !format.startsWith("aep-gitops.")) return undefined;
  const kind = /^aep-gitops\.(.*?)\/v/.exec(format)?.[1] ?? format.slice("aep-gitops.".length);
  const validate = outputValidator(kind);
  const complaint = !validate
    ? `unknown kind '${kind}' (no schemas/output/${kind}.schema.json)`
    : validate(doc)
      ? undefined
      : describe(validate.errors ?? []);
  checked.set(kind, (checked.get(kind) ?? 0) + 1);
  if (complaint === undefined) return undefined;
  return new Error(
    `aep-gitops ${args.join(" ")} printed a '${format}' document its schema rejects:\n${complaint}\n` +
      `--- stdout (first 500 characters)\n${stdout.slice(0, 500)}`,
  );
}

function describe(errors: ErrorObject[]): string {
  return errors
    .map((e) => `  ${e.instancePath || "/"} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`)
    .join("\n");
}
