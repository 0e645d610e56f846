// Everything that can be known about one file on its own: read, parse, and layer 1 for each of its
// documents. The check cache (check-cache.ts) keeps it as plain data: the file's text stands for its
// Locators, which read their positions from it again when asked.
import type { Problem } from "../domain/checks/problem.js";
import { checkDocument, type CheckedDocument } from "./check-document.js";
import { Locator, YamlSource, type Path } from "./locator.js";
import { readYamlFile } from "./yaml-file.js";

export interface FileCheck {
  /** The file's own problems, then each document's layer-1 problems: the order loading always had. */
  problems: Problem[];
  /** The documents whose kind is known, in file order. */
  documents: CheckedDocument[];
}

export type CheckedDocumentData = Omit<CheckedDocument, "locator"> & { document: number; prefix: Path };

export interface FileCheckData {
  problems: Problem[];
  /** The text the documents' positions are read from (absent when the file has none). */
  text?: string;
  documents: CheckedDocumentData[];
}

export function checkFile(file: string): FileCheck {
  const yamlFile = readYamlFile(file);
  const problems = yamlFile.problems;
  const documents: CheckedDocument[] = [];
  for (const doc of yamlFile.documents) {
    const checked = checkDocument(doc);
    for (const p of checked.problems) problems.push(p);
    if (checked.checked) documents.push(checked.checked);
  }
  return { problems, documents };
}

export function toData(check: FileCheck): FileCheckData {
  const text = check.documents[0]?.locator.source.text;
  const documents = check.documents.map(({ locator, ...doc }) => ({
    ...doc,
    document: locator.document,
    prefix: locator.prefix,
  }));
  return text === undefined ? { problems: check.problems, documents } : { problems: check.problems, text, documents };
}

export function fromData(data: FileCheckData): FileCheck {
  const source = new YamlSource(data.text ?? "");
  return {
    problems: data.problems,
    documents: data.documents.map(({ document, prefix, ...doc }) => ({
      ...doc,
      locator: new Locator(doc.file, source, document, prefix),
    })),
  };
}
