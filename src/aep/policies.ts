// Adobe's data-usage verdict through its own routes: the Profile API's merge policy (which datasets an
// audience's profiles are merged from; help/segmentation/tutorials/governance.md) and the Policy Service's
// POST /bulk-eval (help/data-governance/api/evaluation.md, "Evaluate policies in bulk"), which runs every
// evaluation job of a sandbox in one call instead of one call per marketing action and data source.
// Refusals (403/404, a 5xx after the retries, a timeout) are thrown: the caller turns them into one note.
import type { EvalAnswer, EvalJob, ViolatedPolicy } from "../domain/checks/adobe-verdict.js";
import type { AepHttp } from "./http.js";

export const DULE_POLICY_PATH = "/data/foundation/dulepolicy";
export const MERGE_POLICIES_PATH = "/data/core/ups/config/mergePolicies";
/** bulk-eval's size is not documented; a few hundred jobs is what one sandbox's plan asks at most. */
export const JOBS_PER_CALL = 100;

/** A merge policy's datasets: listed (dataSetPrecedence), or every Profile dataset of its schema. */
export type MergePolicyDatasets = { datasets: string[] } | { timestampOrdered: true };

export interface PolicyPort {
  mergePolicy(id: string, signal?: AbortSignal): Promise<MergePolicyDatasets>;
  /** One answer per job, in order. */
  evaluate(jobs: EvalJob[], signal?: AbortSignal): Promise<EvalAnswer[]>;
}

type Json = Record<string, unknown>;

export class HttpPolicies implements PolicyPort {
  constructor(
    private readonly http: AepHttp,
    private readonly sandbox: string,
  ) {}

  async mergePolicy(id: string, signal?: AbortSignal): Promise<MergePolicyDatasets> {
    const body = (await this.http.request(this.sandbox, "GET", `${MERGE_POLICIES_PATH}/${encodeURIComponent(id)}`, {
      signal,
    })) as Json | undefined;
    const merge = (body?.attributeMerge ?? {}) as Json;
    // governance.md lists them under attributeMerge.data.order; merge-policies.md under attributeMerge.order.
    const order = ((merge.data as Json | undefined)?.order ?? merge.order) as unknown;
    if (Array.isArray(order)) return { datasets: order.filter((d): d is string => typeof d === "string") };
    return { timestampOrdered: true };
  }

  async evaluate(jobs: EvalJob[], signal?: AbortSignal): Promise<EvalAnswer[]> {
    const answers: EvalAnswer[] = [];
    for (let start = 0; start < jobs.length; start += JOBS_PER_CALL) {
      const slice = jobs.slice(start, start + JOBS_PER_CALL);
      const body = await this.http.request(this.sandbox, "POST", `${DULE_POLICY_PATH}/bulk-eval`, {
        body: slice.map(request),
        signal,
      });
      const results = Array.isArray(body) ? body : [];
      slice.forEach((_, i) => answers.push(answerOf(results[i], start + i)));
    }
    return answers;
  }
}

/** evaluation.md: evalRef names the marketing action; a job has `labels` or an `entityList`, never both. */
function request(job: EvalJob): Json {
  const evalRef = `${DULE_POLICY_PATH}/marketingActions/${job.action}/constraints`;
  if (job.labels) return { evalRef, includeDraft: false, labels: job.labels };
  return {
    evalRef,
    includeDraft: false,
    entityList: (job.entities ?? []).map((e) => ({
      entityType: "dataSet",
      entityId: e.dataSetId,
      entityMeta: { fields: e.fields },
    })),
  };
}

/** A job Adobe could not evaluate is no verdict at all: thrown, so the command says the check did not happen. */
function answerOf(result: unknown, index: number): EvalAnswer {
  const r = (result ?? {}) as Json;
  if (r.status !== 200 || !r.body || typeof r.body !== "object")
    throw new PolicyEvaluationError(
      `Policy Service bulk-eval answered job ${index + 1} with status ${typeof r.status === "number" ? r.status : "(none)"}`,
    );
  const body = r.body as Json;
  const violated = (Array.isArray(body.violatedPolicies) ? body.violatedPolicies : []).flatMap(
    (p): ViolatedPolicy[] => {
      const policy = (p ?? {}) as Json;
      // Adobe's strings, bounded here; every renderer neutralises them on the way out.
      const bounded = (v: unknown, fallback: string) => text(v)?.slice(0, 200) ?? fallback;
      return [{ name: bounded(policy.name, "(unnamed)"), id: bounded(policy.id, "(no id)"), deny: policy.deny }];
    },
  );
  const fields = (Array.isArray(body.discoveredLabels) ? body.discoveredLabels : []).flatMap((d) => {
    const labels = ((d ?? {}) as Json).dataSetLabels as Json | undefined;
    return (Array.isArray(labels?.fields) ? labels.fields : []).flatMap((f) => {
      const field = (f ?? {}) as Json;
      const path = text(field.path);
      const names = Array.isArray(field.labels) ? field.labels.filter((l): l is string => typeof l === "string") : [];
      return path ? [{ path, labels: names }] : [];
    });
  });
  return { violated, fields };
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export class PolicyEvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyEvaluationError";
  }
}
