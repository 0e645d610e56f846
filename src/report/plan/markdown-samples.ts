// Per changed destination, one sample record before and after the plan (domain/review/preview-changes.ts), each
// collapsed: a reviewer opens the one they care about and sees what the stream receives, in Adobe's
// export format. Bounded, so a plan changing hundreds of destinations keeps room for its changes; the
// rest are one `aep-gitops preview` away.
import type { Plan, SamplePair } from "../../domain/plan/plan.js";
import { PREVIEW_NOTES, type Sample } from "../../domain/review/preview.js";
import { destinationType } from "../../domain/destination-types/index.js";
import { fence, html, md } from "../escape/markdown.js";

/** At most this many sample blocks in one comment. */
const SAMPLE_LIMIT = 10;

export function samplesSection(plan: Plan): string[] {
  const pairs = plan.sandboxes.flatMap((s) => (s.samples ?? []).map((pair) => ({ sandbox: s.sandbox, pair })));
  if (pairs.length === 0) return [];
  const lines = [
    "### Sample records",
    "",
    "One profile as each changed destination receives it, before and after this plan, in Adobe's export format (`aep-gitops preview` shows any destination's). What no sample shows:",
    "",
    ...PREVIEW_NOTES.map((note) => `- ${md(note)}`),
    "",
  ];
  for (const { sandbox, pair } of pairs.slice(0, SAMPLE_LIMIT)) lines.push(...sampleBlock(sandbox, pair));
  const more = pairs.length - SAMPLE_LIMIT;
  if (more > 0)
    lines.push(
      `_… and ${more} more changed destination${more === 1 ? "" : "s"}: \`aep-gitops preview --destination NAME\` prints any one's record._`,
      "",
    );
  return lines;
}

function sampleBlock(sandbox: string, pair: SamplePair): string[] {
  const type = pair.type ? `${destinationType(pair.type).label}, ` : "";
  const what = !pair.before
    ? "the record it starts sending"
    : !pair.after
      ? "the record it stops sending"
      : "before → after";
  return [
    "<details>",
    `<summary>Sample record of ${html(pair.destination)} (${html(type)}sandbox ${html(sandbox)}): ${what}</summary>`,
    "",
    ...side("Before", pair.before, "nothing: it sends no record until this plan"),
    ...side("After", pair.after, "nothing: it stops sending records"),
    "</details>",
    "",
  ];
}

function side(title: string, sample: Sample | undefined, none: string): string[] {
  if (!sample) return [`**${title}:** ${none}`, ""];
  return [`**${title}:**`, "", fence("json", JSON.stringify(sample, null, 2)), ""];
}
