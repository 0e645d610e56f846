// The JSON Schemas are the single source of truth: shipped to editors, used by the loader, turned into
// the TypeScript types. These tests keep them documented, consistent with the examples and the types.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { toolConfigValidator } from "../../src/config/schema.js";
// @ts-expect-error -- a plain .mjs script with no declarations: the one definition of the ajv options.
import { createAjv } from "../../scripts/gen-validators.mjs";

/** The whole resource schema with its if/then dispatch, as editors see it (the CLI uses only branches). */
const resourceValidator = () => (createAjv() as Ajv).getSchema("aep-gitops")!;
import { secretFields } from "../../src/domain/destination-types/index.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SCHEMAS = ["aep-gitops.schema.json", "tool-config.schema.json", "output/validate.schema.json"];
const EXAMPLES = path.join(ROOT, "examples/destinations");

type Schema = Record<string, unknown> & {
  properties?: Record<string, Schema>;
  definitions?: Record<string, Schema>;
  $ref?: string;
};

function readSchema(name: string): Schema {
  return JSON.parse(readFileSync(path.join(ROOT, "schemas", name), "utf8")) as Schema;
}

/** Every `properties` entry of a schema, with its $ref resolved, as [pointer, schema]. */
function allProperties(root: Schema): Array<[string, Schema]> {
  const found: Array<[string, Schema]> = [];
  const resolve = (s: Schema) => (s.$ref ? { ...root.definitions![s.$ref.split("/").pop()!]!, ...s } : s);
  const visit = (schema: Schema, pointer: string) => {
    for (const [name, property] of Object.entries(schema.properties ?? {}))
      found.push([`${pointer}/${name}`, resolve(property)]);
  };
  visit(root, "#");
  for (const [name, definition] of Object.entries(root.definitions ?? {})) visit(definition, `#/definitions/${name}`);
  return found;
}

describe.each(SCHEMAS)("schemas/%s", (name) => {
  const schema = readSchema(name);

  it("is draft-07, which both ajv and the YAML language server fully support", () => {
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(() => new Ajv({ strict: false }).compile(schema)).not.toThrow();
  });

  it.each(allProperties(schema))("documents %s with a description and examples", (_pointer, property) => {
    expect(typeof property.description).toBe("string");
    expect(Array.isArray(property.examples) && property.examples.length > 0).toBe(true);
  });

  it.each(allProperties(schema))("gives examples for %s that its own schema accepts", (_pointer, property) => {
    const validate = new Ajv({ strict: false }).compile({ ...property, definitions: schema.definitions });
    for (const example of property.examples as unknown[]) expect(validate(example), JSON.stringify(example)).toBe(true);
  });

  it("rejects unknown fields in every object", () => {
    const objects = [schema, ...Object.values(schema.definitions ?? {})].filter((s) => s.type === "object");
    // A dispatch (if/then on kind or type) leaves unknown fields to the branch it selects, which rejects them.
    const isDispatch = (s: Schema) => Array.isArray(s.allOf) && (s.allOf as Schema[]).every((b) => b.if && b.then);
    for (const object of objects.filter((s) => !isDispatch(s)))
      expect(object.additionalProperties === false || typeof object.additionalProperties === "object").toBe(true);
  });
});

describe("every file in schemas/", () => {
  const files = (readdirSync(path.join(ROOT, "schemas"), { recursive: true }) as string[])
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.split(path.sep).join("/"));
  const { repository } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    repository: { url: string };
  };
  const slug = /github\.com\/(.+?)(?:\.git)?$/.exec(repository.url)?.[1];

  it.each(files)("%s has an $id: the file on the main branch of package.json's repository", (file) => {
    expect(readSchema(file).$id).toBe(`https://raw.githubusercontent.com/${slug}/main/schemas/${file}`);
  });
});

describe("the examples", () => {
  const files = readdirSync(EXAMPLES).filter((f) => /\.ya?ml$/.test(f));

  it.each(files)("%s validates against the whole schema, as an editor sees it", (file) => {
    const text = readFileSync(path.join(EXAMPLES, file), "utf8");
    // The schema's $id: it works wherever the example is copied to (a relative path would not).
    expect(text.split("\n")[0]).toBe(
      "# yaml-language-server: $schema=https://raw.githubusercontent.com/aep-gitops/aep-gitops/main/schemas/aep-gitops.schema.json",
    );
    const validate = resourceValidator();
    for (const doc of parseAllDocuments(text) as ReturnType<typeof parseAllDocuments> & unknown[]) {
      expect(validate(doc.toJS()), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it("of the tool config schema are valid tool configs", () => {
    const schema = readSchema("tool-config.schema.json");
    const examples = Object.entries(schema.properties!).map(([key, property]) => ({
      [key]: (property.examples as unknown[])[0],
    }));
    for (const example of examples) expect(toolConfigValidator()(example), JSON.stringify(example)).toBe(true);
  });
});

describe("values derived from the schema", () => {
  it("marks exactly secretKey and sasKey as secret", () => {
    expect([secretFields("amazon-kinesis"), secretFields("azure-event-hubs")]).toEqual([["secretKey"], ["sasKey"]]);
  });

  it("keeps src/config/types.generated.ts in step with the schemas", () => {
    const run = spawnSync(process.execPath, ["scripts/gen-types.mjs", "--check"], { cwd: ROOT, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
