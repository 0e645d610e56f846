// Reads one destination file into YAML documents with positions, turning everything that can go wrong
// before validation (size, encoding, syntax, duplicate keys, alias bombs) into problems, never throws.
import { LineCounter, parseAllDocuments, visit, type Document, type YAMLError } from "yaml";
import type { Problem, RuleId } from "../domain/checks/problem.js";
import { formatBytes, MAX_FILE_BYTES, readBounded } from "./bounded-read.js";
import { bytePosition, decodeUtf8 } from "./encoding.js";
import { fastFile } from "./fast-yaml.js";
import { fastValues } from "./fast-values.js";
import { Locator, type PositionReader } from "./locator.js";
import { plainDocument } from "./plain-data.js";
import { problem } from "../domain/checks/problems.js";
import { duplicateKeyProblem } from "./rules/duplicate-key.js";

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

/**
 * How a read file's documents learn where their nodes are: "eager" indexes every node while parsing
 * (what a plan needs: the desired state records where each item came from); "on-demand" reads the data
 * alone and the positions only if something asks (what validate needs: it reports problems alone).
 */
export type Positions = "eager" | "on-demand";

export function readYamlFile(file: string, positions: Positions = "eager"): YamlFile {
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
  return parseYamlFile(file, read.bytes, { positions });
}

/**
 * A file's bytes as readYamlFile reads them, for the check cache to recognise them, or undefined when
 * reading it is a problem (readYamlFile then reports it). Valid until the next read.
 */
export function readFileBytes(file: string): Uint8Array | undefined {
  const read = readBounded(file);
  return "bytes" in read ? read.bytes : undefined;
}

/** Pure part of readYamlFile, for tests and the benchmark. `fast: false` takes yaml's path for every file. */
export function parseYamlFile(
  file: string,
  bytes: Uint8Array,
  options: { fast?: boolean; positions?: Positions } = {},
): YamlFile {
  const decoded = decodeUtf8(bytes);
  if ("error" in decoded) {
    const at = bytePosition(bytes, decoded.offset);
    return { file, documents: [], problems: [problem({ file, ...at }, "encoding", `file ${decoded.error}`)] };
  }
  const text = decoded.text;
  // What trim() would leave nothing of (a BOM included: \s covers it), without copying the text.
  if (/^\s*$/.test(text)) return failed(file, "empty-file", "file is empty");
  if (options.positions === "on-demand" && options.fast !== false) {
    const values = fastValues(text);
    if (values) {
      const documents = values.map((value, i) => ({ value, locator: Locator.onDemand(file, text, i, readPositions) }));
      return { file, documents, problems: [] };
    }
  }
  return parseText(file, text, options.fast !== false);
}

/**
 * The positions of every document of a text that fast-values.ts read, read as an eager run would
 * have read them (the same documents, in the same order: the text has no empty or failed ones).
 */
export const readPositions: PositionReader = (text) =>
  parseText("", text, true).documents.map((d) => d.locator.index());

function parseText(file: string, text: string, tryFast: boolean): YamlFile {
  // Most files are plain: read them the fast way, with the answers yaml would give (fast-yaml.ts).
  const fast = tryFast ? fastFile(text) : undefined;
  if (fast) {
    const documents = fast.documents.map((d) => ({
      value: d.value,
      locator: Locator.of(file, d.positions, fast.lineStarts),
    }));
    return { file, documents, problems: [] };
  }

  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const docs: Document[] = Array.isArray(parsed) ? parsed : [];
  const result: YamlFile = { file, documents: [], problems: [] };
  for (const doc of docs) {
    // Syntax errors make the rest of the document unreliable; duplicate keys do not.
    const blocked = doc.errors.some((e) => e.code !== "DUPLICATE_KEY");
    // Data and positions in one walk where the document allows it (plain-data.ts), else yaml's toJS.
    const plain = blocked ? undefined : plainDocument(doc);
    const locator = plain
      ? Locator.of(file, plain.positions, lineCounter.lineStarts)
      : new Locator(file, doc, lineCounter);
    for (const p of parseProblems(doc, locator)) result.problems.push(p);
    if (blocked) continue;
    const value = plain ? plain.value : toData(doc, locator, result.problems);
    // A document with nothing in it (a lone '---', or only '~') declares nothing; it is not an error.
    if (value !== undefined && value !== null) result.documents.push({ value, locator });
  }
  if (result.problems.length === 0 && result.documents.length === 0) {
    return failed(file, "empty-file", "file holds no YAML documents, only comments or '---'");
  }
  return result;
}

function parseProblems(doc: Document, locator: Locator): Problem[] {
  const duplicates = doc.errors
    .filter((e) => e.code === "DUPLICATE_KEY")
    .map((e) => duplicateKeyProblem(doc, e, locator));
  // Only the first syntax error of a document: the parser's later ones are mostly echoes of it.
  const syntax = doc.errors.find((e) => e.code !== "DUPLICATE_KEY");
  return [
    ...(syntax ? [syntaxProblem(syntax, locator, "error")] : []),
    ...duplicates,
    ...doc.warnings.map((w) => syntaxProblem(w, locator, "warning")),
  ];
}

function syntaxProblem(error: YAMLError, locator: Locator, severity: Problem["severity"]): Problem {
  // The parser turns a stack overflow on absurd nesting into this code; say what it means instead.
  const message =
    error.code === "RESOURCE_EXHAUSTION"
      ? "document is nested too deeply to read"
      : error.message.split("\n")[0]!.replace(/ at line \d+, column \d+.*$/, "");
  return problem(locator.position(error.pos[0]), "yaml-syntax", message, { severity, hint: SYNTAX_HINTS[error.code] });
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
function toData(doc: Document, locator: Locator, problems: Problem[]): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError && /excessive alias count/i.test(error.message)) {
      problems.push(
        problem(
          firstAlias(doc, locator),
          "alias-limit",
          `aliases expand to too many nodes (limit ${MAX_ALIAS_COUNT})`,
          {
            hint: "repeat the values instead of nesting anchors and aliases",
          },
        ),
      );
    } else {
      problems.push(problem(locator.at([]), "yaml-syntax", "document is nested too deeply to read"));
    }
    return undefined;
  }
}

function firstAlias(doc: Document, locator: Locator) {
  let offset = doc.range?.[0] ?? 0;
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0] ?? offset;
      return visit.BREAK;
    },
  });
  return locator.position(offset);
}

function failed(file: string, rule: RuleId, message: string, options: { hint?: string } = {}): YamlFile {
  return { file, documents: [], problems: [problem({ file, line: 1, column: 1 }, rule, message, options)] };
}
