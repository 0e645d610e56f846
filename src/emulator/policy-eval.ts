// The Policy Service's judgement, written from help/data-governance/api/evaluation.md: a policy is violated
// when it applies to the marketing action, is ENABLED (or DRAFT with includeDraft), and its `deny`
// expression holds over the labels present (`AND`: every operand, `OR`: any). Labels of a dataset are its
// connection- and dataset-level labels plus its fields' ("Individual fields in a dataset inherit any labels
// that have been applied at the dataset level"); with `entityMeta.fields`, only those fields' labels count,
// a label on an object covering its fields and a field asked for covering the labelled fields inside it.
import { DATASETS, POLICIES, type DenyExpression, type PolicySeed } from "./policy-seed.js";

export interface Discovered {
  entityType: "dataSet";
  entityId: string;
  dataSetLabels: {
    connection: { labels: string[] };
    dataSet: { labels: string[] };
    fields: { labels: string[]; path: string }[];
  };
}

export function holds(expression: DenyExpression, labels: ReadonlySet<string>): boolean {
  if ("label" in expression) return labels.has(expression.label);
  const results = expression.operands.map((o) => holds(o, labels));
  return expression.operator === "AND" ? results.every(Boolean) : results.some(Boolean);
}

/** The policies `action` (`core/NAME`) violates on data bearing `labels`. */
export function violated(action: string, labels: readonly string[], includeDraft: boolean): PolicySeed[] {
  const present = new Set(labels);
  return POLICIES.filter(
    (p) =>
      p.actions.includes(action) &&
      (p.status === "ENABLED" || (includeDraft && p.status === "DRAFT")) &&
      holds(p.deny, present),
  );
}

/**
 * The labels found on one dataset entity, or undefined when no such dataset exists. Fields are read as
 * JSON Pointers (evaluation.md's fields example) or as dotted or bare names (its bulk example's `address`).
 */
export function discover(entityId: string, fields: readonly string[] | undefined): Discovered | undefined {
  const dataset = DATASETS.find((d) => d.id === entityId);
  if (!dataset) return undefined;
  const asked = fields?.map(dotted);
  const kept = dataset.fields.filter(
    (f) => asked === undefined || asked.some((a) => related(dotted(f.path), a) || lastSegment(f.path) === a),
  );
  return {
    entityType: "dataSet",
    entityId,
    dataSetLabels: {
      connection: { labels: [] },
      dataSet: { labels: [...dataset.labels] },
      fields: kept.map((f) => ({ labels: [...f.labels], path: f.path })),
    },
  };
}

/** Every label a discovery found: the dataset's own and its kept fields', sorted, once each. */
export function labelsFound(found: readonly Discovered[]): string[] {
  const all = found.flatMap((d) => [
    ...d.dataSetLabels.connection.labels,
    ...d.dataSetLabels.dataSet.labels,
    ...d.dataSetLabels.fields.flatMap((f) => f.labels),
  ]);
  return [...new Set(all)].sort();
}

function dotted(path: string): string {
  return path
    .replace(/\/properties\//g, "/")
    .replace(/^\/+|\/+$/g, "")
    .replace(/\//g, ".");
}

function related(labelled: string, asked: string): boolean {
  return labelled === asked || asked.startsWith(`${labelled}.`) || labelled.startsWith(`${asked}.`);
}

function lastSegment(path: string): string {
  return dotted(path).split(".").pop() ?? "";
}

/** A policy as policy-service.yaml's PolicyResponse shows it, with its links under the routes that list it. */
export function policyView(policy: PolicySeed, base: string, orgId: string): Record<string, unknown> {
  return {
    id: policy.id,
    name: policy.name,
    status: policy.status,
    marketingActionRefs: policy.actions.map((a) => `${base}/marketingActions/${a}`),
    description: policy.description,
    deny: policy.deny,
    imsOrg: orgId,
    created: 1529696681413,
    createdClient: "{CLIENT_ID}",
    createdUser: "{USER_ID}",
    updated: 1529697651972,
    updatedClient: "{CLIENT_ID}",
    updatedUser: "{USER_ID}",
    _links: { self: { href: `${base}/policies/${policy.kind}/${policy.id}` } },
  };
}
