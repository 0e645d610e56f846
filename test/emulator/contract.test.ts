// The contract checker itself: it must catch what Adobe's specs forbid, and its allow-list of spec
// corrections must stay explicit, reasoned and applicable.
import { describe, expect, it } from "vitest";
import { checkExchanges, loadContract } from "./helpers/contract.js";
import { SPEC_DEVIATIONS } from "./helpers/deviations.js";
import { FLOW } from "./helpers/harness.js";
import { specDir, specsAvailable } from "./helpers/openapi.js";
import type { Exchange } from "./helpers/recorder.js";

const exchange = (method: string, path: string, status: number, body: unknown): Exchange => ({
  method,
  path: `${FLOW}${path}`,
  status,
  body,
  text: body === undefined ? "" : JSON.stringify(body),
});

const flowItem = {
  id: "f",
  description: "",
  createdClient: "c",
  updatedClient: "c",
  createdBy: "c",
  updatedBy: "c",
  imsOrgId: "o@AdobeOrg",
  sandboxId: "s",
  sandboxName: "prod",
  etag: '"e"',
  state: "enabled",
  sourceConnectionIds: ["s"],
  targetConnectionIds: ["t"],
  inheritedAttributes: { properties: { isDestinationFlow: true }, sourceConnections: [], targetConnections: [] },
};

if (!specsAvailable)
  console.warn(`[emulator contract] Adobe's OpenAPI specs not found in ${specDir}; contract self-tests skipped.`);

describe.skipIf(!specsAvailable)("the OpenAPI contract checker", () => {
  it("loads both specs with every allow-listed correction applied", () => {
    const contract = loadContract();
    expect(contract.operations.length).toBeGreaterThan(40);
    for (const deviation of SPEC_DEVIATIONS) expect(deviation.reason.length, deviation.pointer).toBeGreaterThan(40);
  });

  it("accepts a well-formed flow and a PATCH answer", () => {
    const { violations, checked } = checkExchanges([
      exchange("GET", "/flows/f", 200, { items: [flowItem] }),
      exchange("PATCH", "/flows/f", 200, { id: "f", etag: '"e"' }),
      exchange("DELETE", "/flows/f", 202, undefined),
    ]);
    expect(violations).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(4);
  });

  it("catches a flow state outside Adobe's enum and a missing required field", () => {
    const { state: _state, etag: _etag, ...rest } = flowItem;
    const { violations } = checkExchanges([
      exchange("GET", "/flows/f", 200, { items: [{ ...rest, state: "paused" }] }),
    ]);
    expect(violations.map((v) => v.spec)).toContain("destinations.yaml");
    expect(violations[0]!.errors).toMatch(/etag|allowed values/);
  });

  it("catches a wrongly typed etag and items that are not a list", () => {
    expect(checkExchanges([exchange("POST", "/flows", 201, { id: "f", etag: 7 })]).violations).not.toEqual([]);
    expect(checkExchanges([exchange("GET", "/flows", 200, { items: {} })]).violations).not.toEqual([]);
  });

  it("checks each element of a destinations.yaml list envelope against the item schema", () => {
    const { violations } = checkExchanges([exchange("GET", "/connections", 200, { items: [{ id: "only an id" }] })]);
    expect(violations.some((v) => v.spec === "destinations.yaml" && v.errors.includes("createdAt"))).toBe(true);
  });

  it("flags a body on a DELETE the specs document as blank", () => {
    const { violations } = checkExchanges([exchange("DELETE", "/flows/f", 202, { deleted: true })]);
    expect(violations).toHaveLength(1);
  });
});
