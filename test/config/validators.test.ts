// The schema validators a process uses are generated ahead of time (scripts/gen-validators.mjs, ajv's
// standalone code), so no start-up pays for compiling them. They must never drift from the schemas:
// the committed file is exactly what the generator makes now, and on every document the suite knows it
// judges as ajv compiling the schemas at run time does, error for error.
import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import * as generated from "../../src/config/validators.generated.js";
// @ts-expect-error -- a plain .mjs script with no declarations
import { createAjv, declarations, exportedRefs, generate, OUTPUT } from "../../scripts/gen-validators.mjs";
import { repositoryYamlFiles } from "../support/repo-yaml.js";

/** Every YAML document of the fixtures and the examples, as the loader hands it to a validator. */
function corpus(): unknown[] {
  const files = repositoryYamlFiles();
  return files.flatMap((file) =>
    parseAllDocuments(readFileSync(file, "utf8")).flatMap((doc) => {
      if (!("toJS" in doc) || doc.errors.length > 0) return [];
      try {
        return [doc.toJS({ maxAliasCount: 100 }) as unknown];
      } catch {
        return []; // the alias-bomb fixture: the loader refuses it before any schema sees it
      }
    }),
  );
}

const judged = (validate: ValidateFunction, doc: unknown) => {
  const valid = validate(doc);
  const errors = (validate.errors ?? []).map((e: ErrorObject) => ({
    instancePath: e.instancePath,
    schemaPath: e.schemaPath,
    keyword: e.keyword,
    params: e.params,
    message: e.message,
  }));
  return { valid, errors };
};

describe("the generated validators", () => {
  it("are exactly what the generator makes from the schemas now (run npm run gen:validators)", () => {
    expect(readFileSync(OUTPUT, "utf8")).toBe(generate());
    expect(readFileSync(OUTPUT.replace(/\.js$/, ".d.ts"), "utf8")).toBe(declarations());
  });

  it("judge every known document as the runtime-compiled schemas do, error for error", () => {
    const ajv = createAjv() as Ajv;
    const docs = corpus();
    expect(docs.length).toBeGreaterThan(100);
    let invalid = 0;
    for (const [name, ref] of Object.entries(exportedRefs() as Record<string, string>)) {
      const runtime = ajv.getSchema(ref)!;
      const standalone = (generated as unknown as Record<string, ValidateFunction>)[name]!;
      for (const doc of docs) {
        const expected = judged(runtime, doc);
        expect(judged(standalone, doc), `${name} on ${JSON.stringify(doc).slice(0, 200)}`).toEqual(expected);
        if (!expected.valid) invalid++;
      }
    }
    // The corpus exercises failures too, not only documents that pass.
    expect(invalid).toBeGreaterThan(100);
  });

  it("a validator that differs is caught", () => {
    const ajv = createAjv() as Ajv;
    const doc = { apiVersion: "aep-gitops/v1", kind: "Account", name: "a", type: "amazon-kinesis" };
    const other = ajv.getSchema("aep-gitops#/definitions/EventHubsAccount")!;
    expect(judged(generated.definition_KinesisAccount, doc)).not.toEqual(judged(other, doc));
  });
});
