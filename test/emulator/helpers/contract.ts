// The contract check every emulator test file ends with: each recorded Flow Service response must validate
// against the response schema of the matching operation in BOTH of Adobe's specs, wherever a spec defines
// one (and be empty where a spec documents the status without a body); each audit events list against
// audit-query.yaml (audit-contract.ts). Skipped, with a notice, when the
// specs are not next to the repository (a fresh clone without ../shared still passes).
import { describe, expect, it } from "vitest";
import { AUDIT_SPEC, auditViolations } from "./audit-contract.js";
import { itemSchemaEnvelope } from "./deviations.js";
import { OpenApiContract, specDir, specsAvailable } from "./openapi.js";
import { recorded, type Exchange } from "./recorder.js";
import { FLOW } from "./harness.js";

let contract: OpenApiContract | undefined;

export function loadContract(): OpenApiContract {
  contract ??= new OpenApiContract();
  return contract;
}

export interface Violation {
  spec: string;
  operation: string;
  status: number;
  errors: string;
}

/** Checks exchanges against the specs; returns violations and how many checks ran. */
export function checkExchanges(exchanges: readonly Exchange[]): { violations: Violation[]; checked: number } {
  const specs = loadContract();
  const violations: Violation[] = [];
  let checked = 0;
  for (const exchange of exchanges) {
    const audit = auditViolations(exchange);
    if (audit.checked) checked += 1;
    if (audit.errors)
      violations.push({
        spec: AUDIT_SPEC,
        operation: "GET /audit/events",
        status: exchange.status,
        errors: audit.errors,
      });
    const pathname = exchange.path.split("?")[0]!;
    if (!pathname.startsWith(`${FLOW}/`)) continue;
    const flowPath = pathname.slice(FLOW.length).replace(/\/+$/, "");
    for (const op of specs.operationsFor(exchange.method, flowPath)) {
      const operation = `${op.method} ${op.specPath}`;
      const validate = specs.validator(op, exchange.status);
      if (!validate) {
        // DELETE's 202/204, documented without content ("blank body"), must come without a body.
        if (
          (exchange.status === 202 || exchange.status === 204) &&
          specs.documents(op, exchange.status) &&
          exchange.text !== ""
        ) {
          violations.push({
            spec: op.spec,
            operation,
            status: exchange.status,
            errors: "the spec documents this success without a body, but one was sent",
          });
        }
        continue;
      }
      // The item-schema deviation: check each element of `items` (a `{count}` answer has none to check).
      const bodies = itemSchemaEnvelope(op.spec, op.method, op.specPath, exchange.status)
        ? ((exchange.body as { items?: unknown[] })?.items ?? [])
        : [exchange.body];
      for (const body of bodies) {
        checked += 1;
        if (!validate(body)) {
          const errors = (validate.errors ?? [])
            .map((e) => `${e.instancePath || "/"} ${e.message ?? ""} (${e.schemaPath})`)
            .join("; ");
          violations.push({ spec: op.spec, operation, status: exchange.status, errors });
        }
      }
    }
  }
  return { violations, checked };
}

/** Declares, at the end of a test file, the check of everything that file's tests received. */
export function itConformsToAdobeSpecs(): void {
  if (!specsAvailable) {
    console.warn(
      `[emulator contract] Adobe's OpenAPI specs not found in ${specDir}; set AEP_OPENAPI_DIR to run the contract checks.`,
    );
  }
  describe.skipIf(!specsAvailable)("Adobe's OpenAPI contract", () => {
    it("answers every request of this file with a body that matches the spec's response schema", () => {
      const { violations } = checkExchanges(recorded());
      expect(violations).toEqual([]);
    });
  });
}
