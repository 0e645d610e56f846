// `command: plan`, on pull requests: validate (annotations), then, with Adobe credentials, read live and
// plan through the same core as the CLI, and keep one sticky comment on the PR current. The full plan
// also goes to the job summary, which has room for what a comment may have to cut. A plan job never
// writes to Adobe: it has no code path to apply.
import { plan as planUseCase } from "../app/use-cases.js";
import { planHealth } from "../app/health.js";
import { openWorkspace } from "../app/workspace.js";
import { hasErrors } from "../domain/checks/problems.js";
import type { Plan } from "../domain/plan/plan.js";
import type { Problem } from "../domain/checks/problem.js";
import { hasChanges } from "../domain/plan/planner.js";
import { ExitCode } from "../errors.js";
import type { OwnPlanComment } from "../github/conversation.js";
import { appendSummary } from "../github/runner-files.js";
import { annotationText } from "../github/workflow-commands.js";
import {
  invalidConfigBody,
  planCommentBody,
  planFailedBody,
  validateOnlyBody,
  type PlanCommentContext,
} from "../report/comments/plan-comment.js";
import { render } from "../report/formats/index.js";
import { isDriftBranch } from "../report/comments/drift-pr.js";
import { annotate, checkConfig } from "./config-check.js";
import { diagnosingPlanning } from "./failure.js";
import { policyJudge } from "./policy-judge.js";
import type { Job, JobContext, JobResult } from "./job-context.js";

export function planJob(ctx: JobContext): Job {
  const pr = ctx.event.kind === "pull_request" ? ctx.event : undefined;
  const marker = ctx.conversation.markers.plan;
  const commentCtx: PlanCommentContext = {
    marker,
    sha: pr?.headSha ?? ctx.runner.sha ?? "unknown",
    workflowRunUrl: ctx.runner.workflowRunUrl,
  };

  /** Posts (or updates) the sticky comment; on a fork's read-only token a refusal is only logged. */
  const comment = async (body: string, opts: { tolerateRefusal?: boolean; existing?: OwnPlanComment | null } = {}) => {
    if (!pr) return;
    try {
      const result = await ctx.conversation.postPlan(pr.number, body, opts.existing);
      if (result) ctx.log.info(`${result.created ? "Posted" : "Updated"} the plan comment: ${result.comment.htmlUrl}`);
    } catch (error) {
      if (!opts.tolerateRefusal) throw error;
      ctx.log.annotate({
        level: "warning",
        message: `Could not comment on the pull request (${(error as Error).message}); the result is in the job summary.`,
      });
    }
  };

  return {
    async run(): Promise<JobResult> {
      const noPlan = { "has-changes": "false", "plan-checksum": "" };
      const invalid = async (problems: Problem[], message: string) => {
        const body = invalidConfigBody(problems, { ...commentCtx, workspace: ctx.runner.workspace });
        appendSummary(ctx.runner.summaryFile, body);
        await comment(body, { tolerateRefusal: pr?.fromFork ?? false });
        ctx.log.annotate({ level: "error", message });
        return { exitCode: ExitCode.error, outputs: noPlan };
      };
      // Judged by the base branch's data policies; a change to them is shown in every body below.
      const policies = policyJudge(ctx);
      const check = await checkConfig(ctx, policies.judge);
      commentCtx.policyChange = check.configuration && policies.change(check.configuration);
      if (commentCtx.policyChange)
        ctx.log.annotate({
          level: "warning",
          title: "aep-gitops: data policies changed",
          message:
            "This pull request changes data policies: its plan is judged by the base branch's, and the comment shows the change.",
        });
      if (!check.configuration || !check.valid)
        return invalid(
          check.problems,
          "The configuration is invalid (see the annotations); nothing was read from or sent to Adobe.",
        );

      const reason = validateOnlyReason(ctx);
      if (reason) {
        const warnings = check.problems.length;
        const body = validateOnlyBody(reason, check.fileCount, warnings, commentCtx);
        ctx.log.annotate({ level: "notice", title: "aep-gitops: validated only", message: reason });
        appendSummary(ctx.runner.summaryFile, body);
        await comment(body, { tolerateRefusal: true });
        return { exitCode: ExitCode.ok, outputs: noPlan };
      }

      // The drift job's own pull request: its branch AND its author, so a person's branch named alike is not.
      commentCtx.driftPullRequest =
        isDriftBranch(pr?.headRef) &&
        pr?.author !== undefined &&
        pr.author.toLowerCase() === (await ctx.conversation.author()).toLowerCase();
      const ws = await openWorkspace(check.configuration, {}, ctx.io, ctx.log.output);
      try {
        const planned = await diagnosingPlanning(ctx, ws, () =>
          planUseCase(ws, {
            prune: ctx.inputs.prune,
            force: ctx.inputs.force,
            secrets: ctx.inputs.secrets,
            review: true,
          }),
        );
        const { plan, problems } = planned;
        if (problems.length > 0) annotate(ctx, problems);
        // Audience references that do not match the sandbox: the YAML is wrong, and there is no plan.
        // What the sandbox showed is wrong with the YAML (audience references, attribute paths), or data
        // policies refuse it (audience labels and origins are known only now): there is no plan.
        if (hasErrors(problems))
          return invalid(
            problems,
            problems.some((p) => p.severity === "error" && p.rule !== "policy")
              ? "The configuration does not match the sandbox (see the annotations); there is no plan to review."
              : "Data policies refuse this configuration (see the annotations); there is no plan to review.",
          );
        ctx.log.group("Plan", render("plan", "text", plan, { verbose: true }));
        // The validation's warnings and the plan's (what apply will need): in the summary and the comment too.
        const warnings = { problems: [...check.problems, ...problems], cwd: ctx.runner.workspace };
        appendSummary(
          ctx.runner.summaryFile,
          render("plan", "markdown", plan, {
            marker,
            workflowRunUrl: ctx.runner.workflowRunUrl,
            ...warnings,
          }),
        );
        if (pr && ctx.conversation.connected) {
          const existing = await ctx.conversation.planComment(pr.number);
          const previousChecksum = existing?.record?.checksum;
          // Never a reason for the plan to fail: a refused or slow read is a note in the comment.
          const health = ctx.inputs.health === "ignore" ? undefined : await planHealth(ws.adobe, planned);
          for (const note of health?.notes ?? [])
            ctx.log.annotate({ level: "notice", title: "aep-gitops: not read", message: note });
          await comment(
            planCommentBody(plan, {
              ...commentCtx,
              health,
              warnings,
              previousChecksum,
            }),
            {
              existing: existing ?? null,
            },
          );
        }
        return {
          exitCode: reportRefusals(ctx, plan),
          outputs: { "has-changes": String(hasChanges(plan)), "plan-checksum": plan.checksum },
        };
      } finally {
        await ws.close();
      }
    },

    async reportFailure(error) {
      await comment(planFailedBody(error, commentCtx), { tolerateRefusal: true });
    },
  };
}

/** Why this job cannot plan, when it cannot: no secrets on a fork's PR, or none configured. */
function validateOnlyReason(ctx: JobContext): string | undefined {
  if (ctx.event.kind === "pull_request" && ctx.event.fromFork) {
    return "This pull request comes from a fork. GitHub gives workflows of fork pull requests no secrets, so aep-gitops validated the YAML but did not read Adobe or make a plan.";
  }
  if (!ctx.env.AEP_CLIENT_SECRET) {
    return "`AEP_CLIENT_SECRET` is not set for this job, so aep-gitops validated the YAML but did not read Adobe or make a plan. Pass the Adobe credentials to the step from secrets (see the README).";
  }
  return undefined;
}

/** A plan that a safety rail blocks fails the job: the comment shows why and how to override. */
function reportRefusals(ctx: JobContext, plan: Plan): number {
  const refusals = plan.sandboxes.flatMap((s) => s.refusals.map((r) => ({ sandbox: s.sandbox, ...r })));
  for (const r of refusals)
    ctx.log.annotate({
      level: "error",
      title: `aep-gitops: ${r.rule}`,
      message: annotationText(`[${r.sandbox}] ${r.message}`, `hint: ${r.hint}`),
    });
  return refusals.length > 0 ? ExitCode.error : ExitCode.ok;
}
