// Adobe's JSON → the planner's live types. Tolerant by design: the server may add fields, and objects
// made in Adobe's UI may be shaped unlike ours; what we cannot read as ours is kept as "not standard".
import type { AudienceSchedule } from "../domain/state/desired.js";
import { typeForConnectionSpec } from "../domain/destination-types/index.js";
import type {
  LiveConnection,
  LiveFlow,
  LiveMeta,
  LiveSourceConnection,
  LiveTargetConnection,
} from "../domain/state/live.js";
import { parseDescription } from "../domain/plan/ownership.js";

type Json = Record<string, unknown>;

const str = (value: unknown): string => (typeof value === "string" ? value : "");
const num = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined);
const obj = (value: unknown): Json =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function meta(item: Json): LiveMeta {
  const out: LiveMeta = {};
  for (const key of ["createdAt", "updatedAt"] as const) if (num(item[key]) !== undefined) out[key] = num(item[key])!;
  for (const key of ["createdBy", "updatedBy", "createdClient", "updatedClient"] as const)
    if (str(item[key])) out[key] = str(item[key]);
  return out;
}

function base(item: Json) {
  const { text, owner } = parseDescription(str(item.description));
  return {
    id: str(item.id),
    name: str(item.name),
    description: text,
    owner,
    etag: str(item.etag),
    meta: meta(item),
  };
}

export function toConnection(item: Json): LiveConnection {
  const specId = str(obj(item.connectionSpec).id);
  const type = typeForConnectionSpec(specId);
  const authParams = obj(obj(item.auth).params);
  return {
    ...base(item),
    specId,
    type,
    ...(Object.keys(authParams).length ? { authParams } : {}),
  };
}

export function toTargetConnection(item: Json): LiveTargetConnection {
  const specId = str(obj(item.connectionSpec).id);
  const type = typeForConnectionSpec(specId);
  return {
    ...base(item),
    specId,
    type,
    baseConnectionId: str(item.baseConnectionId),
    params: { ...obj(item.params) },
  };
}

export function toSourceConnection(item: Json): LiveSourceConnection {
  const baseConnectionId = str(item.baseConnectionId);
  return { ...base(item), ...(baseConnectionId ? { baseConnectionId } : {}) };
}

/** The dates of a selector's `value.schedule` (batch fields such as `frequency` stay in the item alone). */
function scheduleOf(value: unknown): AudienceSchedule | undefined {
  const schedule = obj(value);
  const dates: AudienceSchedule = {};
  if (typeof schedule.startDate === "string") dates.startDate = schedule.startDate;
  if (typeof schedule.endDate === "string") dates.endDate = schedule.endDate;
  return Object.keys(dates).length > 0 ? dates : undefined;
}

export function toFlow(item: Json): LiveFlow {
  const transformations = arr(item.transformations);
  const params = obj(obj(transformations[0]).params);
  const segments = arr(obj(params.segmentSelectors).selectors).map(obj);
  const profiles = arr(obj(params.profileSelectors).selectors).map(obj);
  const standard =
    transformations.length === 1 &&
    str(obj(transformations[0]).name) === "GeneralTransform" &&
    Array.isArray(obj(params.segmentSelectors).selectors) &&
    Array.isArray(obj(params.profileSelectors).selectors) &&
    segments.every((s) => s.type === "PLATFORM_SEGMENT" && str(obj(s.value).id)) &&
    profiles.every((s) => s.type === "JSON_PATH" && str(obj(s.value).path));
  const targetSpec = str(obj(obj(arr(obj(item.inheritedAttributes).targetConnections)[0]).connectionSpec).id);
  const type = typeForConnectionSpec(targetSpec);
  return {
    ...base(item),
    type,
    state: str(item.state) || "enabled",
    flowSpecId: str(obj(item.flowSpec).id),
    sourceConnectionIds: arr(item.sourceConnectionIds).map(str),
    targetConnectionIds: arr(item.targetConnectionIds).map(str),
    standardTransformations: standard,
    audiences: segments
      .filter((s) => str(obj(s.value).id))
      .map((s) => {
        const value = obj(s.value);
        const schedule = scheduleOf(value.schedule);
        return {
          id: str(value.id),
          ...(typeof value.name === "string" ? { name: value.name } : {}),
          schedule,
          item: s,
        };
      }),
    attributes: profiles.filter((s) => str(obj(s.value).path)).map((s) => ({ path: str(obj(s.value).path), item: s })),
  };
}
