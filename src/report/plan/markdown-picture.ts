// The PR comment's picture of what leaves where (mermaid.ts draws it): one flowchart per sandbox the
// plan changes, with a legend in words, and a line saying when a large sandbox is drawn per account.
// A chart mermaid would refuse (its source past MERMAID_TEXT_LIMIT, which names from Adobe can push it
// to) is not drawn: the sandbox's destinations are listed in plain Markdown instead.
import type { MapDestination, Plan, SandboxPlan } from "../../domain/plan/plan.js";
import { code, fence, md } from "../escape/markdown.js";
import { deltaText, egressFlowchart, fitsMermaid, FLOWCHART_DESTINATION_LIMIT } from "./mermaid.js";

export const PICTURE_TITLE = "Where data goes";

export function pictureSection(plan: Plan): string[] {
  const drawn = plan.sandboxes.filter(
    (s) => s.egressMap && s.egressMap.destinations.length > 0 && (changes(s) || s.egress.length > 0),
  );
  if (drawn.length === 0) return [];
  const lines = [`### ${PICTURE_TITLE}`, ""];
  for (const sandbox of drawn) {
    const chart = egressFlowchart(sandbox.egressMap!);
    const count = sandbox.egressMap!.destinations.length;
    if (!fitsMermaid(chart.source)) {
      lines.push(...listed(sandbox.sandbox, sandbox.egressMap!.destinations));
      continue;
    }
    // One sentence before each chart, so every chart can be told apart (and a cut lands between them).
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

/** The destinations this plan touches, one line each, and how many others there are. */
function listed(sandbox: string, destinations: MapDestination[]): string[] {
  const touched = destinations.filter((d) => d.delta);
  const others = destinations.length - touched.length;
  return [
    `Sandbox ${code(sandbox)}: too large to draw (mermaid draws at most its 50,000 characters of chart), so listed: account → destination → where its data lands.`,
    "",
    ...touched.map((d) => {
      const place = Object.entries(d.place).map(([key, value]) => `${md(key)} ${code(String(value))}`);
      return `- ${code(d.account)} → ${code(d.name)} → ${place.join(", ") || "(not known)"}: ${md(deltaText(d) ?? "")}`;
    }),
    ...(others > 0 ? [`- … and ${others} destination${others === 1 ? "" : "s"} this plan leaves as they are.`] : []),
    "",
  ];
}

function changes(sandbox: SandboxPlan): boolean {
  return sandbox.changes.some((c) => c.action !== "orphan");
}
