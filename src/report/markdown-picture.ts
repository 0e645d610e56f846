// The PR comment's picture of what leaves where (mermaid.ts draws it): one flowchart per sandbox the
// plan changes, with a legend in words, and a line saying when a large sandbox is drawn per account.
import type { Plan, SandboxPlan } from "../domain/plan.js";
import { code, fence } from "./markdown-escape.js";
import { egressFlowchart, FLOWCHART_DESTINATION_LIMIT } from "./mermaid.js";

export const PICTURE_TITLE = "Where data goes";

export function pictureSection(plan: Plan): string[] {
  const drawn = plan.sandboxes.filter(
    (s) => s.egressMap && s.egressMap.destinations.length > 0 && (changes(s) || s.egress.length > 0),
  );
  if (drawn.length === 0) return [];
  const lines = [`### ${PICTURE_TITLE}`, ""];
  for (const sandbox of drawn) {
    const chart = egressFlowchart(sandbox.egressMap!);
    // One sentence before each chart, so every chart can be told apart (and a cut lands between them).
    const count = sandbox.egressMap!.destinations.length;
    const lead = chart.collapsed
      ? `Sandbox ${code(sandbox.sandbox)}: ${count} destinations, drawn per account (a chart shows each destination up to ${FLOWCHART_DESTINATION_LIMIT}).`
      : `Sandbox ${code(sandbox.sandbox)}: every destination, account → destination → where its data lands.`;
    lines.push(lead, "", fence("mermaid", chart.source), "");
  }
  lines.push(
    "_Legend: `+ new`, `- removed`, `~ changed`, `stopped` (disabled by this plan), `orphan` (not in YAML, still exporting); a dashed arrow carries no data._",
    "",
  );
  return lines;
}

function changes(sandbox: SandboxPlan): boolean {
  return sandbox.changes.some((c) => c.action !== "orphan");
}
