// Layer 1 for one YAML document: apiVersion, kind and type first (each with its own clear message),
// then the single schema branch they select. Checking the discriminators first gives each its own message
// and keeps the schema's dispatch (its if/then on kind and type, 'must match "then" schema') out of sight.
import { DESTINATION_TYPES, isDestinationType } from "../domain/destination-types/index.js";
import type { CheckedDocument as DomainDocument } from "../domain/checks/document.js";
import type { Problem } from "../domain/checks/problem.js";
import { didYouMean } from "../domain/match/did-you-mean.js";
import type { Locator } from "./locator.js";
import { problem } from "../domain/checks/problems.js";
import { API_VERSION, KINDS, branchValidator, resourceSchema, type Kind } from "./schema.js";
import { schemaProblems } from "./schema-errors.js";
import type { YamlDocument } from "./yaml-file.js";

/** A document whose kind is known (src/domain/checks/document.ts), with its YAML Locator. */
export interface CheckedDocument extends DomainDocument {
  locator: Locator;
}

export function checkDocument(doc: YamlDocument): { checked?: CheckedDocument; problems: Problem[] } {
  const { locator } = doc;
  // Where the document starts, asked for only when reported: a clean document need not read positions.
  const top = () => locator.at([]);
  if (!isRecord(doc.value)) {
    const hint = Array.isArray(doc.value) ? "write one resource per document, separated by lines of ---" : undefined;
    return {
      problems: [problem(top(), "schema", "a document must be a mapping with apiVersion, kind and name", { hint })],
    };
  }
  const value = doc.value;
  const problems: Problem[] = [];

  if (!("apiVersion" in value)) {
    problems.push(problem(top(), "schema", "missing field 'apiVersion'", { hint: `add apiVersion: ${API_VERSION}` }));
  } else if (value.apiVersion !== API_VERSION) {
    // Another format version: its fields may mean something else, so nothing further is checked.
    const shown = typeof value.apiVersion === "string" ? ` '${value.apiVersion}'` : "";
    problems.push(
      problem(locator.at(["apiVersion"]), "api-version", `unsupported apiVersion${shown}`, {
        hint: `this version of aep-gitops reads apiVersion: ${API_VERSION}`,
      }),
    );
    return { problems };
  }

  const kind = value.kind;
  if (kind === undefined) {
    problems.push(problem(top(), "schema", "missing field 'kind'", { hint: `kind is one of ${KINDS.join(", ")}` }));
    return { problems };
  }
  if (!KINDS.includes(kind as Kind)) {
    const suggestion = typeof kind === "string" ? didYouMean(kind, KINDS) : undefined;
    const shown = typeof kind === "string" ? ` '${kind}'` : "";
    const message = `unknown kind${shown}${suggestion ? ` (did you mean '${suggestion}'?)` : ""}`;
    problems.push(
      problem(locator.at(["kind"]), "unknown-kind", message, { hint: `kind is one of ${KINDS.join(", ")}` }),
    );
    return { problems };
  }

  const checked: CheckedDocument = { file: locator.file, locator, kind: kind as Kind, value, valid: false };
  if (typeof value.name === "string") checked.name = value.name;

  const type = value.type;
  if (type === undefined) {
    problems.push(
      problem(top(), "schema", "missing field 'type'", { hint: `type is one of ${DESTINATION_TYPES.join(", ")}` }),
    );
    return { checked, problems };
  }
  if (!isDestinationType(type)) {
    const suggestion = typeof type === "string" ? didYouMean(type, DESTINATION_TYPES) : undefined;
    const tail = suggestion ? ` (did you mean '${suggestion}'?)` : "";
    problems.push(
      problem(locator.at(["type"]), "schema", `'type' must be one of ${DESTINATION_TYPES.join(", ")}${tail}`),
    );
    return { checked, problems };
  }
  checked.type = type;

  const validate = branchValidator(checked.kind, checked.type);
  // A missing apiVersion was reported above; do not let the schema report it a second time.
  if (validate({ apiVersion: API_VERSION, ...value })) {
    checked.valid = problems.length === 0;
  } else {
    const account = checked.kind === "Account" ? checked.name : undefined;
    problems.push(
      ...schemaProblems(validate.errors ?? [], {
        locator,
        rule: "schema",
        account,
        definitions: resourceSchema.definitions,
      }),
    );
  }
  return { checked, problems };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
