// The pure half of Adobe's verdict: which jobs a destination asks, and where each violation lands.
import { describe, expect, it } from "vitest";
import { denyText, judgement, labelsOf, verdictProblems } from "../../src/domain/checks/adobe-verdict.js";
import type { DesiredDestination } from "../../src/domain/state/desired.js";
import { fieldPointer, policyLabel } from "../../src/domain/checks/marketing-actions.js";

const at = (line: number) => ({ file: "d.yaml", line, column: 5 });
const destination: DesiredDestination = {
  name: "promo",
  type: "amazon-kinesis",
  account: "a",
  state: "enabled",
  target: {},
  audiences: [
    { id: "a1", labels: ["core/C5"], mergePolicyId: "mp", source: at(10) },
    { id: "a2", mergePolicyId: "mp", source: at(11) },
  ],
  profileAttributes: [
    { path: "person.lastName", source: at(13) },
    { path: "homeAddress.city", source: at(14) },
  ],
  source: at(1),
};
const actions = [{ ref: "core/emailTargeting", source: at(20) }];
const policy = { name: "Restrict", id: "p1", deny: { operator: "OR", operands: [{ label: "C2" }, { label: "C5" }] } };

describe("Adobe's verdict, judged", () => {
  it("asks one labels job per labelled audience and one datasets job per merge policy, fields as JSON Pointers", () => {
    const judged = judgement([{ destination, actions }], new Map([["mp", ["ds1", "ds2"]]]));
    expect(judged.jobs).toEqual([
      { action: "core/emailTargeting", labels: ["C5"] },
      {
        action: "core/emailTargeting",
        entities: ["ds1", "ds2"].map((dataSetId) => ({
          dataSetId,
          fields: ["/properties/person/properties/lastName", "/properties/homeAddress/properties/city"],
        })),
      },
    ]);
  });

  it("puts a violation at the audience, at the attribute inside a labelled object, else at the marketing action", () => {
    const judged = judgement([{ destination, actions }], new Map([["mp", ["ds1"]]]));
    const fieldLabelled = verdictProblems(judged, [
      { violated: [policy], fields: [] },
      { violated: [policy], fields: [{ path: "/properties/homeAddress", labels: ["C2"] }] },
    ]);
    expect(fieldLabelled.map((p) => [p.line, p.rule, p.policy])).toEqual([
      [10, "adobe-policy", "p1"],
      [14, "adobe-policy", "p1"],
    ]);
    const wholeDataset = verdictProblems(judged, [
      { violated: [], fields: [] },
      { violated: [policy], fields: [] },
    ]);
    expect(wholeDataset.map((p) => p.line)).toEqual([20]);
    expect(wholeDataset[0]!.message).toContain("'Restrict' (id p1, deny C2 OR C5)");
  });

  it("words deny rules, nested and bounded", () => {
    const nested = {
      operator: "AND",
      operands: [{ label: "C1" }, { operator: "OR", operands: [{ label: "C3" }, { label: "C7" }] }],
    };
    expect(denyText(nested)).toBe("C1 AND (C3 OR C7)");
    expect(labelsOf(nested)).toEqual(["C1", "C3", "C7"]);
    expect(denyText({ label: "x".repeat(500) })).toHaveLength(200);
    expect(denyText(null)).toBe("(no rule)");
  });

  it("names labels and fields as the Policy Service does", () => {
    expect(policyLabel("core/C5")).toBe("C5");
    expect(policyLabel("custom/Partner")).toBe("Partner");
    expect(fieldPointer("_acme.loyalty.tier")).toBe("/properties/_acme/properties/loyalty/properties/tier");
  });
});
