// Reads one destination file into documents, turning everything that can go wrong before validation
// (size, encoding, syntax, duplicate keys, alias bombs) into problems; never throws. One reader: js-yaml
// reads the data of every file (yaml-data.ts); where its own parse shows that yaml might read the file
// differently, or refuses it, yaml reads it, and yaml's messages and positions are the ones reported.
// Positions are always yaml's, read when first asked for (locator.ts).
import { LineCounter, parseAllDocuments, visit, type Document, type YAMLError } from "yaml";
import type { Problem, RuleId } from "../domain/checks/problem.js";
import type { SourceLocation } from "../domain/state/desired.js";
import { formatBytes, MAX_FILE_BYTES, readBounded } from "./repository.js";
import { bytePosition, decodeUtf8 } from "./repository.js";
import { holdsSomething, Locator, positionIn, YamlSource } from "./locator.js";
import { problem } from "../domain/checks/problems.js";
import { duplicateKeyProblem } from "./duplicate-key.js";
import { yamlData } from "./yaml-data.js";

export { MAX_FILE_BYTES };
/** Bounds alias expansion ("billion laughs"); generous for sharing a list of audiences between destinations. */
export const MAX_ALIAS_COUNT = 100;

export interface YamlDocument {
  /** The document as plain data; undefined when it could not be read. */
  value: unknown;
  locator: Locator;
}

export interface YamlFile {
  file: string;
  /** Documents that parsed cleanly enough to validate; empty ones (a trailing ---) are left out. */
  documents: YamlDocument[];
  problems: Problem[];
}

export function readYamlFile(file: string): YamlFile {
  const read = readBounded(file);
  // Unreadable (permissions, vanished since listing): still a problem at the file, not a crash.
  if ("error" in read) return failed(file, "read-error", `cannot read file: ${read.error}`);
  if ("tooLarge" in read)
    return failed(
      file,
      "file-too-large",
      `file is ${formatBytes(read.tooLarge)}; destination files may be at most 1 MiB`,
      {
        hint: "split it into several files: a folder may hold any number of them",
      },
    );
  return parseYamlFile(file, read.bytes);
}

/**
 * A file's bytes as readYamlFile reads them, for the check cache to recognise them, or undefined when
 * reading it is a problem (readYamlFile then reports it). Valid until the next read.
 */
export function readFileBytes(file: string): Uint8Array | undefined {
  const read = readBounded(file);
  return "bytes" in read ? read.bytes : undefined;
}

/** Pure part of readYamlFile, for tests and the benchmark. `yamlOnly`: yaml reads it, as it reads odd files. */
export function parseYamlFile(file: string, bytes: Uint8Array, options: { yamlOnly?: boolean } = {}): YamlFile {
  const decoded = decodeUtf8(bytes);
  if ("error" in decoded) {
    const at = bytePosition(bytes, decoded.offset);
    return { file, documents: [], problems: [problem({ file, ...at }, "encoding", `file ${decoded.error}`)] };
  }
  const text = decoded.text;
  // What trim() would leave nothing of (a BOM included: \s covers it), without copying the text.
  if (/^\s*$/.test(text)) return failed(file, "empty-file", "file is empty");
  const values = options.yamlOnly ? undefined : yamlData(text);
  if (values) {
    const source = new YamlSource(text);
    return {
      file,
      documents: values.map((value, i) => ({ value, locator: new Locator(file, source, i) })),
      problems: [],
    };
  }
  return parseWithYaml(file, text);
}

function parseWithYaml(file: string, text: string): YamlFile {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const docs: Document[] = Array.isArray(parsed) ? parsed : [];
  const at = (offset: number) => positionIn(file, lineCounter, offset);
  const result: YamlFile = { file, documents: [], problems: [] };
  // The Locators read this reading, as they would read the text again (holdsSomething).
  const holding = docs.filter(holdsSomething);
  const source = new YamlSource(text, { documents: holding, lineCounter });
  for (const doc of docs) {
    for (const p of parseProblems(doc, at)) result.problems.push(p);
    // Syntax errors make the rest of the document unreliable; duplicate keys do not.
    if (doc.errors.some((e) => e.code !== "DUPLICATE_KEY")) continue;
    const value = toData(doc, at, result.problems);
    // A document with nothing in it (a lone '---', or only '~') declares nothing; it is not an error.
    if (value === undefined || value === null) continue;
    result.documents.push({ value, locator: new Locator(file, source, holding.indexOf(doc)) });
  }
  if (result.problems.length === 0 && result.documents.length === 0) {
    return failed(file, "empty-file", "file holds no YAML documents, only comments or '---'");
  }
  return result;
}

type At = (offset: number) => SourceLocation;

function parseProblems(doc: Document, at: At): Problem[] {
  const duplicates = doc.errors.filter((e) => e.code === "DUPLICATE_KEY").map((e) => duplicateKeyProblem(doc, e, at));
  // Only the first syntax error of a document: the parser's later ones are mostly echoes of it.
  const syntax = doc.errors.find((e) => e.code !== "DUPLICATE_KEY");
  return [
    ...(syntax ? [syntaxProblem(syntax, at, "error")] : []),
    ...duplicates,
    ...doc.warnings.map((w) => syntaxProblem(w, at, "warning")),
  ];
}

function syntaxProblem(error: YAMLError, at: At, severity: Problem["severity"]): Problem {
  // The parser turns a stack overflow on absurd nesting into this code; say what it means instead.
  const message =
    error.code === "RESOURCE_EXHAUSTION"
      ? "document is nested too deeply to read"
      : error.message.split("\n")[0]!.replace(/ at line \d+, column \d+.*$/, "");
  return problem(at(error.pos[0]), "yaml-syntax", message, { severity, hint: SYNTAX_HINTS[error.code] });
}

const SYNTAX_HINTS: Partial<Record<YAMLError["code"], string>> = {
  TAB_AS_INDENT: "YAML indents with spaces, never tabs",
  MISSING_CHAR: "a quote or bracket opened earlier is not closed",
  BLOCK_AS_IMPLICIT_KEY: "a key is probably missing its ':' or a value needs quotes",
  MULTILINE_IMPLICIT_KEY: "a key is probably missing its ':' or a value needs quotes",
  BAD_ALIAS: "an alias (*name) must follow its anchor (&name) in the same document",
  TAG_RESOLVE_FAILED: "aep-gitops reads plain YAML: the tag is ignored and the value read as text",
};

/** Converts to plain data with alias expansion bounded; a bomb or absurd nesting becomes a problem. */
function toData(doc: Document, at: At, problems: Problem[]): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError && /excessive alias count/i.test(error.message)) {
      problems.push(
        problem(firstAlias(doc, at), "alias-limit", `aliases expand to too many nodes (limit ${MAX_ALIAS_COUNT})`, {
          hint: "repeat the values instead of nesting anchors and aliases",
        }),
      );
    } else {
      const start = (doc.contents as { range?: number[] } | null)?.range?.[0] ?? 0;
      problems.push(problem(at(start), "yaml-syntax", "document is nested too deeply to read"));
    }
    return undefined;
  }
}

function firstAlias(doc: Document, at: At) {
  let offset = doc.range?.[0] ?? 0;
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0] ?? offset;
      return visit.BREAK;
    },
  });
  return at(offset);
}

function failed(file: string, rule: RuleId, message: string, options: { hint?: string } = {}): YamlFile {
  return { file, documents: [], problems: [problem({ file, line: 1, column: 1 }, rule, message, options)] };
}
