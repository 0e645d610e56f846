// A destination's dataflow: what leaves the company (audiences and profile attributes) and whether it
// runs (state). A create POSTs the flow with empty selectors (disabled next, when the YAML says so) and
// adds them with one PATCH; updates are one PATCH (and an enable/disable action when the state changes).
// Every change that moves data leaves an egress delta.
import { DESTINATION_FLOW_SPEC_ID, SPEC_VERSION } from "../state/adobe.js";
import { adobeName, describe } from "./describe.js";
import type { DesiredDestination } from "../state/desired.js";
import type { LiveFlow } from "../state/live.js";
import { markedDescription } from "./ownership.js";
import type { ApiCall, AudienceRef, FieldChange } from "./plan.js";
import type { PlanContext } from "./context.js";
import { planProfileSource, PROFILE_SOURCE_REF } from "./profile.js";
import { changeRef, idOrPlaceholder } from "./refs.js";
import type { PlannedTargetConnection } from "./target-connection.js";
import { diffSelectors, transformations, type PatchOp, type SelectorDiff } from "./selectors.js";
import { sameWhere } from "../review/where.js";

export function audiencesOf(destination: DesiredDestination): AudienceRef[] {
  return destination.audiences.map((a) => {
    if (a.id === undefined)
      throw new Error(`audience '${a.name}' of ${destination.name} reached the planner unresolved`);
    return {
      id: a.id,
      name: a.name,
      adobeName: a.adobeName,
      labels: a.labels,
      schedule: a.schedule,
    };
  });
}

export function planFlowCreate(
  ctx: PlanContext,
  destination: DesiredDestination,
  target: PlannedTargetConnection,
): void {
  const targetId = target.id;
  const ref = changeRef("flow", destination.name);
  const sourceId = planProfileSource(ctx);
  const audiences = audiencesOf(destination);
  const attributes = destination.profileAttributes.map((a) => a.path);
  const disabled = destination.state === "disabled";
  const body = {
    name: adobeName(destination),
    description: markedDescription(destination.description, { kind: "destination", name: destination.name }),
    flowSpec: { id: DESTINATION_FLOW_SPEC_ID, version: SPEC_VERSION },
    sourceConnectionIds: [sourceId],
    targetConnectionIds: [targetId],
    // Created with empty selectors, as destinations.yaml asks ("an empty array needs to be passed while
    // creating the destination dataflow") and Adobe's tutorial does; they are added by one PATCH.
    transformations: transformations([], []),
  };
  const id = idOrPlaceholder(ref, undefined);
  const calls: [ApiCall, ...ApiCall[]] = [{ method: "POST", path: "/flows", body }];
  // Adobe enables a flow on create. A flow meant to be disabled is disabled before it gets its
  // selectors, so not one profile leaves before the YAML says so.
  if (disabled) calls.push({ method: "POST", path: `/flows/${id}/action`, query: { op: "disable" } });
  if (audiences.length + attributes.length > 0) {
    calls.push({
      method: "PATCH",
      path: `/flows/${id}`,
      body: diffSelectors({ audiences: [], attributes: [] }, { audiences, attributes }).ops,
    });
  }
  const dependsOn = [PROFILE_SOURCE_REF, changeRef("target-connection", destination.name)].filter((r) => ctx.has(r));
  ctx.add({
    ref,
    action: "create",
    resource: "flow",
    name: destination.name,
    fields: [{ field: "state", after: destination.state }],
    dependsOn,
    calls,
  });
  if (!disabled || audiences.length + attributes.length > 0) {
    ctx.egress.push({
      destination: destination.name,
      type: destination.type,
      status: disabled ? "changed" : "started",
      state: { after: destination.state },
      target: { after: target.where.after },
      audiencesAdded: audiences,
      audiencesRemoved: [],
      attributesAdded: attributes,
      attributesRemoved: [],
    });
  }
}

export function planFlowUpdate(
  ctx: PlanContext,
  destination: DesiredDestination,
  flow: LiveFlow,
  where: PlannedTargetConnection["where"],
): void {
  const ref = changeRef("flow", destination.name);
  const targetRef = changeRef("target-connection", destination.name);
  const owner = { kind: "destination" as const, name: destination.name };
  const audiences = audiencesOf(destination);
  const attributes = destination.profileAttributes.map((a) => a.path);
  const fields: FieldChange[] = [];
  const ops: PatchOp[] = [];
  describe(flow, adobeName(destination), destination.description, owner, fields, ops, ctx.markerMode(flow.id));

  const diff = diffSelectors(flow, { audiences, attributes });
  if (!flow.standardTransformations) {
    // Someone reshaped the transformations; put back the whole object rather than patch by index.
    ops.push({ op: "replace", path: "/transformations", value: transformations(audiences, attributes) });
    fields.push({
      field: "transformations",
      before: "(not the single GeneralTransform aep-gitops manages)",
      after: "(rebuilt from YAML)",
    });
  } else {
    ops.push(...diff.ops);
  }
  for (const a of diff.audiencesAdded) fields.push({ field: "audiences", after: a });
  for (const a of diff.audiencesRemoved) fields.push({ field: "audiences", before: a });
  for (const a of diff.audiencesRenamed)
    fields.push({ field: `audiences[${a.id}].name`, before: a.before, after: a.after });
  for (const a of diff.audiencesRescheduled)
    fields.push({ field: `audiences[${a.id}].schedule`, before: a.before, after: a.after });
  for (const p of diff.attributesAdded) fields.push({ field: "profileAttributes", after: p });
  for (const p of diff.attributesRemoved) fields.push({ field: "profileAttributes", before: p });

  const calls: ApiCall[] = [];
  if (ops.length > 0) calls.push({ method: "PATCH", path: `/flows/${flow.id}`, body: ops, ifMatch: flow.etag });
  const stateChanges = flow.state !== destination.state;
  if (stateChanges) {
    fields.push({ field: "state", before: flow.state, after: destination.state });
    calls.push({
      method: "POST",
      path: `/flows/${flow.id}/action`,
      query: { op: destination.state === "enabled" ? "enable" : "disable" },
    });
  }
  // A target that moved sends the same data somewhere else, even when the flow itself is unchanged.
  const moved = where.before !== undefined && !sameWhere(where.before, where.after);
  const selectorsMoved =
    diff.audiencesAdded.length +
      diff.audiencesRemoved.length +
      diff.attributesAdded.length +
      diff.attributesRemoved.length +
      diff.audiencesRescheduled.length >
    0;
  if (selectorsMoved || stateChanges || moved)
    pushEgress(ctx, destination, diff, flow.state, stateChanges, moved ? where : undefined);
  if (calls.length === 0) return;
  const attribution = ctx.attribution(flow.meta);
  ctx.add({
    ref,
    ...ctx.liveAction(flow.id),
    resource: "flow",
    name: destination.name,
    liveId: flow.id,
    fields,
    dependsOn: ctx.has(targetRef) ? [targetRef] : [],
    calls,
    attribution,
    ...(completesCreate(flow, fields, attribution.byThisTool) ? { completes: true as const } : {}),
  });
}

/**
 * Our create leaves a flow with empty selectors until its PATCH: a managed flow in that state, last
 * written by this tool, that the plan only gives selectors (and perhaps its state) is an interrupted
 * or failed create being finished. A flow someone emptied in the UI was last written by them.
 */
function completesCreate(flow: LiveFlow, fields: FieldChange[], byThisTool: boolean): boolean {
  if (!byThisTool || !flow.owner || flow.audiences.length + flow.attributes.length > 0) return false;
  return fields.every(
    (f) =>
      f.field === "state" || ((f.field === "audiences" || f.field === "profileAttributes") && f.before === undefined),
  );
}

function pushEgress(
  ctx: PlanContext,
  destination: DesiredDestination,
  diff: SelectorDiff,
  liveState: string,
  stateChanges: boolean,
  where?: PlannedTargetConnection["where"],
): void {
  ctx.egress.push({
    destination: destination.name,
    type: destination.type,
    status: stateChanges ? (destination.state === "enabled" ? "started" : "stopped") : "changed",
    ...(stateChanges ? { state: { before: liveState, after: destination.state } } : {}),
    target: where,
    audiencesAdded: diff.audiencesAdded,
    audiencesRemoved: diff.audiencesRemoved,
    ...(diff.audiencesRescheduled.length > 0 ? { audiencesRescheduled: diff.audiencesRescheduled } : {}),
    attributesAdded: diff.attributesAdded,
    attributesRemoved: diff.attributesRemoved,
  });
}
