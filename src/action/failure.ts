// A job that failed: doctor's verdicts next to the error, and the incident issue of a failed apply.
//
// When a job fails before it has a plan because Adobe refused it (wrong secret, missing permission,
// unknown sandbox), the error alone rarely says what to fix. The job then runs `doctor` against each
// sandbox of the configuration and puts its verdicts in the job summary and the log, next to the error.
import { runDoctor } from "../app/doctor.js";
import type { Workspace } from "../app/workspace.js";
import { kindOf } from "../errors.js";
import { appendSummary } from "../github/runner-files.js";
import type { DoctorReport } from "../report/operate/doctor.js";
import { render } from "../report/formats/index.js";
import type { JobContext } from "./job-context.js";
import type { Conversation } from "../github/conversation.js";
import {
  incidentAgainComment,
  incidentBody,
  incidentResolvedComment,
  incidentTitle,
  type IncidentContext,
} from "../report/comments/incident.js";

/** Runs the planning step; if Adobe refuses it, diagnoses the sandboxes and rethrows the error. */
export async function diagnosingPlanning<T>(ctx: JobContext, ws: Workspace, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (kindOf(error) === "adobe") await diagnose(ctx, ws);
    throw error;
  }
}

async function diagnose(ctx: JobContext, ws: Workspace): Promise<void> {
  const sandboxes = [...new Set(ws.configuration.desired.map((d) => d.sandbox))];
  const reports: DoctorReport[] = [];
  try {
    for (const sandbox of sandboxes) reports.push(await runDoctor(ws.adobe, sandbox));
  } catch (error) {
    // The diagnosis is a courtesy: its own failure must not hide the error it was meant to explain.
    ctx.log.info(`doctor could not finish: ${(error as Error).message}`);
    return;
  }
  ctx.log.group("doctor", render("doctor", "text", reports));
  appendSummary(ctx.runner.summaryFile, render("doctor", "markdown", reports));
}

// The incident issue of a failed apply (label aep-gitops-incident): opened when an apply on the default
// branch fails or is refused, updated (with a comment, so watchers hear of it) when it fails again,
// closed by the next apply that succeeds. One per scope, so a red main branch is tracked exactly once.
export async function openIncident(conversation: Conversation, error: Error, ctx: Omit<IncidentContext, "marker">) {
  return conversation.openIssue("incident", {
    title: incidentTitle(ctx.sandbox),
    body: incidentBody(error, { ...ctx, marker: conversation.markers.incident }),
    comment: incidentAgainComment(error, ctx),
  });
}

export async function resolveIncident(
  conversation: Conversation,
  ctx: Pick<IncidentContext, "sha" | "workflowRunUrl">,
) {
  return conversation.closeIssue("incident", incidentResolvedComment(ctx));
}
