// Adobe's own data-usage verdict, as its UI's Review step reaches it (help/segmentation/tutorials/
// governance.md): each audience's labels, and its merge policy's datasets with the exported attributes as
// fields, evaluated against each marketing action of the destination. This file is pure: it turns the
// destinations to judge into Policy Service evaluation jobs, and Adobe's answers into problems at the
// YAML line that carries the label (the audience, the attribute), or, when only a dataset as a whole
// carries it, at the marketing action's declaration.
import type { DesiredAttribute, DesiredAudience, DesiredDestination, MarketingActionRef } from "../state/desired.js";
import { fieldPointer, policyLabel } from "./marketing-actions.js";
import type { Problem } from "./problem.js";

/** One evaluation of bulk-eval: a marketing action against labels, or against datasets and fields. */
export interface EvalJob {
  action: string;
  labels?: string[];
  entities?: { dataSetId: string; fields: string[] }[];
}

export interface ViolatedPolicy {
  name: string;
  id: string;
  /** The policy's `deny` expression as Adobe returns it: `{label}` or `{operator, operands}`. */
  deny: unknown;
}

export interface EvalAnswer {
  violated: ViolatedPolicy[];
  /** Field-level labels Adobe discovered, by the field's JSON Pointer. */
  fields: { path: string; labels: string[] }[];
}

type Subject =
  | { kind: "audience"; destination: DesiredDestination; action: MarketingActionRef; audience: DesiredAudience }
  | {
      kind: "datasets";
      destination: DesiredDestination;
      action: MarketingActionRef;
      mergePolicyId: string;
      attributes: DesiredAttribute[];
    };

export interface Judgement {
  jobs: EvalJob[];
  /** What each job stands for in the YAML: several subjects may share one job. */
  subjects: { job: number; subject: Subject }[];
}

/**
 * The jobs for these destinations: one per (marketing action, labelled audience) and one per (marketing
 * action, merge policy) with the destination's attributes as fields; identical jobs are asked once.
 * `datasets` gives each merge policy's dataset ids (absent: not listed, so its attributes are not judged).
 */
export function judgement(
  destinations: { destination: DesiredDestination; actions: MarketingActionRef[] }[],
  datasets: ReadonlyMap<string, string[]>,
): Judgement {
  const jobs: EvalJob[] = [];
  const keys = new Map<string, number>();
  const subjects: Judgement["subjects"] = [];
  const add = (job: EvalJob, subject: Subject) => {
    const key = JSON.stringify(job);
    let index = keys.get(key);
    if (index === undefined) keys.set(key, (index = jobs.push(job) - 1));
    subjects.push({ job: index, subject });
  };
  for (const { destination, actions } of destinations) {
    for (const action of actions) {
      for (const audience of destination.audiences) {
        const labels = [...new Set((audience.labels ?? []).map(policyLabel))].sort();
        if (labels.length > 0) add({ action: action.ref, labels }, { kind: "audience", destination, action, audience });
      }
      if (destination.profileAttributes.length === 0) continue;
      const fields = destination.profileAttributes.map((a) => fieldPointer(a.path));
      const policies = [...new Set(destination.audiences.flatMap((a) => (a.mergePolicyId ? [a.mergePolicyId] : [])))];
      for (const mergePolicyId of policies.sort()) {
        const ids = datasets.get(mergePolicyId);
        if (!ids || ids.length === 0) continue;
        const entities = ids.map((dataSetId) => ({ dataSetId, fields }));
        add(
          { action: action.ref, entities },
          { kind: "datasets", destination, action, mergePolicyId, attributes: destination.profileAttributes },
        );
      }
    }
  }
  return { jobs, subjects };
}

/** Adobe's answers (one per job, in order) as problems, one per YAML place and violated policy. */
export function verdictProblems(judged: Judgement, answers: readonly EvalAnswer[]): Problem[] {
  const problems = new Map<string, Problem>();
  const report = (
    at: { file: string; line: number; column: number },
    policy: ViolatedPolicy,
    what: string,
    fix: string,
  ) => {
    const key = `${at.file}:${at.line}:${at.column}:${policy.id}`;
    if (problems.has(key)) return;
    problems.set(key, {
      file: at.file,
      line: at.line,
      column: at.column,
      rule: "adobe-policy",
      severity: "error",
      message: `Adobe's data-usage policy '${policy.name}' (id ${policy.id}, deny ${denyText(policy.deny)}) ${what}`,
      hint: fix,
      policy: policy.id,
    });
  };
  for (const { job, subject } of judged.subjects) {
    const answer = answers[job];
    if (!answer) continue;
    const { destination, action } = subject;
    const place = `for marketing action ${action.ref} of destination '${destination.name}'`;
    for (const policy of answer.violated) {
      if (subject.kind === "audience") {
        const { audience } = subject;
        const name = audience.adobeName ?? audience.name;
        report(
          audience.source,
          policy,
          `is violated by audience ${audience.id ?? ""}${name ? ` (${name})` : ""}, labelled ${(audience.labels ?? []).join(", ")}, ${place}.`,
          "Remove the audience from this destination, or have the data steward review its labels or the policy in Adobe.",
        );
        continue;
      }
      const denied = new Set(labelsOf(policy.deny));
      const carriers = subject.attributes.filter((attribute) => {
        return answer.fields.some(
          (f) => related(f.path, attribute.path) && f.labels.some((l) => denied.has(policyLabel(l))),
        );
      });
      for (const attribute of carriers)
        report(
          attribute.source,
          policy,
          `is violated by the attribute '${attribute.path}', labelled in a dataset of merge policy ${subject.mergePolicyId}, ${place}.`,
          "Remove the attribute from profileAttributes, or have the data steward review the field's labels or the policy in Adobe.",
        );
      if (carriers.length === 0)
        report(
          action.source,
          policy,
          `is violated by the datasets of merge policy ${subject.mergePolicyId} (labelled as a whole), exported ${place}.`,
          "Export no attributes from those datasets to this destination, or have the data steward review the dataset's labels or the policy in Adobe.",
        );
    }
  }
  return [...problems.values()];
}

/**
 * A field and an attribute are related when one lies inside the other (a label on an object covers its
 * fields). Adobe's pages write field paths as JSON Pointers into the schema (`/properties/a/properties/b`)
 * in one place and as bare names in another: both are read as dotted paths.
 */
function related(labelled: string, attribute: string): boolean {
  const dotted = (path: string) =>
    path
      .replace(/\/properties\//g, "/")
      .replace(/^\/+|\/+$/g, "")
      .replace(/\//g, ".");
  const a = dotted(labelled);
  return a === attribute || attribute.startsWith(`${a}.`) || a.startsWith(`${attribute}.`);
}

/** The labels a deny expression names, at any depth (bounded: the expression is Adobe's, not ours). */
export function labelsOf(expression: unknown, depth = 0): string[] {
  if (depth > 16 || !expression || typeof expression !== "object") return [];
  const e = expression as { label?: unknown; operands?: unknown };
  const own = typeof e.label === "string" ? [e.label] : [];
  const nested = Array.isArray(e.operands) ? e.operands.flatMap((o) => labelsOf(o, depth + 1)) : [];
  return [...own, ...nested];
}

/** A deny expression in words: `C1 AND (C3 OR C7)`, cut short past 200 characters. */
export function denyText(expression: unknown): string {
  const text = render(expression, 0);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text || "(no rule)";
}

function render(expression: unknown, depth: number): string {
  if (depth > 16 || !expression || typeof expression !== "object") return "";
  const e = expression as { label?: unknown; operator?: unknown; operands?: unknown };
  if (Array.isArray(e.operands) && e.operands.length > 0) {
    const operator = e.operator === "AND" ? " AND " : " OR ";
    const parts = e.operands.map((o) => {
      const inner = render(o, depth + 1);
      return inner.includes(" ") ? `(${inner})` : inner;
    });
    return parts.filter(Boolean).join(operator);
  }
  return typeof e.label === "string" ? e.label : "";
}
