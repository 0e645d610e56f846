// What an editor shows for one typo. A validator that checks a document against the WHOLE schema and lists
// every failure (ajv with allErrors, and the tools built like it) reported a typo under the old oneOf as the
// failures of every branch: 19 to 26 errors for the cases below. The schema now dispatches with if/then on
// kind and type, so a typo gives the chosen branch's error plus, in ajv, one 'must match "then" schema' line.
// (yaml-language-server 1.25 already narrowed a oneOf to its closest branch; it shows 1 or 2 either way.)
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ErrorObject } from "ajv";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { DESTINATION_TYPES, destinationType } from "../../src/domain/destination-types/index.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SCHEMA = JSON.parse(readFileSync(path.join(ROOT, "schemas/aep-gitops.schema.json"), "utf8")) as {
  allOf?: Array<{ if: { properties: Record<string, { const: string }> }; then: { $ref: string } }>;
  definitions: Record<string, { enum?: string[] }>;
};
const EXAMPLES = path.join(ROOT, "examples/destinations");

// As an editor compiles it: the whole schema, every error, unknown keywords (patternErrorMessage) ignored.
const validate = new Ajv({ allErrors: true, strict: false }).compile(SCHEMA);

function errors(document: unknown): ErrorObject[] {
  validate(document);
  return validate.errors ?? [];
}

const kinesisDestination = {
  apiVersion: "aep-gitops/v1",
  kind: "Destination",
  name: "summer-advertising-campaign",
  type: "amazon-kinesis",
  account: "kinesis-marketing",
  description: "Summer advertising campaign",
  state: "enabled",
  target: { stream: "summer-campaign", region: "us-east-1" },
  audiences: [{ id: "72ddd79b-6b0a-4e97-a8d2-112ccd81bd02", name: "Men over 50" }],
  profileAttributes: ["person.lastName"],
};
const eventHubsDestination = {
  apiVersion: "aep-gitops/v1",
  kind: "Destination",
  name: "realtime-personalization",
  type: "azure-event-hubs",
  account: "event-hubs-analytics",
  target: { eventHubName: "profile-updates", includeSegmentNames: true },
  audiences: [{ name: "Men over 50" }],
};
const kinesisAccount = {
  apiVersion: "aep-gitops/v1",
  kind: "Account",
  name: "kinesis-marketing",
  type: "amazon-kinesis",
  description: "AWS account of the marketing data team",
  credentials: { accessKeyId: "${env:KINESIS_ACCESS_KEY_ID}", secretKey: "${env:KINESIS_SECRET}", region: "us-east-1" },
};

/** A copy of `document` with `key` (a top-level key, or `parent.key`) renamed to `to`. */
function renamed(document: Record<string, unknown>, key: string, to: string): Record<string, unknown> {
  const [parent, child] = key.includes(".") ? key.split(".") : [undefined, key];
  const rename = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k === child ? to : k, v]));
  if (parent === undefined) return rename(document);
  return { ...document, [parent]: rename(document[parent] as Record<string, unknown>) };
}

function without(document: Record<string, unknown>, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(document).filter(([k]) => k !== key));
}

/** [case, document, what the errors must point at: `keyword:instancePath` or an unknown key's name] */
const TYPOS: Array<[string, unknown, string]> = [
  ["a misspelt key in a Kinesis destination", renamed(kinesisDestination, "description", "descripton"), "descripton"],
  [
    "a misspelt key in an Event Hubs destination's target",
    renamed(eventHubsDestination, "target.includeSegmentNames", "includeSegmentName"),
    "includeSegmentName",
  ],
  ["a misspelt key in an Event Hubs destination", { ...eventHubsDestination, stat: "enabled" }, "stat"],
  ["a misspelt key in an account", renamed(kinesisAccount, "description", "descriptoin"), "descriptoin"],
  ["a wrong value for type", { ...kinesisDestination, type: "amazon-kinesiss" }, "enum:/type"],
  ["a wrong value for type in an account", { ...kinesisAccount, type: "azure-eventhubs" }, "enum:/type"],
  ["a missing required key", without(kinesisDestination, "target"), "required:"],
  ["a missing type", without(eventHubsDestination, "type"), "required:"],
  ["a wrong value for kind", { ...kinesisDestination, kind: "Destinaton" }, "enum:/kind"],
  ["a wrong value for state", { ...kinesisDestination, state: "enabeld" }, "enum:/state"],
];

function pointsAt(error: ErrorObject): string[] {
  const extra = (error.params as { additionalProperty?: string }).additionalProperty;
  return [`${error.keyword}:${error.instancePath}`, ...(extra ? [extra] : [])];
}

describe("errors an editor shows for one typo, against the whole schema", () => {
  it.each(TYPOS)("%s: at most 2 errors, about that typo", (_case, document, about) => {
    const found = errors(document);
    const summary = JSON.stringify(found.map((e) => `${e.instancePath} ${e.message}`));
    expect(found.length, summary).toBeGreaterThan(0);
    expect(found.length, summary).toBeLessThanOrEqual(2);
    expect(found.flatMap(pointsAt), summary).toContain(about);
    // The only other error allowed is the dispatch's own line, never another branch's failures.
    for (const error of found.filter((e) => !pointsAt(e).includes(about))) expect(error.keyword, summary).toBe("if");
  });

  it("a misspelt required key: the missing key and the unknown one, and nothing from other branches", () => {
    const found = errors(renamed(kinesisDestination, "target.stream", "streem"));
    expect(found.map((e) => e.keyword).sort()).toEqual(["additionalProperties", "if", "required"]);
  });

  it("a document that is not a mapping: one error", () => {
    for (const document of ["a string", ["a", "list"], null, 5]) expect(errors(document)).toHaveLength(1);
  });
});

describe("the dispatch accepts what the branches accept", () => {
  const files = readdirSync(EXAMPLES).filter((f) => /\.ya?ml$/.test(f));

  it.each(files)("every document of examples/destinations/%s validates", (file) => {
    const documents = parseAllDocuments(readFileSync(path.join(EXAMPLES, file), "utf8"));
    for (const document of documents as unknown as Array<{ toJS(): unknown }>)
      expect(errors(document.toJS())).toEqual([]);
  });

  it("accepts the documents the typos were made in", () => {
    for (const document of [kinesisDestination, eventHubsDestination, kinesisAccount])
      expect(errors(document)).toEqual([]);
  });

  it("rejects a document of one kind and type written with another branch's fields", () => {
    expect(errors({ ...kinesisDestination, type: "azure-event-hubs" }).length).toBeGreaterThan(0);
    expect(errors({ ...kinesisAccount, kind: "Destination" }).length).toBeGreaterThan(0);
  });

  it("has one if/then per kind and type, selecting the branch the destination type names", () => {
    const pairs = (SCHEMA.allOf ?? []).map((b) => [
      b.if.properties.kind?.const,
      b.if.properties.type?.const,
      b.then.$ref,
    ]);
    const expected = DESTINATION_TYPES.flatMap((type) => {
      const { schema } = destinationType(type);
      return [
        ["Account", type, `#/definitions/${schema.account}`],
        ["Destination", type, `#/definitions/${schema.destination}`],
      ];
    });
    expect(pairs.sort()).toEqual(expected.sort());
    expect(SCHEMA.definitions.resourceType?.enum?.slice().sort()).toEqual([...DESTINATION_TYPES].sort());
  });
});
