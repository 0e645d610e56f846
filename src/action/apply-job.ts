// `command: apply`, on a push to the default branch: re-read live and re-plan (never a stored plan),
// refuse unless that plan is the one reviewed on the merged pull request (or `force`), apply through
// the same core as the CLI, and report on the PR. A failure or refusal opens or updates the incident
// issue and fails the job; the next successful apply closes it. The workflow serializes its workflow runs per
// sandbox (`concurrency`), so two merges never apply at once.
import { EXIT_ON, graceMs, watchInterrupts } from "../app/interrupt.js";
import { lockWaitReporter } from "../app/lock.js";
import { apply, assertComplete, failedCount, plan as planUseCase } from "../app/use-cases.js";
import { openWorkspace } from "../app/workspace.js";
import { hasChanges, isNoop } from "../domain/plan/planner.js";
import { AppError, ExitCode } from "../errors.js";
import type { PullRequestRef } from "../github/port.js";
import { appendSummary } from "../github/runner-files.js";
import { renderItemLine } from "../report/apply/results.js";
import type { SandboxResults } from "../domain/apply/results.js";
import {
  applyFailedBody,
  applyRefusedBody,
  applyResultBody,
  type ApplyCommentContext,
} from "../report/comments/apply-comment.js";
import { render } from "../report/formats/index.js";
import { checkConfig } from "./config-check.js";
import { openIncident, resolveIncident } from "./failure.js";
import { diagnosingPlanning } from "./failure.js";
import type { Job, JobContext, JobResult } from "./job-context.js";
import { findReviewedPlan, type ReviewedPlan } from "./reviewed-plan.js";

export function applyJob(ctx: JobContext): Job {
  const { conversation } = ctx;
  const markers = conversation.markers;
  const sha = (ctx.event.kind === "push" ? ctx.event.sha : ctx.runner.sha) ?? "unknown";
  const commentCtx: ApplyCommentContext = { marker: markers.apply, sha, workflowRunUrl: ctx.runner.workflowRunUrl };
  // What reportFailure needs to know about how far the job got.
  const state: { pr?: PullRequestRef; results?: SandboxResults[]; commented?: boolean } = {};

  const commentOnPr = async (body: string) => {
    if (!state.pr) return;
    const result = await conversation.postApply(state.pr.number, body);
    if (!result) return;
    state.commented = true;
    ctx.log.info(`Commented on pull request #${state.pr.number}: ${result.comment.htmlUrl}`);
  };

  return {
    async run(): Promise<JobResult> {
      assertDefaultBranch(ctx);
      const check = await checkConfig(ctx);
      if (!check.configuration || !check.valid)
        throw new AppError(
          "config",
          "The configuration on the default branch is invalid (see the annotations); nothing was applied.",
        );
      const reviewed: ReviewedPlan = ctx.github
        ? await findReviewedPlan(ctx.github, conversation, sha)
        : { missing: "the Action has no GitHub token to read the pull request's plan comment" };
      if (reviewed.pr) state.pr = reviewed.pr;

      const ws = await openWorkspace(check.configuration, {}, ctx.io, ctx.log.output);
      try {
        const flags = { prune: ctx.inputs.prune, force: ctx.inputs.force };
        // The comment shows this plan (review: its samples and picture); the continuation's only gives a checksum.
        const planned = await diagnosingPlanning(ctx, ws, () => planUseCase(ws, { ...flags, review: true }));
        const { plan } = planned;
        ctx.log.group("Fresh plan", render("plan", "text", plan, { verbose: true }));
        appendSummary(
          ctx.runner.summaryFile,
          render("plan", "markdown", plan, {
            marker: markers.plan,
            workflowRunUrl: ctx.runner.workflowRunUrl,
          }),
        );
        const outputs = { "has-changes": String(hasChanges(plan)), "plan-checksum": plan.checksum };

        // The reviewed plan, or what a failed apply of this commit left of it.
        const accepted = [reviewed.checksum, reviewed.continuation].find((c) => c === plan.checksum);
        if (!ctx.inputs.force && !accepted) {
          await commentOnPr(
            applyRefusedBody(
              plan,
              reviewed.checksum
                ? { reviewed: reviewed.checksum, reviewedAt: reviewed.reviewedAt }
                : { missing: reviewed.missing! },
              commentCtx,
            ),
          );
          throw reviewed.checksum
            ? new AppError(
                "refused",
                `The plan changed since it was reviewed on pull request #${reviewed.pr!.number}: reviewed checksum ${reviewed.checksum}, fresh plan ${plan.checksum}. Nothing was applied.`,
                {
                  hint: "Review the fresh plan (job summary, PR comment), then re-run the apply workflow with force: true, or open a pull request whose plan shows what you want.",
                },
              )
            : new AppError("refused", `No reviewed plan: ${reviewed.missing}. Nothing was applied.`, {
                hint: "Review the fresh plan in this run's job summary, then re-run the apply workflow with force: true (workflow_dispatch).",
              });
        }
        const forced =
          ctx.inputs.force && !accepted
            ? { fresh: plan.checksum, reviewed: reviewed.checksum, missing: reviewed.missing }
            : undefined;
        if (forced) {
          const why = forced.reviewed
            ? `the fresh plan ${forced.fresh} is not the reviewed ${forced.reviewed}`
            : `no plan was reviewed (${forced.missing})`;
          ctx.log.annotate({
            level: "warning",
            title: "aep-gitops: forced",
            message: `Applying a plan that was not reviewed, because force is set: ${why}.`,
          });
        }

        if (isNoop(plan)) {
          ctx.log.info("Nothing to apply: the live destinations match the configuration.");
          await resolve(ctx, sha);
          return { exitCode: ExitCode.ok, outputs };
        }

        // A cancelled job (the runner sends SIGINT, then SIGTERM 7.5 s later): no new write starts, the
        // calls in flight finish, and what is left is recorded below so that re-running the job continues.
        const interrupt = watchInterrupts(
          ctx.io.signals,
          {
            first: (signal) =>
              ctx.log.annotate({
                level: "warning",
                title: "aep-gitops: cancelled",
                message: `Interrupt received (${signal}): finishing the changes in flight, starting no new ones. Re-running this job continues from what is done.`,
              }),
            now: (signal, why) => {
              ctx.log.info(`Stopping now (${why}); re-running this job converges from whatever is there.`);
              ws.adobe.closeNow();
              ctx.io.exit?.(EXIT_ON[signal]);
            },
          },
          graceMs(ctx.env),
        );
        const applied = await apply(ws, planned, {
          flags,
          stop: interrupt.requested,
          expectChecksum: accepted,
          onItem: (sandbox, item) => ctx.log.info(renderItemLine(sandbox, item)),
          // Who holds the lock, until when, and how to release it: a line every interval in the log.
          onLockWait: lockWaitReporter(ctx.log.output, ctx.io),
          onLockDegraded: (warning) =>
            ctx.log.annotate({ level: "warning", title: "aep-gitops: no sandbox lock", message: warning }),
        }).finally(() => interrupt.dispose());
        state.results = applied.results;
        // After a partial failure or a cancel, what is left (read fresh) becomes what a re-run of the job may apply.
        const unfinished = failedCount(applied) > 0;
        const continuation = unfinished ? (await planUseCase(ws, flags)).plan.checksum : undefined;
        const body = applyResultBody(applied.results, commentCtx, {
          forced,
          continuation,
          interrupted: interrupt.signal(),
        });
        appendSummary(ctx.runner.summaryFile, body);
        await commentOnPr(body);
        if (interrupt.requested()) {
          state.commented = true;
          return { exitCode: interrupt.exitCode(), outputs };
        }
        assertComplete(
          applied,
          "Fix the cause shown in the results, then re-run the apply job: it continues from where this run stopped.",
        );
        await resolve(ctx, sha);
        return { exitCode: ExitCode.ok, outputs };
      } finally {
        await ws.close();
      }
    },

    async reportFailure(error) {
      if (!conversation.connected) return;
      // A refusal or a partial result already explained itself on the PR; anything else says so now.
      if (!state.commented)
        await commentOnPr(applyFailedBody(error, commentCtx)).catch((e: Error) =>
          ctx.log.info(`Could not comment on the pull request: ${e.message}`),
        );
      const incident = await openIncident(conversation, error, {
        sandbox: ctx.inputs.sandbox,
        sha,
        workflowRunUrl: ctx.runner.workflowRunUrl,
        pr: state.pr,
        results: state.results,
      });
      if (incident) ctx.log.info(`Incident issue ${incident.action}: ${incident.issue.htmlUrl}`);
    },
  };
}

/** Apply is for the reviewed, merged state: a push to another branch is refused, not applied. */
function assertDefaultBranch(ctx: JobContext): void {
  const event = ctx.event;
  if (event.kind !== "push" || !event.defaultBranch) return;
  if (event.ref !== `refs/heads/${event.defaultBranch}`) {
    throw new AppError(
      "usage",
      `apply runs on pushes to the default branch (${event.defaultBranch}), not ${event.ref}.`,
      {
        hint: "Trigger the apply workflow on `push: branches: [main]` only; pull requests get `command: plan`.",
      },
    );
  }
}

async function resolve(ctx: JobContext, sha: string): Promise<void> {
  const closed = await resolveIncident(ctx.conversation, { sha, workflowRunUrl: ctx.runner.workflowRunUrl });
  if (closed) ctx.log.info(`Closed incident issue #${closed.number}.`);
}
