// Policies judge the pull request, not the other way round: a PR's plan (and its validation) is judged
// by the data policies of the base commit it targets, read through GitHub's contents API
// (src/app/base-policies.ts). A PR that edits them gets the change shown in its comment; the new
// policies judge once merged. Without a token or a base commit, nothing can be read from the base: the
// PR's own policies judge, and a warning says so.
import path from "node:path";
import { readBasePolicies, type BasePolicies } from "../app/base-policies.js";
import type { ConfigurationRequest, Configuration } from "../app/configuration.js";
import { diffPolicies } from "../domain/review/policy-diff.js";
import type { PolicyChange } from "../report/comments/policy-change.js";
import type { JobContext } from "./job-context.js";

export interface PolicyJudge {
  /** For loadConfiguration: the base branch's policies in place of the tool config's own. */
  judge: ConfigurationRequest["judgePolicies"];
  /** Once the configuration is loaded: what the pull request changes in the policies, if anything. */
  change(configuration: Configuration): PolicyChange | undefined;
}

export function policyJudge(ctx: JobContext): PolicyJudge {
  const pr = ctx.event.kind === "pull_request" ? ctx.event : undefined;
  const none: PolicyJudge = { judge: undefined, change: () => undefined };
  if (!pr) return none;
  const { github } = ctx;
  const baseSha = pr.baseSha;
  if (!github || !baseSha) {
    ctx.log.annotate({
      level: "warning",
      title: "aep-gitops: data policies",
      message: `The data policies of the base branch cannot be read (${github ? "the event names no base commit" : "no GitHub token"}): this pull request is judged by its own.`,
    });
    return none;
  }
  let base: BasePolicies | undefined;
  return {
    judge: async (tool) => {
      const relative = tool.configFile && path.relative(ctx.runner.workspace, tool.configFile);
      const file = relative && !relative.startsWith("..") ? relative.split(path.sep).join("/") : undefined;
      base = await readBasePolicies(file, ctx.runner.workspace, {
        label: baseSha.slice(0, 7),
        read: (f) => github.fileAt(f, baseSha),
        filesIn: (folder) => github.filesIn(folder, baseSha),
        movedFrom: (f) => github.movedFrom(pr.number, f),
      });
      return base;
    },
    change(configuration) {
      if (!base || !configuration.proposedPolicies) return undefined;
      const lines = diffPolicies(base, configuration.proposedPolicies);
      return lines.length > 0 ? { baseSha, baseFile: base.file, lines } : undefined;
    },
  };
}
