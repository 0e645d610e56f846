import { describe, expect, it } from "vitest";
import type { Plan } from "../../src/domain/plan/plan.js";
import { renderPlanJson } from "../../src/report/plan/json.js";
import { renderPlanMarkdown } from "../../src/report/plan/markdown.js";
import { renderPlanText } from "../../src/report/plan/text.js";
import { firstApplyPlan, mixedUpdatePlan } from "./scenarios.js";

const renderers: [string, (plan: Plan) => string][] = [
  ["text", (plan) => renderPlanText(plan, { verbose: true })],
  ["markdown", (plan) => renderPlanMarkdown(plan)],
  ["json", renderPlanJson],
];

/** A plan that should never exist (config validation refuses literal secrets), to prove the backstop. */
function planWithLiteralSecret(): Plan {
  const plan = firstApplyPlan();
  const account = plan.sandboxes[0]!.changes.find((c) => c.resource === "account")!;
  const body = account.calls[0]!.body as { auth: { params: Record<string, string> } };
  body.auth.params = { ...body.auth.params, secretKey: "wJalrXUtnFEMI-literal" };
  return plan;
}

describe("credentials in rendered plans", () => {
  it.each(renderers)(
    "%s shows the ${env:KINESIS_SECRET} reference of a new account and of a rotation",
    (_name, render) => {
      for (const plan of [firstApplyPlan(), mixedUpdatePlan()]) expect(render(plan)).toContain("${env:KINESIS_SECRET}");
    },
  );

  it.each(renderers)("%s hides a literal value in a secret field should one ever reach a plan", (_name, render) => {
    const out = render(planWithLiteralSecret());
    expect(out).not.toContain("wJalrXUtnFEMI-literal");
    expect(out).toContain("(literal secret hidden)");
    // Fields that are not secret stay as written: reviewers need to see the key id and region.
    expect(out).toContain("AKIA123");
  });
});
