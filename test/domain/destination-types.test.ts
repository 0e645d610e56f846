// Each destination type's facts live in one file (src/domain/destination-types/); the JSON Schema users
// and editors read has a branch per type. They must say the same thing, or validation and planning drift.
import { describe, expect, it } from "vitest";
import schema from "../../schemas/aep-gitops.schema.json" with { type: "json" };
import {
  DESTINATION_TYPES,
  destinationType,
  secretFields,
  typeForConnectionSpec,
} from "../../src/domain/destination-types/index.js";

type Definition = {
  const?: string;
  $ref?: string;
  type?: string;
  writeOnly?: boolean;
  properties?: Record<string, Definition>;
  required?: string[];
};
const definitions = schema.definitions as unknown as Record<string, Definition>;
const resolve = (d: Definition | undefined): Definition | undefined =>
  d?.$ref ? resolve(definitions[d.$ref.split("/").pop()!]) : d;
const refName = (d: Definition | undefined) => d?.$ref?.split("/").pop();

describe.each(DESTINATION_TYPES)("destination type %s", (type) => {
  const spec = destinationType(type);

  it("has its type constant in the schema", () => {
    expect(definitions[spec.schema.typeConst]?.const).toBe(type);
  });

  it("has Account and Destination branches that select it and use its credentials and target", () => {
    const account = definitions[spec.schema.account]!;
    const destination = definitions[spec.schema.destination]!;
    expect(refName(account.properties!.type)).toBe(spec.schema.typeConst);
    expect(refName(destination.properties!.type)).toBe(spec.schema.typeConst);
    expect(refName(account.properties!.credentials)).toBe(spec.schema.credentials);
    expect(refName(destination.properties!.target)).toBe(spec.schema.target);
  });

  it("lists the schema's credential fields, secret exactly where the schema says writeOnly", () => {
    const properties = definitions[spec.schema.credentials]!.properties!;
    expect(spec.credentials.map((f) => f.name).sort()).toEqual(Object.keys(properties).sort());
    const writeOnly = Object.entries(properties)
      .filter(([, p]) => resolve(p)?.writeOnly === true)
      .map(([name]) => name);
    expect(secretFields(type).sort()).toEqual(writeOnly.sort());
  });

  it("lists the schema's target params with their types", () => {
    const properties = definitions[spec.schema.target]!.properties!;
    expect(spec.targetParams.map((p) => p.name).sort()).toEqual(Object.keys(properties).sort());
    for (const param of spec.targetParams) expect(resolve(properties[param.name])?.type).toBe(param.kind);
  });

  it("is found again by its connection spec id", () => {
    expect(typeForConnectionSpec(spec.connectionSpecId)).toBe(type);
  });
});

describe("the registry", () => {
  it("knows every type the schema declares", () => {
    const declared = Object.values(definitions)
      .filter((d) => typeof d.const === "string" && d.const.includes("-") && !d.const.includes("/"))
      .map((d) => d.const);
    expect([...DESTINATION_TYPES].sort()).toEqual(declared.sort());
  });
});
