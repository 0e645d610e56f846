// The domain's `${env:NAME}` form is the schema's: editors, ajv and the rules must accept the same values.
import { describe, expect, it } from "vitest";
import resourceSchema from "../../../schemas/aep-gitops.schema.json" with { type: "json" };
import { ENV_REFERENCE_PATTERN, envReferenceName } from "../../../src/domain/checks/env-reference.js";

describe("the env-reference pattern", () => {
  it("is the schema's definitions.secretReference.pattern", () => {
    expect(ENV_REFERENCE_PATTERN).toBe(resourceSchema.definitions.secretReference.pattern);
  });

  it("reads the name of a whole-value reference only", () => {
    expect(envReferenceName("${env:KINESIS_KEY}")).toBe("KINESIS_KEY");
    expect(envReferenceName("x${env:KINESIS_KEY}")).toBeUndefined();
    expect(envReferenceName("${env:1BAD}")).toBeUndefined();
  });
});
