// Fields Adobe documents for batch (file-based) destination dataflows only, refused on the streaming flows the
// emulator serves (flow spec "Profile Based Destinations", the one the streaming tutorial uses) instead of being
// stored and ignored:
// - a flow's `scheduleParams`: destinations.yaml gives it to BatchFlowItem ("Batch dataflow parameters",
//   DatasetScheduleParams_V2 "Schedule params for controlling dataset exports schedule"), never to
//   StreamingFlowItem;
// - in an audience's selector value, what update-destination-dataflows.md marks "For *batch destinations*
//   only": `filenameTemplate`, `exportMode`, and the schedule's `frequency`, `triggerType` and `startTime`.
//   (`schedule.startDate` is not marked; `endDate` is, but the streaming activation page sets "Start date and
//   End date" per audience, so both dates are accepted.)
import { DESTINATION_FLOW_SPEC_ID } from "./specs.js";
import { flowError, invalidParams } from "./errors.js";
import { isPlainObject } from "./types.js";

const STREAMING_FLOW_SPECS = new Set([DESTINATION_FLOW_SPEC_ID]);
/** destinations.yaml spells it `fileNameTemplate` (BatchSegmentSelector), the tutorial `filenameTemplate`. */
const BATCH_SELECTOR_FIELDS = ["filenameTemplate", "fileNameTemplate", "exportMode"];
const BATCH_SCHEDULE_FIELDS = ["frequency", "triggerType", "startTime"];

/** Throws Adobe's error shape (FLOW-1451-400 on create, FLOW-1455-400 on PATCH) naming every batch-only field. */
export function checkStreamingFlow(flow: Record<string, unknown>, when: "create" | "patch"): void {
  const spec = isPlainObject(flow.flowSpec) ? flow.flowSpec.id : undefined;
  if (!STREAMING_FLOW_SPECS.has(spec as string)) return;
  const problems = batchOnlyFields(flow).map(
    (field) =>
      `'${field}' is not supported by streaming destination dataflows (Adobe documents it for batch destinations only)`,
  );
  if (problems.length === 0) return;
  const detail = { errors: problems };
  if (when === "create") throw invalidParams(`Invalid flow request: ${problems.join("; ")}.`, detail);
  throw flowError(1455, 400, "Bad request", `Error validating patch instructions: ${problems.join("; ")}.`, detail);
}

function batchOnlyFields(flow: Record<string, unknown>): string[] {
  const found: string[] = [];
  if (flow.scheduleParams !== undefined) found.push("scheduleParams");
  const transformations = Array.isArray(flow.transformations) ? flow.transformations : [];
  transformations.forEach((transformation: unknown, t) => {
    const params = isPlainObject(transformation) && isPlainObject(transformation.params) ? transformation.params : {};
    const segments = isPlainObject(params.segmentSelectors) ? params.segmentSelectors.selectors : undefined;
    (Array.isArray(segments) ? segments : []).forEach((selector: unknown, s) => {
      const value = isPlainObject(selector) && isPlainObject(selector.value) ? selector.value : {};
      const at = `transformations[${t}].params.segmentSelectors.selectors[${s}].value`;
      for (const field of BATCH_SELECTOR_FIELDS) if (field in value) found.push(`${at}.${field}`);
      const schedule = isPlainObject(value.schedule) ? value.schedule : {};
      for (const field of BATCH_SCHEDULE_FIELDS) if (field in schedule) found.push(`${at}.schedule.${field}`);
    });
  });
  return found;
}
