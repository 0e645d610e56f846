// A destination's target connection: where its data goes (the stream, the event hub). Created with the
// ownership marker; its params are kept equal to the YAML's `target` with one PATCH.
import { SPEC_VERSION } from "../state/adobe.js";
import { canonicalJson } from "../review/canonical.js";
import { adobeName, describe } from "./describe.js";
import { booleanTargetParams, destinationType, type DestinationType } from "../destination-types/index.js";
import type { DesiredDestination } from "../state/desired.js";
import { markedDescription } from "./ownership.js";
import type { FieldChange } from "./plan.js";
import type { PlanContext } from "./context.js";
import { changeRef, idOrPlaceholder } from "./refs.js";
import type { PatchOp } from "./selectors.js";
import { desiredWhere, liveWhere, type Where } from "../review/where.js";

export interface PlannedTargetConnection {
  /** The target connection's id, or the placeholder of its create. */
  id: string;
  /** Where the data goes now (absent for a new target) and after this plan. */
  where: { before?: Where; after: Where };
}

/** Plans the destination's target connection; undefined when refused. */
export function planTargetConnection(
  ctx: PlanContext,
  destination: DesiredDestination,
): PlannedTargetConnection | undefined {
  const after = desiredWhere(
    destination,
    ctx.desired.accounts.find((a) => a.name === destination.account),
  );
  const ref = changeRef("target-connection", destination.name);
  const live = ctx.targets.primary.get(destination.name);
  const owner = { kind: "destination" as const, name: destination.name };
  // Sent as the YAML sets them: a param the YAML leaves out is not sent. Compared with an absent include
  // flag read as false on both sides: Adobe's UI has them as toggles one turns on ("Toggle if you want the
  // data export to include …", amazon-kinesis.md), so a flag Adobe does not hold is off (docs/design.md).
  const params = sortedParams(destination.target);
  const wanted = normalizeParams(destination.target, destination.type);
  if (!live) {
    const accountRef = changeRef("account", destination.account);
    const account = ctx.accounts.primary.get(destination.account);
    ctx.add({
      ref,
      action: "create",
      resource: "target-connection",
      name: destination.name,
      fields: Object.entries(destination.target).map(([field, after]) => ({ field: `params.${field}`, after })),
      dependsOn: account ? [] : [accountRef],
      calls: [
        {
          method: "POST",
          path: "/targetConnections",
          body: {
            name: adobeName(destination),
            // The user's description lives on the flow only: one PATCH per description edit, not two.
            description: markedDescription(undefined, owner),
            baseConnectionId: idOrPlaceholder(accountRef, account?.id),
            connectionSpec: { id: destinationType(destination.type).connectionSpecId, version: SPEC_VERSION },
            data: { format: "json" },
            params,
          },
        },
      ],
    });
    return { id: idOrPlaceholder(ref, undefined), where: { after } };
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
  if (canonicalJson(liveParams) !== canonicalJson(wanted)) {
    for (const key of new Set([...Object.keys(liveParams), ...Object.keys(wanted)])) {
      if (canonicalJson(liveParams[key]) !== canonicalJson(wanted[key])) {
        fields.push({ field: `params.${key}`, before: liveParams[key], after: wanted[key] });
      }
    }
    ops.push({ op: "replace", path: "/params", value: params });
  }

  // A target connection's own name is plumbing nobody reads (an imported one keeps whatever the UI
  // called it): only the flow's name is kept in sync. Its description is not the YAML's either: the
  // text Adobe holds is kept, and the marker (when it must be set) is appended to it.
  describe(live, undefined, live.description, owner, fields, ops, ctx.markerMode(live.id));
  if (ops.length > 0) {
    ctx.add({
      ref,
      ...ctx.liveAction(live.id),
      resource: "target-connection",
      name: destination.name,
      liveId: live.id,
      fields,
      dependsOn: [],
      calls: [{ method: "PATCH", path: `/targetConnections/${live.id}`, body: ops, ifMatch: live.etag }],
      attribution: ctx.attribution(live.meta),
    });
  }
  return { id: live.id, where: { before: liveWhere(after, destination.account, live.params, account), after } };
}

function sortedParams(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(params).sort()) out[key] = params[key];
  return out;
}

/** Include flags Adobe does not hold are off (false); sorted keys so equal params compare equal. */
function normalizeParams(params: Record<string, unknown>, type: DestinationType): Record<string, unknown> {
  const out = sortedParams(params);
  for (const key of booleanTargetParams(type)) out[key] = out[key] === true;
  return out;
}
