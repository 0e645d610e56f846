// The hidden markers by which comments and issues are found again, in one place. Renderers write the
// marker they are given on their first line (the plain one by default); a job limited to one sandbox
// (the Action's `sandbox` input, e.g. a matrix of sandboxes) passes its scoped marker, so parallel jobs
// never overwrite each other's comment or issue.

export type MarkerKind = "plan" | "apply" | "drift" | "incident";
export type Markers = Record<MarkerKind, string>;

/** `<!-- aep-gitops:plan -->`, or `<!-- aep-gitops:plan sandbox=dev -->` for one sandbox's job. */
export function commentMarker(kind: MarkerKind, sandbox?: string): string {
  // encodeURIComponent leaves no "-->" that could end the comment early.
  return sandbox ? `<!-- aep-gitops:${kind} sandbox=${encodeURIComponent(sandbox)} -->` : `<!-- aep-gitops:${kind} -->`;
}

export function markersFor(sandbox: string | undefined): Markers {
  return {
    plan: commentMarker("plan", sandbox),
    apply: commentMarker("apply", sandbox),
    drift: commentMarker("drift", sandbox),
    incident: commentMarker("incident", sandbox),
  };
}

export const PLAN_COMMENT_MARKER = commentMarker("plan");
export const APPLY_MARKER = commentMarker("apply");
export const DRIFT_MARKER = commentMarker("drift");
