// The plan comment's section for a pull request that edits the data policies. Its plan is judged by
// the base branch's policies, never by the ones it proposes (they apply once it is merged); this
// section is where the reviewer sees what the pull request would change in them.
import type { PolicyDiffLine } from "../../domain/review/policy-diff.js";
import { code, fence } from "../escape/markdown.js";

export const POLICY_CHANGE_TITLE = "This pull request changes data policies";

export interface PolicyChange {
  /** The base commit the policies that judge come from. */
  baseSha: string;
  /** The base branch's tool config (repository-relative); undefined when it has none. */
  baseFile?: string | undefined;
  /** Per policy (by id) and guardrail: `-` what the base says, `+` what this pull request says. */
  lines: PolicyDiffLine[];
}

export function policyChangeSection(change: PolicyChange): string[] {
  const base = change.baseFile
    ? `${code(change.baseFile)} at commit ${code(change.baseSha.slice(0, 7))}`
    : `commit ${code(change.baseSha.slice(0, 7))}, which has no tool config: no policies`;
  return [
    `### ⚠️ ${POLICY_CHANGE_TITLE}`,
    "",
    `This plan is judged by the data policies of the base branch (${base}), not by the ones this pull request proposes: those apply once it is merged. What it changes in them (\`-\` the base branch, \`+\` this pull request):`,
    "",
    fence(
      "diff",
      change.lines.map((l) => `${l.sign} ${l.text}`),
    ),
  ];
}
