// Destinations: each is a target connection (where data goes) and a flow (what goes there).
// Creates send the full selectors in the POST itself; updates are one PATCH per object.
import { DESTINATION_FLOW_SPEC_ID, SPEC_VERSION } from "./adobe.js";
import { booleanTargetParams, destinationType, type DestinationType } from "./destination-types/index.js";
import { canonicalJson } from "./canonical.js";
import type { DesiredDestination } from "./desired.js";
import type { LiveFlow, LiveTargetConnection } from "./live.js";
import { withMarker } from "./ownership.js";
import type { ApiCall, AudienceRef, FieldChange } from "./plan.js";
import { PlanContext } from "./plan-context.js";
import { diffSelectors, transformations, type PatchOp } from "./selectors.js";
import { planProfileSource, PROFILE_SOURCE_REF } from "./plan-profile.js";

export function audiencesOf(destination: DesiredDestination): AudienceRef[] {
  return destination.audiences.map((a) => {
    if (a.id === undefined)
      throw new Error(`audience '${a.name}' of ${destination.name} reached the planner unresolved`);
    return a.name === undefined ? { id: a.id } : { id: a.id, name: a.name };
  });
}

/** What the objects are called in Adobe: the display name if the YAML gives one, else the identity. */
function adobeName(destination: DesiredDestination): string {
  return destination.displayName ?? destination.name;
}

export function planDestinations(ctx: PlanContext): void {
  for (const destination of ctx.desired.destinations) {
    const flow = ctx.flows.primary.get(destination.name);
    if (!flow) {
      const foreign = ctx.live.flows.find((f) => !f.owner && f.name === adobeName(destination));
      if (foreign) {
        ctx.refusals.push({
          rule: "foreign-object",
          message: `A destination dataflow named '${destination.name}' already exists in sandbox '${ctx.desired.sandbox}' (flow ${foreign.id}) and was not created by aep-gitops.`,
          hint: "Bring it under aep-gitops with 'aep-gitops import' (no data is re-exported), or give the destination in YAML another name.",
        });
        continue;
      }
    }
    const target = planTarget(ctx, destination);
    if (target === undefined) continue;
    if (flow) planFlowUpdate(ctx, destination, flow);
    else planFlowCreate(ctx, destination, target);
  }
}

function accountId(ctx: PlanContext, destination: DesiredDestination): string {
  const live = ctx.accounts.primary.get(destination.account);
  return PlanContext.ref(`account/${destination.account}`, live?.id);
}

/** Returns the id (or placeholder) of the destination's target connection; undefined when refused. */
function planTarget(ctx: PlanContext, destination: DesiredDestination): string | undefined {
  const ref = `target/${destination.name}`;
  const live = ctx.targets.primary.get(destination.name);
  const owner = { kind: "destination" as const, name: destination.name };
  const params = targetParams(destination);
  const info = destinationType(destination.type);
  if (!live) {
    const accountRef = `account/${destination.account}`;
    ctx.add({
      ref,
      action: "create",
      resource: "target-connection",
      name: destination.name,
      fields: Object.entries(destination.target).map(([field, after]) => ({ field: `params.${field}`, after })),
      dependsOn: ctx.accounts.primary.has(destination.account) ? [] : [accountRef],
      calls: [
        {
          method: "POST",
          path: "/targetConnections",
          body: {
            name: adobeName(destination),
            // The user's description lives on the flow only: one PATCH per description edit, not two.
            description: withMarker(undefined, owner),
            baseConnectionId: accountId(ctx, destination),
            connectionSpec: { id: info.connectionSpecId, version: SPEC_VERSION },
            data: { format: "json" },
            params,
          },
        },
      ],
    });
    return PlanContext.ref(ref, undefined);
  }

  const account = ctx.accounts.primary.get(destination.account);
  if (live.type !== destination.type || !account || live.baseConnectionId !== account.id) {
    ctx.refusals.push({
      rule: "unsupported-change",
      message: `Destination '${destination.name}' moved to another account or type; Adobe cannot re-point an existing target connection.`,
      hint: "Give the destination a new name (it is created on the new account) and prune the old one; data export restarts on the new destination.",
    });
    return undefined;
  }
  const fields: FieldChange[] = [];
  const ops: PatchOp[] = [];
  const liveParams = normalizeParams(live.params, destination.type);
  if (canonicalJson(liveParams) !== canonicalJson(params)) {
    for (const key of new Set([...Object.keys(liveParams), ...Object.keys(params)])) {
      if (canonicalJson(liveParams[key]) !== canonicalJson(params[key])) {
        fields.push({ field: `params.${key}`, before: liveParams[key], after: params[key] });
      }
    }
    ops.push({ op: "replace", path: "/params", value: params });
  }
  const adopting = ctx.adopting.has(live.id);
  // A target connection's own name is plumbing nobody reads (an imported one keeps whatever the UI
  // called it): only the flow's name is kept in sync.
  describe(live, undefined, undefined, owner, fields, ops, adopting);
  if (ops.length > 0) {
    ctx.add({
      ref,
      action: adopting ? "adopt" : "update",
      resource: "target-connection",
      name: destination.name,
      liveId: live.id,
      fields,
      dependsOn: [],
      calls: [{ method: "PATCH", path: `/targetConnections/${live.id}`, body: ops, ifMatch: live.etag }],
      attribution: ctx.attribution(live.meta),
    });
  }
  return live.id;
}

function targetParams(destination: DesiredDestination): Record<string, unknown> {
  return normalizeParams(destination.target, destination.type);
}

/** Booleans Adobe may omit mean false; sorted keys so equal params compare equal. */
function normalizeParams(params: Record<string, unknown>, type: DestinationType): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(params).sort()) out[key] = params[key];
  for (const key of booleanTargetParams(type)) out[key] = out[key] === true;
  return out;
}

function describe(
  live: LiveFlow | LiveTargetConnection,
  name: string | undefined,
  description: string | undefined,
  owner: { kind: "destination"; name: string },
  fields: FieldChange[],
  ops: PatchOp[],
  adopting = false,
): void {
  if (name !== undefined && live.name !== name) {
    fields.push({ field: "name", before: live.name, after: name });
    ops.push({ op: "replace", path: "/name", value: name });
  }
  const text = (description ?? "").trim();
  if (live.description !== text || adopting) {
    if (live.description !== text) fields.push({ field: "description", before: live.description, after: text });
    // An object made in the UI may have no description at all, and RFC 6902 cannot replace what is
    // not there; "add" sets a member whether or not it exists.
    ops.push({ op: adopting ? "add" : "replace", path: "/description", value: withMarker(description, owner) });
  }
}

function planFlowCreate(ctx: PlanContext, destination: DesiredDestination, targetId: string): void {
  const ref = `flow/${destination.name}`;
  const sourceId = planProfileSource(ctx);
  const audiences = audiencesOf(destination);
  const attributes = destination.profileAttributes.map((a) => a.path);
  const disabled = destination.state === "disabled";
  const body = {
    name: adobeName(destination),
    description: withMarker(destination.description, { kind: "destination", name: destination.name }),
    flowSpec: { id: DESTINATION_FLOW_SPEC_ID, version: SPEC_VERSION },
    sourceConnectionIds: [sourceId],
    targetConnectionIds: [targetId],
    // Adobe enables a flow on create. A flow meant to be disabled is created empty, disabled, and only
    // then given its selectors, so not one profile leaves before the YAML says so.
    transformations: disabled ? transformations([], []) : transformations(audiences, attributes),
  };
  const calls: ApiCall[] = [{ method: "POST", path: "/flows", body }];
  if (disabled) {
    const id = PlanContext.ref(ref, undefined);
    calls.push({ method: "POST", path: `/flows/${id}/action`, query: { op: "disable" } });
    if (audiences.length + attributes.length > 0) {
      calls.push({
        method: "PATCH",
        path: `/flows/${id}`,
        body: diffSelectors({ audiences: [], attributes: [] }, { audiences, attributes }).ops,
      });
    }
  }
  const dependsOn = [PROFILE_SOURCE_REF, `target/${destination.name}`].filter((r) =>
    ctx.changes.some((c) => c.ref === r),
  );
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
      audiencesAdded: audiences,
      audiencesRemoved: [],
      attributesAdded: attributes,
      attributesRemoved: [],
    });
  }
}

function planFlowUpdate(ctx: PlanContext, destination: DesiredDestination, flow: LiveFlow): void {
  const ref = `flow/${destination.name}`;
  const owner = { kind: "destination" as const, name: destination.name };
  const audiences = audiencesOf(destination);
  const attributes = destination.profileAttributes.map((a) => a.path);
  const fields: FieldChange[] = [];
  const ops: PatchOp[] = [];
  const adopting = ctx.adopting.has(flow.id);
  describe(flow, adobeName(destination), destination.description, owner, fields, ops, adopting);

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
  if (calls.length === 0) return;
  ctx.add({
    ref,
    action: adopting ? "adopt" : "update",
    resource: "flow",
    name: destination.name,
    liveId: flow.id,
    fields,
    dependsOn: ctx.changes.some((c) => c.ref === `target/${destination.name}`) ? [`target/${destination.name}`] : [],
    calls,
    attribution: ctx.attribution(flow.meta),
  });
  const selectorsMoved =
    diff.audiencesAdded.length +
      diff.audiencesRemoved.length +
      diff.attributesAdded.length +
      diff.attributesRemoved.length >
    0;
  if (selectorsMoved || stateChanges) {
    ctx.egress.push({
      destination: destination.name,
      type: destination.type,
      status: stateChanges ? (destination.state === "enabled" ? "started" : "stopped") : "changed",
      ...(stateChanges ? { state: { before: flow.state, after: destination.state } } : {}),
      audiencesAdded: diff.audiencesAdded,
      audiencesRemoved: diff.audiencesRemoved,
      attributesAdded: diff.attributesAdded,
      attributesRemoved: diff.attributesRemoved,
    });
  }
}
