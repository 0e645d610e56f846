// Everything that can be known about one file on its own: read, parse, and layer 1 for each of its
// documents. This is the unit of work a worker thread takes (read-pool.ts), so it comes with a plain-data
// form: Locators become their position index (or, not read yet, their text), the rest is plain data.
import type { Problem } from "../domain/checks/problem.js";
import { checkDocument, type CheckedDocument } from "./check-document.js";
import { Locator, type LocatorData } from "./locator.js";
import { readPositions, readYamlFile, type Positions } from "./yaml-file.js";

export interface FileCheck {
  /** The file's own problems, then each document's layer-1 problems: the order loading always had. */
  problems: Problem[];
  /** The documents whose kind is known, in file order. */
  documents: CheckedDocument[];
}

export type CheckedDocumentData = Omit<CheckedDocument, "locator"> & { locator: LocatorData };

export interface FileCheckData {
  problems: Problem[];
  documents: CheckedDocumentData[];
}

export function checkFile(file: string, positions: Positions = "eager"): FileCheck {
  const yamlFile = readYamlFile(file, positions);
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
  return {
    problems: check.problems,
    documents: check.documents.map((doc) => ({ ...doc, locator: doc.locator.toData() })),
  };
}

export function fromData(data: FileCheckData): FileCheck {
  return {
    problems: data.problems,
    documents: data.documents.map((doc) => ({ ...doc, locator: Locator.fromData(doc.locator, readPositions) })),
  };
}
