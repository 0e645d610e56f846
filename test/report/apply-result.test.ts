import { describe, expect, it } from "vitest";
import type { ItemResult } from "../../src/domain/apply/results.js";
import { renderApplyMarkdown, renderApplyText, renderItemLine } from "../../src/report/apply/results.js";
import { APPLY_MARKER } from "../../src/report/comments/markers.js";
import { expectGolden } from "./golden.js";

const item = (
  over: Partial<ItemResult> & Pick<ItemResult, "ref" | "action" | "resource" | "name" | "status">,
): ItemResult => ({ concurrent: [], ...over });

/** What the executor reports when a target create fails: its flow is skipped, the rest still runs. */
const RESULTS = [
  {
    sandbox: "prod",
    items: [
      item({
        ref: "account/kinesis-marketing",
        action: "create",
        resource: "account",
        name: "kinesis-marketing",
        status: "done",
      }),
      item({
        ref: "target/summer-advertising-campaign",
        action: "create",
        resource: "target-connection",
        name: "summer-advertising-campaign",
        status: "failed",
        message: "POST /targetConnections: 400 Bad Request: stream 'summer' does not exist",
      }),
      item({
        ref: "flow/summer-advertising-campaign",
        action: "create",
        resource: "flow",
        name: "summer-advertising-campaign",
        status: "skipped",
        message: "skipped: target/summer-advertising-campaign did not succeed",
      }),
      item({
        ref: "flow/winter-clearance",
        action: "update",
        resource: "flow",
        name: "winter-clearance",
        status: "done",
        concurrent: ["flow/winter-clearance changed in Adobe during apply (ui-editor@AdobeID); re-planned against it"],
      }),
    ],
  },
  {
    sandbox: "dev",
    items: [item({ ref: "flow/spring-sale", action: "delete", resource: "flow", name: "spring-sale", status: "done" })],
  },
  { sandbox: "stage", items: [] },
];

describe("apply results", () => {
  it("gives one line per item, concurrent-change notes, and the final count", () => {
    const out = renderApplyText(RESULTS);
    expectGolden("apply.txt", out);
    expect(out).toContain("  ✓ created account kinesis-marketing\n");
    expect(out).toContain(
      "  ✗ failed to create target-connection summer-advertising-campaign: POST /targetConnections: 400 Bad Request",
    );
    expect(out).toContain(
      "  - skipped create flow summer-advertising-campaign (target/summer-advertising-campaign did not succeed)\n",
    );
    expect(out).toContain("      concurrent change: flow/winter-clearance changed in Adobe during apply");
    expect(out.trimEnd().split("\n").at(-1)).toBe("Apply complete: 3 succeeded, 1 failed, 1 skipped.");
  });

  it("renders the same results as markdown behind the apply marker", () => {
    const out = renderApplyMarkdown(RESULTS);
    expectGolden("apply.md", out);
    expect(out.split("\n")[0]).toBe(APPLY_MARKER);
    expect(out).toContain("**Apply complete: 3 succeeded, 1 failed, 1 skipped.**");
  });

  it("escapes an error message that carries markup", () => {
    const out = renderApplyMarkdown([
      {
        sandbox: "prod",
        items: [
          item({
            ref: "flow/x",
            action: "update",
            resource: "flow",
            name: "x",
            status: "failed",
            message: "<b>bad</b> | `x`",
          }),
        ],
      },
    ]);
    expect(out).toContain("&lt;b&gt;bad&lt;/b&gt; \\| \\`x\\`");
  });

  it("streams one line per item as it completes", () => {
    expect(renderItemLine("prod", RESULTS[0]!.items[0]!)).toBe("[prod] ✓ created account kinesis-marketing");
  });

  it("reports an empty apply as nothing done", () => {
    expect(renderApplyText([])).toBe("Apply complete: 0 succeeded, 0 failed, 0 skipped.\n");
  });
});
