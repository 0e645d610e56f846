import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Plan } from "../../src/domain/plan/plan.js";
import { renderPlanJson } from "../../src/report/plan/json.js";

/** The plan document's format: a public contract (docs/json-output.md), pinned here as written. */
const PLAN_JSON_FORMAT = "aep-gitops.plan/v1";
import { expectGolden } from "./golden.js";
import { firstApplyPlan, mixedUpdatePlan, orphanPlan, refusedPlan } from "./scenarios.js";

type Doc = {
  format: string;
  checksum: string;
  summary: Plan["summary"];
  sandboxes: {
    sandbox: string;
    changes: Record<string, unknown>[];
    egress: { sizes?: unknown }[];
    refusals: unknown[];
    notes: unknown[];
  }[];
  problems: unknown[];
};

// The scenarios' YAML is under /repo: sources are shown relative to the folder the command ran in.
const CWD = "/repo";
const parse = (plan: Plan) => JSON.parse(renderPlanJson(plan, { cwd: CWD })) as Doc;

describe("the JSON plan", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("is the documented v1 shape, with keys in the documented order", () => {
    const doc = parse(mixedUpdatePlan());
    expect(Object.keys(doc)).toEqual(["format", "checksum", "summary", "sandboxes", "problems"]);
    expect(doc.format).toBe(PLAN_JSON_FORMAT);
    expect(Object.keys(doc.sandboxes[0]!)).toEqual(["sandbox", "changes", "egress", "refusals", "notes"]);
    const flow = doc.sandboxes[0]!.changes.find((c) => c.ref === "flow/summer-advertising-campaign")!;
    expect(Object.keys(flow)).toEqual([
      "ref",
      "action",
      "resource",
      "name",
      "source",
      "liveId",
      "fields",
      "attribution",
      "calls",
    ]);
    expect(Object.keys((flow.calls as object[])[0]!)).toEqual(["method", "path", "body", "ifMatch"]);
  });

  it("parses back to the plan it was rendered from", () => {
    for (const plan of [firstApplyPlan(), mixedUpdatePlan(), orphanPlan(), refusedPlan()]) {
      const doc = parse(plan);
      expect(doc.checksum).toBe(plan.checksum);
      expect(doc.summary).toEqual(plan.summary);
      doc.sandboxes.forEach((s, i) => {
        const source = plan.sandboxes[i]!;
        expect(s.sandbox).toBe(source.sandbox);
        // toEqual ignores key order; dependsOn is the executor's business and not part of v1.
        expect(s.changes).toEqual(
          source.changes.map(({ dependsOn: _d, ...c }) =>
            c.source ? { ...c, source: { ...c.source, file: path.relative(CWD, c.source.file) } } : c,
          ),
        );
        // `sizes` is derived (the sums of the audiences' sizes), not a field of the plan.
        expect(s.egress.map(({ sizes: _s, ...e }) => e)).toEqual(source.egress);
        expect(s.refusals).toEqual(source.refusals);
        expect(s.notes).toEqual(source.notes);
      });
    }
  });

  it("serialises the same plan to the same bytes, 2-space indented", () => {
    const out = renderPlanJson(mixedUpdatePlan(), { cwd: CWD });
    expect(out).toBe(renderPlanJson(mixedUpdatePlan(), { cwd: CWD }));
    expect(out.split("\n")[1]).toBe(`  "format": "${PLAN_JSON_FORMAT}",`);
    expectGolden("json-mixed-update.json", out);
  });

  it("matches the example in docs/json-output.md, key for key", () => {
    const doc = readFileSync(new URL("../../docs/json-output.md", import.meta.url), "utf8");
    const example = [...doc.matchAll(/```json\n([\s\S]*?)\n```/g)]
      .map((m) => JSON.parse(m[1]!) as Doc)
      .find((d) => d.format === PLAN_JSON_FORMAT)!;
    const actual = parse(mixedUpdatePlan());
    expect(example.format).toBe(PLAN_JSON_FORMAT);
    expect(Object.keys(example)).toEqual(Object.keys(actual));
    expect(Object.keys(example.sandboxes[0]!)).toEqual(Object.keys(actual.sandboxes[0]!));
    const flow = actual.sandboxes[0]!.changes.find((c) => c.ref === "flow/summer-advertising-campaign")!;
    expect(Object.keys(example.sandboxes[0]!.changes[0]!)).toEqual(Object.keys(flow));
  });

  it("carries the run's warnings in the validate shape, at their place relative to cwd", () => {
    const warning = {
      file: "/repo/destinations/winter.yaml",
      line: 8,
      column: 1,
      rule: "shared-target" as const,
      severity: "warning" as const,
      message: "destination 'winter' writes to the same stream as 'summer'",
    };
    const doc = JSON.parse(renderPlanJson(firstApplyPlan(), { cwd: CWD, problems: [warning] })) as Doc;
    expect(doc.problems).toEqual([{ ...warning, file: "destinations/winter.yaml" }]);
    expect(parse(firstApplyPlan()).problems).toEqual([]);
  });

  it("omits absent optional keys rather than writing null", () => {
    const out = renderPlanJson(firstApplyPlan());
    expect(out).not.toContain("null");
    const create = parse(firstApplyPlan()).sandboxes[0]!.changes[0]!;
    expect(create).not.toHaveProperty("liveId");
    expect(create).not.toHaveProperty("attribution");
  });

  it("carries credential references, never their values", () => {
    vi.stubEnv("KINESIS_SECRET", "wJalrXUtnFEMI-real-secret-value");
    const out = renderPlanJson(firstApplyPlan());
    expect(out).toContain('"secretKey": "${env:KINESIS_SECRET}"');
    expect(out).not.toContain("wJalrXUtnFEMI-real-secret-value");
  });
});
