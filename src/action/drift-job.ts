// `command: drift`, on a schedule: the plan read as drift, through the same application layer as the
// CLI. Drift opens (or keeps current) one issue labelled aep-drift with the attributed report; when it is
// gone, the issue is closed with a comment. Reports, never fixes. Outputs feed alerting; `fail-on-drift`
// decides whether drift fails the job.
import { drift } from "../app/runs.js";
import { openWorkspace } from "../app/workspace.js";
import { AppError, ExitCode } from "../errors.js";
import { appendSummary } from "../github/runner-files.js";
import { driftIssueBody, driftIssueTitle, driftResolvedComment } from "../report/comments/drift-issue.js";
import { fitToComment } from "../report/comments/plan-comment.js";
import { render } from "../report/formats/index.js";
import { checkConfig } from "./config-check.js";
import { diagnosingPlanning } from "./diagnose.js";
import type { Job, JobContext, JobResult } from "./job-context.js";

export function driftJob(ctx: JobContext): Job {
  const { conversation } = ctx;
  const marker = conversation.markers.drift;
  return {
    async run(): Promise<JobResult> {
      const check = await checkConfig(ctx);
      if (!check.configuration || !check.valid)
        throw new AppError(
          "config",
          "The configuration on the default branch is invalid (see the annotations); drift cannot be measured against it.",
        );
      const ws = await openWorkspace(check.configuration, {}, ctx.io, ctx.log.output);
      try {
        const { plan, items } = await diagnosingPlanning(ctx, ws, () =>
          drift(ws, { prune: ctx.inputs.prune, secrets: ctx.inputs.secrets }),
        );
        ctx.log.group("Drift", render("drift", "text", plan));
        const report = driftIssueBody(plan, { marker, runUrl: ctx.runner.runUrl, sha: ctx.runner.sha });
        appendSummary(ctx.runner.summaryFile, report);
        if (items.length > 0) {
          const result = await conversation.openIssue("drift", {
            title: driftIssueTitle(ctx.inputs.sandbox, items.length),
            body: fitToComment(report, ctx.runner.runUrl),
          });
          if (result) ctx.log.info(`Drift issue ${result.action}: ${result.issue.htmlUrl}`);
        } else {
          const closed = await conversation.closeIssue("drift", driftResolvedComment(ctx.runner.runUrl));
          if (closed) ctx.log.info(`Closed drift issue #${closed.number}.`);
        }
        if (items.length > 0)
          ctx.log.annotate({
            level: ctx.inputs.failOnDrift ? "error" : "warning",
            title: "aep-gitops: drift",
            message: `${items.length} object(s) differ from the configuration; see the drift issue and the job summary.`,
          });
        const exitCode = items.length > 0 && ctx.inputs.failOnDrift ? ExitCode.error : ExitCode.ok;
        return {
          exitCode,
          outputs: {
            "drift-count": String(items.length),
            "has-changes": String(items.length > 0),
            "plan-checksum": plan.checksum,
          },
        };
      } finally {
        await ws.close();
      }
    },
  };
}
