// `command: drift`, on a schedule: the plan read as drift, through the same core as the CLI. Drift
// opens (or keeps current) one issue labelled aep-drift with the attributed report; when it is gone,
// the issue is closed with a comment. Reports, never fixes. Outputs feed alerting; `fail-on-drift`
// decides whether drift fails the job.
import { runOptions } from "../cli/run-options.js";
import { openWorkspace } from "../cli/workspace.js";
import type { Plan } from "../domain/plan.js";
import { AppError, ExitCode } from "../errors.js";
import { appendSummary } from "../github/runner-files.js";
import { closeIssue, openOrUpdateIssue } from "../github/tracking-issue.js";
import { planAll } from "../reconcile/reconcile.js";
import { driftItems, renderDriftMarkdown, renderDriftText } from "../report/drift.js";
import { code, link } from "../report/markdown-escape.js";
import { checkConfig } from "./config-check.js";
import type { Job, JobContext, JobResult } from "./job-context.js";
import { DRIFT_LABEL, markersFor, withMarker } from "./markers.js";
import { fitToComment } from "./plan-comment.js";

export function driftJob(ctx: JobContext): Job {
  const marker = markersFor(ctx.inputs.sandbox).drift;
  const key = { label: DRIFT_LABEL, marker };
  const where = ctx.runner.runUrl ? ` by ${link("this workflow run", ctx.runner.runUrl)}` : "";
  return {
    async run(): Promise<JobResult> {
      const check = await checkConfig(ctx);
      if (!check.valid)
        throw new AppError(
          "config",
          "The configuration on the default branch is invalid (see the annotations); drift cannot be measured against it.",
        );
      const ws = await openWorkspace(
        [],
        { config: ctx.inputs.config, sandbox: ctx.inputs.sandbox },
        ctx.cli,
        ctx.log.output,
      );
      try {
        // Thresholds do not apply to a report: forced, so a large drift is shown rather than refused.
        const { plan } = await planAll(ws.targets, {
          ...runOptions(ws, { prune: ctx.inputs.prune }),
          force: true,
          allowEmpty: true,
        });
        const items = driftItems(plan);
        ctx.log.group("Drift", renderDriftText(plan));
        const report = driftBody(plan, marker, where, ctx.runner.sha);
        appendSummary(ctx.runner.summaryFile, report);
        if (ctx.github) {
          if (items.length > 0) {
            const result = await openOrUpdateIssue(ctx.github, key, {
              title: driftTitle(ctx.inputs.sandbox, items.length),
              body: fitToComment(report, ctx.runner.runUrl),
            });
            ctx.log.info(`Drift issue ${result.action}: ${result.issue.htmlUrl}`);
          } else {
            const closed = await closeIssue(
              ctx.github,
              key,
              `No drift any more: the live destinations match the configuration again (checked${where}). Closing.`,
            );
            if (closed) ctx.log.info(`Closed drift issue #${closed.number}.`);
          }
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

function driftBody(plan: Plan, marker: string, where: string, sha: string | undefined): string {
  const footer = [
    `Checked against commit ${code((sha ?? "unknown").slice(0, 7))} of the default branch${where}.`,
    "aep-gitops reports drift and never fixes it on a schedule: re-run the apply workflow to restore the configuration, or change the YAML to keep what was changed.",
    "This issue is updated on every check and closed automatically when no drift is left.",
  ];
  return `${withMarker(renderDriftMarkdown(plan), marker).trimEnd()}\n\n${footer.join("\n")}\n`;
}

function driftTitle(sandbox: string | undefined, count: number): string {
  return `aep-gitops: drift${sandbox ? ` in sandbox ${sandbox}` : ""} (${count} object${count === 1 ? "" : "s"})`;
}
