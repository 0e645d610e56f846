// The plan as JSON for machines (policy checks, dashboards, other pipelines). The shape is versioned
// by `format`; a breaking change gets a new version, additions do not. Documented in docs/json-output.md.
//
// {
//   "format": "aep-gitops.plan/v1",
//   "checksum": "<sha256 of the plan's meaning: src/domain/review/checksum.ts>",
//   "filter": ["summer-*"],                       // a partial plan (--destination) only: its patterns
//   "summary": { "add": 0, "change": 0, "destroy": 0, "orphaned": 0, "adopt": 0 },
//   "sandboxes": [{
//     "sandbox": "prod",
//     "changes": [{
//       "ref": "flow/summer-sale",                 // stable reference; `{{<ref>.id}}` in calls means its new id
//       "action": "create|update|rename|delete|orphan|adopt",
//       "resource": "profile-connection|profile-source|account|target-connection|flow",
//       "name": "summer-sale",                     // the YAML identity
//       "source": { "file": "destinations/summer-sale.yaml", "line": 1, "column": 1 },  // the YAML asking for it
//       "liveId": "…",                             // absent for creates
//       "fields": [{ "field": "description", "before": "…", "after": "…" }],  // before/after absent when none
//       "credentials": "set|rotate",               // write-only: never the values
//       "credentialRefs": { "secretKey": "${env:NAME}" },  // creates: what the YAML names, never a value
//       "attribution": { "createdAt": 0, "updatedAt": 0, "createdBy": "…", "updatedBy": "…",
//                        "createdClient": "…", "updatedClient": "…", "byThisTool": false },  // epoch ms
//       "reason": "…",
//       "renamedFrom": "old-name",                 // renames only
//       "duplicate": 1,                            // the nth extra copy of one managed object
//       "calls": [{ "method": "POST|PATCH|DELETE", "path": "/flows", "query": {}, "body": {}, "ifMatch": "\"…\"" }]
//     }],
//     "egress": [{ "destination": "…", "type": "amazon-kinesis", "status": "started|stopped|changed",
//                  "state": { "before": "…", "after": "…" }, "audiencesAdded": [{ "id": "…", "name": "…", "adobeName": "…",
//                  "schedule": { "startDate": "2026-07-01", "endDate": "2026-08-31" } }], "audiencesRemoved": [],
//                  "audiencesRescheduled": [{ "id": "…", "name": "…", "before": { … }, "after": { … } }],  // when any
//                  "attributesAdded": ["person.name.lastName"], "attributesRemoved": [],
//                  "targetName": "crm-churn",                // the stream or event hub, when known
//                  "sizes": { "added": { "profiles": 1184302, "unknownAudiences": 0 }, "removed": { … } } }],
//                  (each audience also carries "profiles": Adobe's totalProfiles, absent when Adobe gave none)
//     "refusals": [{ "rule": "…", "message": "…", "hint": "…" }],
//     "notes": [{ "level": "info|warning", "message": "…" }]
//   }],
//   "problems": [{ "file": "…", "line": 1, "column": 1, "rule": "…", "severity": "warning", "message": "…" }]
// }
//
// Key order is the order above; inside free-form values (bodies, field values, query) keys are sorted,
// so the same plan always serialises to the same bytes. Optional keys are omitted, never null.
import { sizeSum } from "../../domain/review/audience-sizes.js";
import type { AudienceSchedule } from "../../domain/state/desired.js";
import type {
  ApiCall,
  Attribution,
  AudienceRef,
  Change,
  EgressDelta,
  Plan,
  SandboxPlan,
} from "../../domain/plan/plan.js";
import type { Problem } from "../../domain/checks/problem.js";
import { safeBody } from "./calls.js";
import { locationJson, problemsJson } from "../problems/problems.js";

const PLAN_JSON_FORMAT = "aep-gitops.plan/v1";

export interface PlanJsonOptions {
  /** Files are shown relative to this folder (without one, as they were found). */
  cwd?: string;
  /** The command's warnings (a plan with errors is not shown: the error envelope carries them). */
  problems?: Problem[];
}

export function renderPlanJson(plan: Plan, options: PlanJsonOptions = {}): string {
  const { add, change, destroy, orphaned, adopt } = plan.summary;
  const cwd = options.cwd;
  const doc = {
    format: PLAN_JSON_FORMAT,
    checksum: plan.checksum,
    ...optional("filter", plan.filter && [...plan.filter]),
    summary: { add, change, destroy, orphaned, adopt },
    sandboxes: plan.sandboxes.map((s) => sandboxJson(s, cwd)),
    problems: problemsJson(options.problems ?? [], cwd),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function sandboxJson(s: SandboxPlan, cwd: string | undefined) {
  return {
    sandbox: s.sandbox,
    changes: s.changes.map((c) => changeJson(c, cwd)),
    egress: s.egress.map(egressJson),
    refusals: s.refusals.map((r) => ({ rule: r.rule, message: r.message, hint: r.hint })),
    notes: s.notes.map((n) => ({ level: n.level, message: n.message })),
  };
}

function changeJson(c: Change, cwd: string | undefined) {
  return {
    ref: c.ref,
    action: c.action,
    resource: c.resource,
    name: c.name,
    ...optional("source", c.source && locationJson(c.source, cwd)),
    ...optional("liveId", c.liveId),
    fields: c.fields.map((f) => ({
      field: f.field,
      ...optional("before", sorted(f.before)),
      ...optional("after", sorted(f.after)),
    })),
    ...optional("credentials", c.credentials),
    ...optional("credentialRefs", sorted(c.credentialRefs)),
    ...optional("attribution", c.attribution && attributionJson(c.attribution)),
    ...optional("reason", c.reason),
    ...optional("renamedFrom", c.action === "rename" ? c.renamedFrom : undefined),
    ...optional("duplicate", c.action === "delete" || c.action === "orphan" ? c.duplicate : undefined),
    calls: c.calls.map(callJson),
  };
}

function attributionJson(a: Attribution) {
  return {
    ...optional("createdAt", a.createdAt),
    ...optional("updatedAt", a.updatedAt),
    ...optional("createdBy", a.createdBy),
    ...optional("updatedBy", a.updatedBy),
    ...optional("createdClient", a.createdClient),
    ...optional("updatedClient", a.updatedClient),
    byThisTool: a.byThisTool,
  };
}

function callJson(call: ApiCall) {
  return {
    method: call.method,
    path: call.path,
    ...optional("query", sorted(call.query)),
    ...optional("body", sorted(call.body === undefined ? undefined : safeBody(call.body))),
    ...optional("ifMatch", call.ifMatch),
  };
}

function egressJson(e: EgressDelta) {
  const audience = (a: AudienceRef) => ({
    id: a.id,
    ...optional("name", a.name),
    ...optional("adobeName", a.adobeName),
    ...optional("labels", a.labels && [...a.labels]),
    ...optional("schedule", a.schedule && scheduleJson(a.schedule)),
    ...optional("profiles", a.profiles),
  });
  // The sums a reviewer reads as a sentence: profiles over the sized audiences, and how many were not.
  const sum = (audiences: AudienceRef[]) => {
    if (audiences.length === 0) return undefined;
    const { profiles, unknown } = sizeSum(audiences);
    return { profiles, unknownAudiences: unknown };
  };
  const added = sum(e.audiencesAdded);
  const removed = sum(e.audiencesRemoved);
  return {
    destination: e.destination,
    ...optional("type", e.type),
    status: e.status,
    ...optional("state", e.state && { ...optional("before", e.state.before), ...optional("after", e.state.after) }),
    ...optional("target", e.target && { ...optional("before", e.target.before), ...optional("after", e.target.after) }),
    ...optional("counts", e.counts && { audiences: e.counts.audiences, attributes: e.counts.attributes }),
    ...optional("reason", e.reason),
    audiencesAdded: e.audiencesAdded.map(audience),
    audiencesRemoved: e.audiencesRemoved.map(audience),
    ...optional(
      "audiencesRescheduled",
      e.audiencesRescheduled?.map((a) => ({
        id: a.id,
        ...optional("name", a.name),
        ...optional("adobeName", a.adobeName),
        ...optional("before", a.before && scheduleJson(a.before)),
        after: scheduleJson(a.after),
      })),
    ),
    attributesAdded: [...e.attributesAdded],
    attributesRemoved: [...e.attributesRemoved],
    ...optional("targetName", e.targetName),
    ...optional(
      "sizes",
      added || removed ? { ...optional("added", added), ...optional("removed", removed) } : undefined,
    ),
  };
}

function scheduleJson(s: AudienceSchedule) {
  return { ...optional("startDate", s.startDate), ...optional("endDate", s.endDate) };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** Free-form JSON with object keys sorted at every depth (arrays keep their order: it is meaningful). */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sorted((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}
