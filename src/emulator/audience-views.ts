// The two faces of an audience record, in the key order of Adobe's examples: a segment definition
// (Segmentation API /segment/definitions, unchanged since before the Audiences API) and an audience
// (/audiences, help/segmentation/api/audiences.md), whose Platform and external variants differ.
import type { AudienceRecord } from "./audience-store.js";

const PROFILE_SCHEMA = { name: "_xdm.context.profile" };
const EVALUATION = { batch: { enabled: true }, continuous: { enabled: false }, synchronous: { enabled: false } };
const DEFINED_ON = [
  {
    "meta:resourceType": "unions",
    "meta:containerId": "tenant",
    $ref: "https://ns.adobe.com/xdm/context/profile__union",
  },
];

/** Deleted audiences exist nowhere; ExternalSegments are no segment definitions. */
export function isSegmentDefinition(record: AudienceRecord): boolean {
  return record.type === "SegmentDefinition" && record.lifecycleState !== "deleted";
}

const pql = (record: AudienceRecord) => ({ type: "PQL", format: "pql/text", value: record.expression ?? "true" });

/** The segment definition shape; an active audience reads `published`, as segment definitions always did. */
export function segmentDefinitionView(record: AudienceRecord): Record<string, unknown> {
  return {
    id: record.id,
    schema: PROFILE_SCHEMA,
    profileInstanceId: "ups",
    imsOrgId: record.imsOrgId,
    sandbox: record.sandbox,
    name: record.name,
    description: record.description,
    expression: pql(record),
    mergePolicyId: record.mergePolicyId,
    evaluationInfo: EVALUATION,
    dataGovernancePolicy: { excludeOptOut: true },
    creationTime: record.creationTime,
    updateEpoch: Math.floor(record.updateTime / 1000),
    updateTime: record.updateTime,
    lifecycleState: record.lifecycleState === "active" ? "published" : record.lifecycleState,
  };
}

const times = (record: AudienceRecord) => ({
  creationTime: record.creationTime,
  updateEpoch: Math.floor(record.updateTime / 1000),
  updateTime: record.updateTime,
  createEpoch: Math.floor(record.creationTime / 1000),
  _etag: record.etag,
});

/**
 * Export metrics as segmentation.yaml's example AudiencesListWithMetrics has them: a Platform audience's
 * `data` carries the counts by namespace and status too, an external one's only `totalProfiles`.
 */
function metricsOf(record: AudienceRecord): Record<string, unknown> {
  const m = record.metrics;
  if (!m) return {};
  const data =
    record.type === "ExternalSegment"
      ? { totalProfiles: m.totalProfiles }
      : {
          totalProfiles: m.totalProfiles,
          totalProfilesByNamespace: { ecid: m.totalProfiles },
          totalProfilesByStatus: { existing: m.totalProfiles },
        };
  const epoch = Math.floor(m.time / 1000);
  return { metrics: { type: "export", jobId: m.jobId, id: record.id, data, createEpoch: epoch, updateEpoch: epoch } };
}

/** The Audiences API shape: Platform audiences carry their definition, external ones do not. */
export function audienceView(record: AudienceRecord): Record<string, unknown> {
  if (record.type === "ExternalSegment") {
    return {
      id: record.id,
      audienceId: record.audienceId,
      name: record.name,
      namespace: record.namespace,
      imsOrgId: record.imsOrgId,
      sandbox: record.sandbox,
      isSystem: false,
      description: record.description,
      type: record.type,
      originName: record.originName,
      lifecycleState: record.lifecycleState,
      createdBy: record.createdBy,
      labels: record.labels,
      ...metricsOf(record),
      ...times(record),
    };
  }
  return {
    id: record.id,
    audienceId: record.audienceId,
    schema: PROFILE_SCHEMA,
    profileInstanceId: "ups",
    imsOrgId: record.imsOrgId,
    sandbox: record.sandbox,
    isSystem: false,
    name: record.name,
    description: record.description,
    expression: pql(record),
    mergePolicyId: record.mergePolicyId,
    evaluationInfo: EVALUATION,
    dataGovernancePolicy: { excludeOptOut: true },
    ...times(record),
    dependents: [],
    definedOn: DEFINED_ON,
    dependencies: [],
    ...metricsOf(record),
    type: record.type,
    originName: record.originName,
    overridePerformanceWarnings: false,
    createdBy: record.createdBy,
    lifecycleState: record.lifecycleState,
    labels: record.labels,
    namespace: record.namespace,
  };
}
