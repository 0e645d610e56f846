// Every rule id users can meet is exercised somewhere: by a fixture named after it, or by a generated case.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RULES } from "../../src/domain/checks/problem.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/config/invalid/", import.meta.url));

/** Rules whose inputs are generated rather than committed, and the test file that covers each. */
const GENERATED: Record<string, string> = {
  "path-not-found": "generated-cases.test.ts",
  "no-files": "generated-cases.test.ts",
  "read-error": "generated-cases.test.ts",
  "file-too-large": "generated-cases.test.ts",
  encoding: "generated-cases.test.ts",
  "guardrail-destinations": "generated-cases.test.ts",
  "tool-config": "tool-config.test.ts",
  // Found against the live sandbox when planning, not in files alone.
  "unknown-audience": "../cli/audience-references.test.ts",
  "audience-name": "../cli/audience-references.test.ts",
  "ambiguous-audience": "../cli/audience-references.test.ts",
  "env-not-set": "../cli/secrets-before-writes.test.ts",
  "connection-spec": "../cli/connection-specs.test.ts",
  "inactive-audience": "../cli/audiences-of-every-origin.test.ts",
  "audience-origin": "../cli/audiences-of-every-origin.test.ts",
  "xdm-union": "../cli/governance.test.ts",
  policy: "../cli/governance.test.ts",
  "adobe-policy": "../cli/adobe-policies.test.ts",
  "kinesis-stream": "../cli/kinesis-streams.test.ts",
  "stream-capacity": "../cli/kinesis-streams.test.ts",
};

describe("the rule ids", () => {
  const fixtureRules = new Set(readdirSync(FIXTURES).map((name) => name.split("--")[0]!));

  it.each(Object.keys(RULES))("%s has a broken-file fixture or a generated case", (rule) => {
    expect(fixtureRules.has(rule) || rule in GENERATED).toBe(true);
  });

  it("name no fixture after a rule that does not exist", () => {
    expect([...fixtureRules].filter((rule) => !(rule in RULES))).toEqual([]);
  });
});
