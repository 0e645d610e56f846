// The incident issue of a failed apply (label aep-gitops-incident): opened when an apply on the default
// branch fails or is refused, updated (with a comment, so watchers hear of it) when it fails again,
// closed by the next apply that succeeds. One per scope, so a red main branch is tracked exactly once.
import type { GitHubPort } from "../github/port.js";
import { closeIssue, openOrUpdateIssue } from "../github/tracking-issue.js";
import {
  incidentAgainComment,
  incidentBody,
  incidentResolvedComment,
  incidentTitle,
  type IncidentContext,
} from "../report/comments/incident.js";
import { INCIDENT_LABEL } from "./labels.js";

export async function openIncident(github: GitHubPort, error: Error, ctx: IncidentContext) {
  return openOrUpdateIssue(
    github,
    { label: INCIDENT_LABEL, marker: ctx.marker },
    { title: incidentTitle(ctx.sandbox), body: incidentBody(error, ctx), comment: incidentAgainComment(error, ctx) },
  );
}

export async function resolveIncident(github: GitHubPort, ctx: Pick<IncidentContext, "marker" | "sha" | "runUrl">) {
  return closeIssue(github, { label: INCIDENT_LABEL, marker: ctx.marker }, incidentResolvedComment(ctx));
}
