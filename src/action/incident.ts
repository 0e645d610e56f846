// The incident issue of a failed apply (label aep-gitops-incident): opened when an apply on the default
// branch fails or is refused, updated (with a comment, so watchers hear of it) when it fails again,
// closed by the next apply that succeeds. One per scope, so a red main branch is tracked exactly once.
import type { Conversation } from "../github/conversation.js";
import {
  incidentAgainComment,
  incidentBody,
  incidentResolvedComment,
  incidentTitle,
  type IncidentContext,
} from "../report/comments/incident.js";

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
