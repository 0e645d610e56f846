// `command: drift`, on a schedule: the morning report. The plan read as drift, through the same
// application layer as the CLI, with each destination's health (Adobe's dataflow runs) and the audit
// trail of what drifted. Drift, or a failing or silent destination (input `health`), opens (or keeps
// current) one issue labelled aep-drift; the issue says which destinations recovered since the last
// check, and is closed with a comment when nothing is left. Reports, never fixes. Outputs feed alerting;
// `fail-on-drift` and `health: fail` decide whether the job fails. With `drift-pr`, it also proposes
// keeping the change: one pull request per sandbox (drift-pr.ts), which the drift issue links.
import { drift } from "../app/use-cases.js";
import { openWorkspace } from "../app/workspace.js";
import { needsAttention } from "../domain/operate/health.js";
import { AppError, ExitCode } from "../errors.js";
import { appendSummary } from "../github/runner-files.js";
import {
  attentionKey,
  driftIssueBody,
  driftIssueTitle,
  driftResolvedComment,
  readAttention,
} from "../report/comments/drift-issue.js";
import { fitToComment } from "../report/comments/plan-comment.js";
import { render } from "../report/formats/index.js";
import { checkConfig } from "./config-check.js";
import { diagnosingPlanning } from "./failure.js";
import { driftPullRequests } from "./drift-pr.js";
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
        const healthMode = ctx.inputs.health;
        const drifted = await diagnosingPlanning(ctx, ws, () =>
          drift(ws, { prune: ctx.inputs.prune, secrets: ctx.inputs.secrets }, { health: healthMode !== "ignore" }),
        );
        const { plan, items, report } = drifted;
        ctx.log.group("Drift", render("drift", "text", report));
        for (const note of [...(report.health?.notes ?? []), ...(report.trails?.notes ?? [])])
          ctx.log.annotate({ level: "notice", title: "aep-gitops: not read", message: note });
        const health = report.health?.destinations ?? [];
        const attention = health.filter(needsAttention);
        const before = new Set(readAttention(await conversation.issueBody("drift")));
        const recovered = health.filter((h) => before.has(attentionKey(h)) && !needsAttention(h));
        const pullRequests = ctx.inputs.driftPr ? await driftPullRequests(ctx, ws, drifted) : [];
        const body = driftIssueBody(report, {
          pullRequests,
          marker,
          workflowRunUrl: ctx.runner.workflowRunUrl,
          sha: ctx.runner.sha,
          attention,
          recovered,
        });
        appendSummary(ctx.runner.summaryFile, body);
        if (items.length > 0 || attention.length > 0) {
          const result = await conversation.openIssue("drift", {
            title: driftIssueTitle(ctx.inputs.sandbox, items.length, attention.length),
            body: fitToComment(body, ctx.runner.workflowRunUrl),
          });
          if (result) ctx.log.info(`Drift issue ${result.action}: ${result.issue.htmlUrl}`);
        } else {
          const closed = await conversation.closeIssue(
            "drift",
            driftResolvedComment(ctx.runner.workflowRunUrl, { read: healthMode !== "ignore", recovered }),
          );
          if (closed) ctx.log.info(`Closed drift issue #${closed.number}.`);
        }
        if (items.length > 0)
          ctx.log.annotate({
            level: ctx.inputs.failOnDrift ? "error" : "warning",
            title: "aep-gitops: drift",
            message: `${items.length} object(s) differ from the configuration; see the drift issue and the job summary.`,
          });
        if (attention.length > 0)
          ctx.log.annotate({
            level: healthMode === "fail" ? "error" : "warning",
            title: "aep-gitops: health",
            message: `${attention.length} destination(s) failing or silent: ${attention.map(attentionKey).join(", ")}; see the drift issue and the job summary.`,
          });
        const failed = (items.length > 0 && ctx.inputs.failOnDrift) || (attention.length > 0 && healthMode === "fail");
        return {
          exitCode: failed ? ExitCode.error : ExitCode.ok,
          outputs: {
            "drift-count": String(items.length),
            "has-changes": String(items.length > 0),
            "plan-checksum": plan.checksum,
            "health-attention": String(attention.length),
          },
        };
      } finally {
        await ws.close();
      }
    },
  };
}
